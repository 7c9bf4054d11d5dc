package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;

/**
 * A client of a running ssh-agent (OpenSSH's, or any other that speaks draft-miller-ssh-agent)
 * over the Unix-domain socket named by {@code SSH_AUTH_SOCK}. One connection, one request at a
 * time; every request waits at most the timeout given at {@link #connect(Path, Duration)}.
 *
 * <p>A refusal ({@code SSH_AGENT_FAILURE}) is an {@link AgentException} and leaves the connection
 * usable. An agent that does not answer in time, closes the socket, or sends a frame longer than
 * {@link AgentProtocol#MAX_MESSAGE} leaves the stream in an unknown state, so the connection is
 * closed: a {@link ConnectionClosedException} (or, for the frame, a {@link ProtocolException}),
 * and every later call fails the same way.
 */
public final class UnixSocketAgent implements Agent {

    /** The environment variable OpenSSH's tools read the socket path from. */
    public static final String SSH_AUTH_SOCK = "SSH_AUTH_SOCK";

    /**
     * How long a request may take by default. Generous, because an agent may ask its user before
     * it signs (keys added with {@code ssh-add -c}).
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(UnixSocketAgent.class.getName());

    private final Path socket;
    private final Duration timeout;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    /** Held for a whole request and its answer: the protocol has no request ids. Guards the channel's stream position. */
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private UnixSocketAgent(Path socket, Duration timeout, SocketChannel channel, Selector selector, SelectionKey key) {
        this.socket = socket;
        this.timeout = timeout;
        this.channel = channel;
        this.selector = selector;
        this.key = key;
    }

    /** Connects to the agent listening on {@code socket}, with the {@link #DEFAULT_TIMEOUT}. */
    public static UnixSocketAgent connect(Path socket) throws IOException {
        return connect(socket, DEFAULT_TIMEOUT);
    }

