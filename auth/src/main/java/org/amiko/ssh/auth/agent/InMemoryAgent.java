package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * An ssh-agent in this process (Go's {@code agent.NewKeyring}): it holds key pairs in memory and
 * signs with them. Used directly it is an {@link Agent}; {@link #serve} speaks the agent protocol
 * over any stream pair and {@link #listen} on a Unix-domain socket, so the same client code, and
 * OpenSSH's own {@code ssh-add} and {@code ssh}, can be tested against it.
 *
 * <p>Like OpenSSH's agent it refuses what it cannot do with {@code SSH_AGENT_FAILURE}: unknown
 * keys, malformed requests, constrained adds, extensions, locking. Thread-safe: the keys are
 * guarded by {@code this}.
 */
public final class InMemoryAgent implements Agent {

    private static final System.Logger LOG = System.getLogger(InMemoryAgent.class.getName());

    /** One key the agent holds. */
    private record Held(HostKey key, String comment) {}

    /** Guarded by {@code this}; in the order added, a re-added key keeping its place (as OpenSSH's agent). */
    private final Map<SshPublicKey, Held> keys = new LinkedHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** An agent holding no keys. */
    public InMemoryAgent() {}

    @Override
    public synchronized List<AgentIdentity> identities() {
        List<AgentIdentity> out = new ArrayList<>();
        keys.forEach((key, held) -> out.add(new AgentIdentity(key, held.comment())));
        return out;
    }

    @Override
    public Bytes sign(SshPublicKey key, byte[] data, SignatureAlgorithm algorithm) throws AgentException {
        if (!algorithm.keyType().equals(key.keyType())) {
            throw new IllegalArgumentException(algorithm.wireName() + " cannot sign with a " + key.keyType() + " key");
        }
        Held held;
        synchronized (this) {
            held = keys.get(key);
        }
        if (held == null) {
            throw new AgentException(AgentProtocol.SSH_AGENTC_SIGN_REQUEST, "the agent holds no key " + key);
        }
        return held.key().sign(algorithm, data);
    }

    /**
     * Holds a key pair, after a trial signature shows the halves belong together.
     *
     * @throws IllegalArgumentException for a key SSH does not use, or halves of different pairs
     */
    @Override
    public void add(KeyPair pair, String comment) {
        HostKey key = HostKey.of(pair);
        synchronized (this) {
            keys.put(key.publicKey(), new Held(key, comment));
        }
    }

    @Override
    public synchronized void remove(SshPublicKey key) throws AgentException {
        if (keys.remove(key) == null) {
            throw new AgentException(AgentProtocol.SSH_AGENTC_REMOVE_IDENTITY, "the agent holds no key " + key);
        }
    }

    @Override
    public synchronized void removeAll() {
        keys.clear();
    }

    /** Stops every {@link #listen listener} and forgets every key. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (Listener listener : listeners) {
            try {
                listener.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        removeAll();
        if (failure != null) {
            throw failure;
        }
    }

    // ---- the agent's side of the protocol --------------------------------------------------

    /**
     * Answers requests read from {@code in} on {@code out} until {@code in} ends between frames.
     * A frame longer than {@link AgentProtocol#MAX_MESSAGE} is a {@link ProtocolException} (the
     * caller then drops the connection, as OpenSSH's agent does).
     */
    public void serve(InputStream in, OutputStream out) throws IOException {
        while (true) {
            byte[] request = AgentProtocol.readFrame(in);
            if (request == null) {
                return;
            }
            byte[] reply = answer(request);
            Arrays.fill(request, (byte) 0);
            AgentProtocol.writeFrame(out, reply);
        }
    }

    /** The reply to one request payload; anything this agent cannot do is SSH_AGENT_FAILURE. */
    byte[] answer(byte[] request) {
        int number = request[0] & 0xff;
        try {
            return switch (number) {
                case AgentProtocol.SSH_AGENTC_REQUEST_IDENTITIES -> request.length == 1
                        ? AgentProtocol.identitiesAnswer(identities()) : AgentProtocol.status(false);
                case AgentProtocol.SSH_AGENTC_SIGN_REQUEST -> {
                    AgentProtocol.SignRequest sign = AgentProtocol.decodeSignRequest(request);
                    SshPublicKey key = SshPublicKey.decode(sign.keyBlob());
                    SignatureAlgorithm algorithm = AgentProtocol.algorithm(key.keyType(), sign.flags());
                    yield AgentProtocol.signResponse(sign(key, sign.data().toByteArray(), algorithm));
                }
                case AgentProtocol.SSH_AGENTC_ADD_IDENTITY -> {
                    AgentProtocol.AddIdentity add = AgentProtocol.decodeAddIdentity(request);
                    add(add.pair(), add.comment());
                    yield AgentProtocol.status(true);
                }
                case AgentProtocol.SSH_AGENTC_REMOVE_IDENTITY -> {
                    remove(SshPublicKey.decode(AgentProtocol.decodeRemoveIdentity(request)));
                    yield AgentProtocol.status(true);
                }
                case AgentProtocol.SSH_AGENTC_REMOVE_ALL_IDENTITIES -> {
                    if (request.length != 1) {
                        yield AgentProtocol.status(false);
                    }
                    removeAll();
                    yield AgentProtocol.status(true);
                }
                default -> AgentProtocol.status(false);
            };
        } catch (ProtocolException | AgentException | IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "refused " + AgentProtocol.name(number) + ": " + e.getMessage());
            return AgentProtocol.status(false);
        }
    }

    /**
     * Serves this agent on a new Unix-domain socket in a directory of its own that only we may
     * enter (mode 700, made atomically, as ssh-agent makes {@code /tmp/ssh-XXXXXXXX}), one thread
     * per connection, until the returned listener is closed, which removes both.
     */
    public Listener listen() throws IOException {
        Path dir = Files.createTempDirectory("amiko-agent-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            return listen(dir.resolve("agent.sock"), dir);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(dir);
            throw e;
        }
    }

    /**
     * Serves this agent on a new Unix-domain socket at {@code socket}, one thread per connection,
     * until the returned listener is closed. Whoever can connect to the socket can use the keys,
     * and a socket's own mode can be changed only after it exists: so the socket's directory must
     * be ours and closed to everyone else (mode 700), or the listener is refused.
     */
    public Listener listen(Path socket) throws IOException {
        return listen(socket, null);
    }

    private Listener listen(Path socket, Path ownDirectory) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        requirePrivateDirectory(dir);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            requirePrivateDirectory(dir); // again: the directory must not have changed under us meanwhile
            try {
                Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // the directory's permissions are all there is
            }
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        Listener listener = new Listener(socket, server, ownDirectory);
        listeners.add(listener);
        listener.start();
        return listener;
    }

    /** The directory must be ours and have no permission for group or others (where POSIX modes exist). */
    private static void requirePrivateDirectory(Path dir) throws IOException {
        java.nio.file.attribute.PosixFileAttributes attributes;
        try {
            // not through a link: a link someone else may re-point is no private directory
            attributes = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException notPosix) {
            return;
        }
        String me = System.getProperty("user.name");
        boolean others = attributes.permissions().stream().anyMatch(p -> !p.name().startsWith("OWNER_"));
        if (others || !attributes.isDirectory() || !attributes.owner().getName().equals(me)) {
            throw new IOException("the agent socket's directory " + dir + " must belong to " + me
                    + " and be closed to everyone else (mode 700): whoever reaches the socket can use the keys");
        }
    }

    /** One socket {@link #listen} serves on; {@link #close()} stops it and joins its threads. */
    public final class Listener implements AutoCloseable {

        private static final long JOIN_MILLIS = 5_000;

        private final Path socket;
        private final Path ownDirectory; // made by listen(), removed with the socket; null otherwise
        private final ServerSocketChannel server;
        private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
        /** The connections' threads; the acceptor adds, each removes itself when done. */
        private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
        private final Thread acceptor;
        private volatile boolean closed;

        private Listener(Path socket, ServerSocketChannel server, Path ownDirectory) {
            this.socket = socket;
            this.ownDirectory = ownDirectory;
            this.server = server;
            this.acceptor = new Thread(this::acceptLoop, "amiko-agent-accept");
            acceptor.setDaemon(true);
        }

        private void start() {
            acceptor.start();
        }

        /** The socket's path, for {@code SSH_AUTH_SOCK}. */
        public Path socket() {
            return socket;
        }

        private void acceptLoop() {
            while (!closed) {
                SocketChannel connection;
                try {
                    connection = server.accept();
                } catch (IOException e) {
                    if (!closed) {
                        LOG.log(System.Logger.Level.WARNING, () -> "agent socket " + socket + " failed: " + e);
                    }
                    return;
                }
                connections.add(connection);
                Thread worker = new Thread(() -> serveConnection(connection), "amiko-agent-connection");
                worker.setDaemon(true);
                workers.add(worker);
                if (closed) {
                    closeQuietly(connection);
                }
                worker.start();
            }
        }

        private void serveConnection(SocketChannel connection) {
            try (connection) {
                serve(Channels.newInputStream(connection), Channels.newOutputStream(connection));
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "agent connection ended: " + e);
                }
            } finally {
                connections.remove(connection);
                workers.remove(Thread.currentThread());
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            listeners.remove(this);
            server.close();
            connections.forEach(Listener::closeQuietly);
            try {
                // Once the acceptor has ended no worker is added; each closes a connection it sees after closed.
                acceptor.join(JOIN_MILLIS);
                for (Thread worker : workers) {
                    worker.join(JOIN_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Files.deleteIfExists(socket);
            if (ownDirectory != null) {
                Files.deleteIfExists(ownDirectory);
            }
        }

        private static void closeQuietly(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the thread serving it ends either way
            }
        }

        @Override
        public String toString() {
            return "InMemoryAgent.Listener[" + socket + "]";
        }
    }
}
