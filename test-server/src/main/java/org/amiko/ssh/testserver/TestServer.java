package org.amiko.ssh.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.server.KeyboardInteractiveChallenge;
import org.amiko.ssh.auth.server.ServerAuthConfig;
import org.amiko.ssh.channel.forward.TcpipForwardServer;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * An SSH server for tests, in this JVM: amiko's server role of transport, auth and channel behind
 * a builder. By default it listens on 127.0.0.1 on a free port with fresh in-memory host keys
 * (ssh-ed25519, ecdsa-sha2-nistp256, rsa), offers every algorithm of the transport module but the
 * SHA-1 ones (those only with {@link Builder#legacyAlgorithms}), admits nobody until users are added, runs exec
 * commands with {@code /bin/sh -c} as the user running the tests, refuses shells, and allows
 * {@code direct-tcpip} and {@code tcpip-forward} on 127.0.0.1 only.
 *
 * <pre>{@code
 * try (TestServer server = TestServer.builder().user("alice", "secret").start()) {
 *     connect to server.host():server.port(), trusting server.knownHostsLines()
 * }
 * }</pre>
 *
 * <p>{@link #close()} disconnects every client, stops every thread the server started and frees
 * the port at once.
 */
public final class TestServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(TestServer.class.getName());

    private final ServerSocket listener;
    private final List<HostKey> hostKeys;
    private final ServerSettings settings;
    private final Set<ServerConnection> connections = ConcurrentHashMap.newKeySet();
    /** Connections not yet authenticated, oldest first. */
    private final java.util.concurrent.ConcurrentLinkedDeque<ServerConnection> unauthenticated =
            new java.util.concurrent.ConcurrentLinkedDeque<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger authenticated = new AtomicInteger();
    private final Thread acceptor;
    private volatile boolean closed;

    private TestServer(ServerSocket listener, List<HostKey> hostKeys, ServerSettings settings) {
        this.listener = listener;
        this.hostKeys = hostKeys;
        this.settings = settings;
        this.acceptor = newThread(this::acceptLoop, "amiko-test-server-accept-" + listener.getLocalPort());
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- what it is ---------------------------------------------------------------------------

    /** The address it listens on, as a client would connect to it (127.0.0.1 by default). */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), port());
    }

    public List<HostKey> hostKeys() {
        return hostKeys;
    }

    /** The first host key's public half. */
    public SshPublicKey hostKey() {
        return hostKeys.get(0).publicKey();
    }

    /** One known_hosts line per host key, for {@code [host]:port} (or {@code host} on port 22). */
    public List<String> knownHostsLines() {
        String name = port() == 22 ? host() : "[" + host() + "]:" + port();
        List<String> lines = new ArrayList<>();
        for (HostKey k : hostKeys) {
            lines.add(name + " " + k.publicKey().keyType() + " "
                    + Base64.getEncoder().encodeToString(k.publicKey().blob().toByteArray()));
        }
        return lines;
    }

    /** Writes {@link #knownHostsLines()} to {@code file} and returns it. */
    public Path writeKnownHosts(Path file) throws IOException {
        Files.write(file, knownHostsLines(), StandardCharsets.US_ASCII);
        return file;
    }

    /** Connections accepted so far. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Connections open now. */
    public int openConnections() {
        return connections.size();
    }

    // ---- running ------------------------------------------------------------------------------

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "accept: {0}", e.toString());
                continue;
            }
            accepted.incrementAndGet();
            if (closed) {
                closeQuietly(socket);
                continue;
            }
            // Unauthenticated connections are capped. Past the cap, the oldest that has not finished
            // its key exchange makes way for the newcomer: a crowd of half-open connections cannot
            // lock a well-behaved client out, while a client that got through the key exchange keeps
            // its place until the authentication deadline, however slowly it types its password.
            // When every unauthenticated client is past its key exchange, the newcomer is refused
            // (as by sshd's MaxStartups).
            while (unauthenticated.size() >= settings.maxUnauthenticated()
                    || (connections.size() >= settings.maxConnections() && !unauthenticated.isEmpty())) {
                ServerConnection stalled = oldestInKeyExchange();
                if (stalled == null) {
                    break;
                }
                stalled.abort(); // on its own thread: closing the socket ends it without waiting here
            }
            if (unauthenticated.size() >= settings.maxUnauthenticated() || connections.size() >= settings.maxConnections()) {
                closeQuietly(socket);
                continue;
            }
            try {
                socket.setTcpNoDelay(true);
            } catch (SocketException ignored) {
                // best effort
            }
            ServerConnection c;
            try {
                c = ServerConnection.accepted(this, socket, settings);
            } catch (IOException e) {
                closeQuietly(socket);
                continue;
            }
            connections.add(c);
            unauthenticated.add(c);
            newThread(c, "amiko-test-server-" + socket.getPort()).start();
        }
    }

    /**
     * Serves one client over a stream pair on the calling thread, until the connection ends: an
     * inetd-style server, or an in-memory pipe in tests (the fuzz tests drive it so). Returns why
     * the connection ended (the client's DISCONNECT, end of stream, a protocol error), or null
     * when this server closed it. A RuntimeException propagates: it is a bug of ours.
     *
     * @param peerAddress the client's address, for {@code from=} restrictions
     */
    public IOException serve(InputStream in, OutputStream out, String peerAddress) {
        ServerConnection c = new ServerConnection(this, in, out, peerAddress, 0, () -> {
            in.close();
            out.close();
        }, settings);
        connections.add(c);
        if (closed) {
            c.close();
        }
        return c.serve();
    }

    /** The oldest unauthenticated connection still in its version or key exchange, taken out of the queue; or null. */
    private ServerConnection oldestInKeyExchange() {
        for (ServerConnection c : unauthenticated) {
            if (!c.pastKeyExchange() && unauthenticated.remove(c)) {
                return c;
            }
        }
        return null;
    }

    /** Called by a connection once its client has authenticated: it is no longer the first to go. */
    void authenticated(ServerConnection c) {
        unauthenticated.remove(c);
        authenticated.incrementAndGet();
    }

    /** Connections whose client authenticated, since the server started. */
    public int authenticatedConnections() {
        return authenticated.get();
    }

    void ended(ServerConnection c) {
        unauthenticated.remove(c);
        connections.remove(c);
    }

    private Thread newThread(Runnable r, String name) {
        Thread t = settings.threads().newThread(() -> {
            try {
                r.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        t.setName(name);
        threads.add(t);
        return t;
    }

    /** Stops listening, disconnects every client and waits (5 s at most) for the server's threads to end. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        for (ServerConnection c : connections) {
            c.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        for (Thread t : List.copyOf(threads)) {
            long left = deadline - System.nanoTime();
            if (left > 0 && t != Thread.currentThread()) {
                try {
                    t.join(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    // ---- building -----------------------------------------------------------------------------

    /** Settings for one server; {@link #start()} binds and starts accepting. */
    public static final class Builder {
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private int port;
        private final List<HostKey> hostKeys = new ArrayList<>();
        private Consumer<TransportConfig.Builder> transport = b -> { };
        private Users users = Users.none();
        private CommandHandler commands = new ProcessCommandHandler();
        private CommandHandler shell;
        private final Map<String, CommandHandler> subsystems = new HashMap<>();
        private BiPredicate<String, Integer> directTcpip = (host, port) -> isLoopback(host);
        private Predicate<String> tcpipForward = Builder::isLoopback;
        private Knobs knobs = Knobs.NONE;
        private boolean legacyAlgorithms;
        private boolean permitUserEnvironment;
        private List<String> acceptEnv = List.of("LANG", "LC_*");
        private int maxConnections = 256;
        private int maxUnauthenticated = 100;
        private int maxSessions = 10;
        private int maxChannels = 1024;
        private int maxForwardListeners = TcpipForwardServer.DEFAULT_MAX_LISTENERS;
        private Duration authTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ZERO;
        private ThreadFactory threads = r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        };

        private Builder() {
        }

        public Builder bindAddress(InetAddress v) {
            bindAddress = Objects.requireNonNull(v);
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int v) {
            if (v < 0 || v > 65535) {
                throw new IllegalArgumentException("port " + v);
            }
            port = v;
            return this;
        }

        /** Host keys to serve; without any, ed25519, ecdsa-sha2-nistp256 and rsa keys are generated. */
        public Builder hostKey(HostKey key) {
            hostKeys.add(Objects.requireNonNull(key));
            return this;
        }

        /** Changes the transport settings: algorithm lists, timeouts, rekey limits. */
        public Builder transport(Consumer<TransportConfig.Builder> change) {
            transport = transport.andThen(change);
            return this;
        }

        /** A user who logs in with this password (and with it for keyboard-interactive). */
        public Builder user(String name, String password) {
            users = users.withPassword(name, password);
            return this;
        }

        /** A key that admits {@code user}, or any user when {@code user} is {@link Users#ANY_USER}. */
        public Builder authorizedKey(String user, SshPublicKey key) {
            users = users.withKey(user, key);
            return this;
        }

        /**
         * A key that admits {@code user} (or any user, {@link Users#ANY_USER}) under its
         * authorized_keys options, enforced as sshd(8) does: {@code command=} (the client's command
         * in {@code SSH_ORIGINAL_COMMAND}), {@code from=}, {@code expiry-time=}, {@code restrict},
         * {@code no-pty}, {@code no-port-forwarding}, {@code permitopen=}, {@code permitlisten=},
         * {@code environment=} (only with {@link #permitUserEnvironment}).
         */
        public Builder authorizedKey(String user, AuthorizedKey line) {
            users = users.withKey(user, line);
            return this;
        }

        /**
         * sshd's AcceptEnv: the names of the {@code env} requests a session takes, with {@code *}
         * and {@code ?} ({@code LANG} and {@code LC_*} by default, as Debian's sshd_config has it).
         * Names that change how a command is started ({@code LD_*}, {@code PERL*}, {@code BASH_ENV},
         * {@code ENV}, {@code IFS}, {@code SHELLOPTS}) and {@code SSH_ORIGINAL_COMMAND} are refused
         * whatever the patterns say; under a key's {@code command=} no client variable is passed.
         */
        public Builder acceptEnv(String... patterns) {
            acceptEnv = List.of(patterns);
            return this;
        }

        /** sshd's PermitUserEnvironment: whether {@code environment=} options of keys are applied (off by default). */
        public Builder permitUserEnvironment(boolean v) {
            permitUserEnvironment = v;
            return this;
        }

        /**
         * Connections that have not yet authenticated, at most (100 by default, sshd's MaxStartups
         * full limit). When a new one arrives past it, the oldest that has not finished its key
         * exchange is dropped to make way; when there is none, the newcomer is refused.
         */
        public Builder maxUnauthenticated(int v) {
            maxUnauthenticated = atLeast(1, v, "maxUnauthenticated");
            return this;
        }

        /** sshd's MaxSessions: session channels open at once on one connection (10 by default). */
        public Builder maxSessions(int v) {
            maxSessions = atLeast(1, v, "maxSessions");
            return this;
        }

        /** Channels of any type one connection may have at once (1024 by default); more are refused with RESOURCE_SHORTAGE. */
        public Builder maxChannels(int v) {
            maxChannels = atLeast(1, v, "maxChannels");
            return this;
        }

        /** tcpip-forward listeners one connection may hold at once ({@value TcpipForwardServer#DEFAULT_MAX_LISTENERS} by default). */
        public Builder maxForwardListeners(int v) {
            maxForwardListeners = atLeast(0, v, "maxForwardListeners");
            return this;
        }

        /** Replaces the keyboard-interactive dialogue (by default: one password prompt). */
        public Builder keyboardInteractive(KeyboardInteractiveChallenge challenge) {
            users = users.withChallenge(challenge);
            return this;
        }

        /** How exec commands run; by default {@link ProcessCommandHandler} ({@code /bin/sh -c}). */
        public Builder commands(CommandHandler v) {
            commands = Objects.requireNonNull(v);
            return this;
        }

        /** How shell requests run; refused unless set. */
        public Builder shell(CommandHandler v) {
            shell = v;
            return this;
        }

        public Builder subsystem(String name, CommandHandler handler) {
            subsystems.put(name, handler);
            return this;
        }

        /** Which direct-tcpip destinations (host, port) are allowed; by default loopback addresses only. */
        public Builder directTcpip(BiPredicate<String, Integer> allowed) {
            directTcpip = Objects.requireNonNull(allowed);
            return this;
        }

        /** Which tcpip-forward bind addresses are allowed; by default loopback addresses only. */
        public Builder tcpipForward(Predicate<String> allowed) {
            tcpipForward = Objects.requireNonNull(allowed);
            return this;
        }

        /**
         * Also offers the SHA-1 algorithms (diffie-hellman-group14-sha1, -group-exchange-sha1,
         * ssh-rsa signatures, hmac-sha1), to test clients that still need them; off by default,
         * as in sshd.
         */
        public Builder legacyAlgorithms(boolean v) {
            legacyAlgorithms = v;
            return this;
        }

        public Builder knobs(Knobs v) {
            knobs = Objects.requireNonNull(v);
            return this;
        }

        public Builder maxConnections(int v) {
            maxConnections = atLeast(1, v, "maxConnections");
            return this;
        }

        /** Time for the key exchange and for authentication, each; 10 s by default. */
        public Builder authTimeout(Duration v) {
            authTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** A connection with no channel open for this long is disconnected; zero (the default) never. */
        public Builder idleTimeout(Duration v) {
            idleTimeout = Objects.requireNonNull(v);
            return this;
        }

        public Builder threads(ThreadFactory v) {
            threads = Objects.requireNonNull(v);
            return this;
        }

        private static int atLeast(int min, int v, String name) {
            if (v < min) {
                throw new IllegalArgumentException(name + " " + v + " (at least " + min + ")");
            }
            return v;
        }

        static boolean isLoopback(String host) {
            return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1") || host.equals("[::1]");
        }

        public TestServer start() throws IOException {
            List<HostKey> keys = new ArrayList<>(hostKeys);
            if (keys.isEmpty()) {
                SecureRandom random = new SecureRandom();
                for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa")) {
                    keys.add(HostKey.generate(type, random));
                }
            }
            // every algorithm the transport has; the SHA-1 ones only when asked for
            TransportConfig.Builder t = TransportConfig.builder().hostKeys(keys).handshakeTimeout(authTimeout);
            if (legacyAlgorithms) {
                t.kexAlgorithms(KexMethods.supportedNames()).hostKeyAlgorithms(SignatureAlgorithm.supportedNames())
                        .macs(Macs.supportedNames());
            }
            if (knobs.version() != null) {
                t.identification(knobs.version());
            }
            if (knobs.guessedKexPacket()) {
                List<String> kex = new ArrayList<>(legacyAlgorithms ? KexMethods.supportedNames() : KexMethods.defaultNames());
                kex.remove(Knobs.GUESS_KEX);
                kex.add(0, Knobs.GUESS_KEX);
                t.kexAlgorithms(kex); // and the wrong guess after KEXINIT: a transport seam (ServerConnection)
            }
            if (knobs.rekeyEveryBytes() > 0) {
                t.rekeyBytes(knobs.rekeyEveryBytes());
            }
            transport.accept(t);
            ServerAuthConfig auth = ServerAuthConfig.of(users.publicKeyChecker(), users.passwordChecker(),
                    users.keyboardInteractive()).withLimits(6, authTimeout);
            if (knobs.banner() != null) {
                auth = auth.withBanner(knobs.banner());
            }
            if (knobs.requiredMethods() != null) {
                auth = auth.withRequiredMethods(knobs.requiredMethods());
            }
            ServerSettings settings = new ServerSettings(t.build(), auth, commands, shell, Map.copyOf(subsystems),
                    directTcpip, tcpipForward, knobs, maxConnections, maxUnauthenticated, idleTimeout, threads, permitUserEnvironment,
                    acceptEnv, maxSessions, maxChannels, maxForwardListeners);
            ServerSocket listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(bindAddress, port), 128);
            TestServer server = new TestServer(listener, List.copyOf(keys), settings);
            server.acceptor.start();
            return server;
        }
    }
}
