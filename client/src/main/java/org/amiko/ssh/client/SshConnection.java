package org.amiko.ssh.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amiko.ssh.channel.ChannelInputStream;
import org.amiko.ssh.channel.ChannelTimeoutException;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.channel.forward.RemotePortForwarder;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * An authenticated connection to a server ({@link SshClient#connect}). Safe to use from several
 * threads at once: each command is a channel of its own. Close it when done.
 */
public final class SshConnection implements AutoCloseable {

    private final Connection connection;
    private final String host;
    private final int port;
    private final String user;
    private volatile RemotePortForwarder remoteForwarder;
    private volatile AutoCloseable underneath; // the jump host's tunnel channel, for connectVia
    /** The host key was a changed one that the policy accepted: no forwarding, as ssh(1). */
    private final boolean forwardingDisabled;

    SshConnection(Connection connection, String host, int port, String user, boolean forwardingDisabled) {
        this.connection = connection;
        this.host = host;
        this.port = port;
        this.user = user;
        this.forwardingDisabled = forwardingDisabled;
    }

    void checkForwardingAllowed() throws IOException {
        if (forwardingDisabled) {
            throw new IOException("Port forwarding is disabled to avoid man-in-the-middle attacks: the host key of "
                    + host + " has changed");
        }
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    /** The algorithms of the latest key exchange. */
    public NegotiatedAlgorithms negotiated() {
        return connection.transport().negotiated();
    }

    /** The connection protocol underneath: channels, global requests, forwarding. */
    public Connection connection() {
        return connection;
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Starts {@code command} (exec, RFC 4254 §6.5) and returns at once. */
    public RemoteProcess exec(String command) throws IOException {
        SessionChannel s = connection.openSession();
        try {
            s.exec(command);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return new RemoteProcess(s, command);
    }

    /** A session channel to set up yourself (pty, env, shell, subsystem). */
    public SessionChannel openSession() throws IOException {
        return connection.openSession();
    }

    /** The most output {@link #run(String, Duration)} keeps of each stream: a server cannot fill our heap. */
    public static final long DEFAULT_MAX_OUTPUT = 64L << 20;

    /**
     * Runs {@code command} with no input and collects all of stdout and stderr (at most {@link
     * #DEFAULT_MAX_OUTPUT} bytes of each), read at once on two threads so that neither can fill up
     * and stall the command; takes at most {@code timeout} in all.
     */
    public CommandResult run(String command, Duration timeout) throws IOException {
        return run(command, timeout, DEFAULT_MAX_OUTPUT);
    }

    /**
     * Runs {@code command} as {@link #run(String, Duration)} does. {@code timeout} bounds the whole
     * run, not each read: a server that trickles a byte now and then cannot stretch it. More than
     * {@code maxOutputBytes} on either stream ends the command's channel with an IOException.
     */
    public CommandResult run(String command, Duration timeout, long maxOutputBytes) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (RemoteProcess p = exec(command)) {
            p.stdin().close();
            CompletableFuture<Bytes> err = new CompletableFuture<>();
            Thread stderr = new Thread(() -> {
                try {
                    err.complete(readAll(p.session().stderr(), deadline, maxOutputBytes, command, "stderr"));
                } catch (IOException | RuntimeException e) {
                    err.completeExceptionally(e);
                }
            }, "amiko-run-stderr");
            stderr.setDaemon(true);
            stderr.start();
            Bytes out = readAll(p.session().stdout(), deadline, maxOutputBytes, command, "stdout");
            Bytes errBytes;
            try {
                errBytes = err.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new ChannelTimeoutException("\"" + command + "\" did not end within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while running " + command);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ChannelTimeoutException("\"" + command + "\" did not end within " + timeout);
            }
            ExitStatus status = p.waitFor(Duration.ofNanos(left));
            return new CommandResult(out, errBytes, status);
        }
    }

    /** Reads to the end, each read waiting only what is left before {@code deadline}, keeping at most {@code max} bytes. */
    private static Bytes readAll(ChannelInputStream in, long deadline, long max, String command, String stream) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[32 * 1024];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new ChannelTimeoutException("the " + stream + " of \"" + command + "\" did not end in time");
            }
            in.setTimeout(Duration.ofNanos(left));
            int n = in.read(chunk);
            if (n < 0) {
                return Bytes.of(buf.toByteArray());
            }
            if (buf.size() + (long) n > max) {
                throw new IOException("the " + stream + " of \"" + command + "\" exceeded " + max + " bytes");
            }
            buf.write(chunk, 0, n);
        }
    }

    /** {@code ssh -L}: listens on 127.0.0.1:{@code localPort} (0: any free port) and forwards to {@code host:port} via the server. */
    public LocalPortForwarder forwardLocal(int localPort, String targetHost, int targetPort) throws IOException {
        checkForwardingAllowed();
        return LocalPortForwarder.start(connection, InetAddress.getLoopbackAddress(), localPort, targetHost, targetPort);
    }

    /** {@code ssh -R}: the server listens on {@code bindAddress:port} and forwards to {@code targetHost:targetPort} here; returns the port. */
    public int forwardRemote(String bindAddress, int port, String targetHost, int targetPort) throws IOException {
        checkForwardingAllowed();
        RemotePortForwarder f = remoteForwarder;
        if (f == null) {
            synchronized (this) {
                if (remoteForwarder == null) {
                    remoteForwarder = RemotePortForwarder.on(connection);
                }
                f = remoteForwarder;
            }
        }
        return f.forward(bindAddress, port, targetHost, targetPort);
    }

    void alsoClose(AutoCloseable c) {
        underneath = c;
    }

    /** Disconnects (BY_APPLICATION) and ends every channel (and, through a jump host, the tunnel channel). */
    @Override
    public void close() {
        connection.close();
        AutoCloseable u = underneath;
        if (u != null) {
            try {
                u.close();
            } catch (Exception ignored) {
                // the jump connection may be gone already
            }
        }
    }
}
