package org.amiko.ssh.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amiko.ssh.channel.ChannelTimeoutException;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.channel.forward.RemotePortForwarder;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.kex.NegotiatedAlgorithms;
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

    private void checkForwardingAllowed() throws IOException {
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

    /**
     * Runs {@code command} with no input and collects all of stdout and stderr, read at once on two
     * threads so that neither can fill up and stall the command; waits at most {@code timeout}.
     */
    public CommandResult run(String command, Duration timeout) throws IOException {
        try (RemoteProcess p = exec(command)) {
            p.session().stdout().setTimeout(timeout);
            p.session().stderr().setTimeout(timeout);
            p.stdin().close();
            CompletableFuture<Bytes> err = CompletableFuture.supplyAsync(() -> readAll(p.stderr()));
            Bytes out = readAll(p.stdout());
            Bytes errBytes;
            try {
                errBytes = err.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new ChannelTimeoutException("the stderr of \"" + command + "\" did not end within " + timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while running " + command);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
            }
            ExitStatus status = p.waitFor(timeout);
            return new CommandResult(out, errBytes, status);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static Bytes readAll(InputStream in) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            in.transferTo(buf);
            return Bytes.of(buf.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