    /** Connects to the agent listening on {@code socket}; each request then waits at most {@code timeout}. */
    public static UnixSocketAgent connect(Path socket, Duration timeout) throws IOException {
        Objects.requireNonNull(socket, "socket");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try {
            channel.configureBlocking(false);
            selector = Selector.open();
            SelectionKey key = channel.register(selector, 0);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                while (!channel.finishConnect()) {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        throw new ConnectionClosedException("the ssh-agent at " + socket + " did not accept within " + timeout);
                    }
                    key.interestOps(SelectionKey.OP_CONNECT);
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
                    selector.selectedKeys().clear();
                }
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "connected to the ssh-agent at " + socket);
            return new UnixSocketAgent(socket, timeout, channel, selector, key);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            if (e instanceof SshException ssh) {
                throw ssh;
            }
            throw new SshException("cannot connect to the ssh-agent at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** Connects to the agent named by {@code SSH_AUTH_SOCK}, with the {@link #DEFAULT_TIMEOUT}. */
    public static UnixSocketAgent fromEnvironment() throws IOException {
        return fromEnvironment(System.getenv(SSH_AUTH_SOCK), DEFAULT_TIMEOUT);
    }

    /** Connects to the agent named by {@code SSH_AUTH_SOCK}; an {@link SshException} saying so when it is unset. */
    public static UnixSocketAgent fromEnvironment(Duration timeout) throws IOException {
        return fromEnvironment(System.getenv(SSH_AUTH_SOCK), timeout);
    }

    /** {@link #fromEnvironment(Duration)} with the variable's value given, for tests. */
    static UnixSocketAgent fromEnvironment(String sshAuthSock, Duration timeout) throws IOException {
        if (sshAuthSock == null || sshAuthSock.isBlank()) {
            throw new SshException(SSH_AUTH_SOCK + " is not set, so there is no ssh-agent to use: start one"
                    + " (eval \"$(ssh-agent)\") and load keys with ssh-add, or use key files");
        }
        return connect(Path.of(sshAuthSock), timeout);
    }

    public Path socket() {
        return socket;
    }

    public Duration timeout() {
        return timeout;
    }

    @Override
    public List<AgentIdentity> identities() throws IOException {
        return AgentProtocol.decodeIdentitiesAnswer(call(AgentProtocol.requestIdentities()));
    }

    @Override
    public Bytes sign(SshPublicKey key, byte[] data, SignatureAlgorithm algorithm) throws IOException {
        if (!algorithm.keyType().equals(key.keyType())) {
            throw new IllegalArgumentException(algorithm.wireName() + " cannot sign with a " + key.keyType() + " key");
        }
        Bytes signature = AgentProtocol.decodeSignResponse(
                call(AgentProtocol.signRequest(key, data, AgentProtocol.flags(algorithm))));
        // An agent that ignores the flags answers ssh-rsa (SHA-1): refuse it rather than send it.
        String name = SshReader.of(signature).readUtf8();
        if (!name.equals(algorithm.wireName())) {
            throw new ProtocolException("asked the ssh-agent for " + algorithm.wireName() + ", it signed with "
                    + AgentProtocol.printable(name));
        }
        return signature;
    }

    @Override
    public void add(KeyPair pair, String comment) throws IOException {
        byte[] request = AgentProtocol.addIdentity(pair, comment);
        try {
            expectSuccess(call(request));
        } finally {
            Arrays.fill(request, (byte) 0);
        }
    }

    @Override
    public void remove(SshPublicKey key) throws IOException {
        expectSuccess(call(AgentProtocol.removeIdentity(key)));
    }

    @Override
    public void removeAll() throws IOException {
        expectSuccess(call(AgentProtocol.removeAllIdentities()));
    }

    private static void expectSuccess(byte[] reply) throws ProtocolException {
        if (reply.length != 1 || reply[0] != AgentProtocol.SSH_AGENT_SUCCESS) {
            throw new ProtocolException("expected SSH_AGENT_SUCCESS, got " + AgentProtocol.name(reply[0] & 0xff)
                    + " (" + reply.length + " bytes)");
        }
    }

    /**
     * Sends one request and returns the agent's answer, unless it is a failure. Wipes the frame
     * it sent (an ADD_IDENTITY frame holds a private key).
     */
    private byte[] call(byte[] request) throws IOException {
        int number = request[0] & 0xff;
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!lock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new ConnectionClosedException("another request to the ssh-agent held the connection for " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to ask the ssh-agent");
        }
        try {
            if (closed) {
                throw new ConnectionClosedException("the connection to the ssh-agent at " + socket + " is closed");
            }
            byte[] frame = AgentProtocol.frame(request);
            try {
                writeFully(ByteBuffer.wrap(frame), deadline, number);
            } finally {
                Arrays.fill(frame, (byte) 0);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "-> " + AgentProtocol.name(number) + " (" + request.length + " bytes)");
            ByteBuffer header = ByteBuffer.allocate(4);
            readFully(header, deadline, number);
            // The length is checked before the body is allocated.
            ByteBuffer body = ByteBuffer.allocate(AgentProtocol.checkLength(header.getInt(0) & 0xffffffffL));
            readFully(body, deadline, number);
            byte[] reply = body.array();
            int answer = reply[0] & 0xff;
            LOG.log(System.Logger.Level.DEBUG, () -> "<- " + AgentProtocol.name(answer) + " (" + reply.length + " bytes)");
            if (AgentProtocol.isFailure(answer)) {
                throw new AgentException(number, "the ssh-agent refused " + AgentProtocol.name(number)
                        + " (" + AgentProtocol.name(answer) + ")");
            }
            return reply;
        } catch (AgentException e) {
            throw e;
        } catch (ProtocolException | ConnectionClosedException e) {
            closeQuietly();
            throw e;
        } catch (ClosedSelectorException | CancelledKeyException e) {
            // close() ran in another thread while this one waited
            closeQuietly();
            throw new ConnectionClosedException("the connection to the ssh-agent was closed during " + AgentProtocol.name(number));
        } catch (IOException e) {
            closeQuietly();
            throw new ConnectionClosedException("the connection to the ssh-agent failed during "
                    + AgentProtocol.name(number) + ": " + e, e);
        } finally {
            lock.unlock();
        }
    }

    private void writeFully(ByteBuffer buf, long deadline, int request) throws IOException {
        while (buf.hasRemaining()) {
            if (channel.write(buf) == 0) {
                await(SelectionKey.OP_WRITE, deadline, request);
            }
        }
    }

    private void readFully(ByteBuffer buf, long deadline, int request) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf);
            if (n < 0) {
                throw new ConnectionClosedException("the ssh-agent closed the connection before answering "
                        + AgentProtocol.name(request));
            }
            if (n == 0) {
                await(SelectionKey.OP_READ, deadline, request);
            }
        }
    }

    /** Waits until the channel is ready for {@code op}; a {@link ConnectionClosedException} at the deadline. */
    private void await(int op, long deadline, int request) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw new ConnectionClosedException("the ssh-agent did not answer " + AgentProtocol.name(request)
                    + " within " + timeout + "; connection closed");
        }
        key.interestOps(op);
        // select(0) would wait forever: never pass it.
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
        selector.selectedKeys().clear();
        if (closed) {
            throw new ConnectionClosedException("the connection to the ssh-agent was closed during " + AgentProtocol.name(request));
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // closing is best effort once the stream is out of step
        }
    }

    /** Closes the connection; a request under way in another thread fails with a {@link ConnectionClosedException}. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            channel.close();
        } finally {
            selector.close();
        }
    }

    @Override
    public String toString() {
        return "UnixSocketAgent[" + socket + "]";
    }
}
