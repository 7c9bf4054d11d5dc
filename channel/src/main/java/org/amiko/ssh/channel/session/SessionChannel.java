package org.amiko.ssh.channel.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelInputStream;
import org.amiko.ssh.channel.ChannelOutputStream;
import org.amiko.ssh.channel.ChannelTimeoutException;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.RequestRefusedException;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The client side of a session channel (RFC 4254 §6): optional pty and environment, then one
 * of exec, shell or subsystem; the command's stdin, stdout and stderr as streams; signals; and
 * its end as an {@link ExitStatus} future, completed by {@code exit-status} or {@code
 * exit-signal}, or as {@link ExitStatus.Unknown} when the channel closes without either.
 *
 * <p>stdout and stderr have separate buffers under one window: reading one to its end while the
 * command writes much to the other does not deadlock (see {@link ChannelInputStream}).
 */
public final class SessionChannel implements AutoCloseable {

    private final Duration requestTimeout;
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile boolean peerStoppedReading;

    private SessionChannel(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /** Opens a session channel on {@code connection}. */
    public static SessionChannel open(Connection connection, Duration timeout) throws IOException {
        // the state exists before the open, so that no request of the server can come too early for it
        SessionChannel s = new SessionChannel(connection.config().requestTimeout());
        s.channel = connection.open("session", Bytes.EMPTY, new ChannelHandler() {
            @Override
            public boolean request(Channel c, ChannelRequest r) throws IOException {
                return s.onRequest(r);
            }
        }, timeout);
        s.channel.closedFuture().whenComplete((v, e) -> s.exit.complete(new ExitStatus.Unknown()));
        return s;
    }

    private boolean onRequest(ChannelRequest r) throws IOException {
        SessionRequest request = SessionRequest.decode(r);
        if (request instanceof SessionRequest.ExitStatusRequest s) {
            exit.complete(new ExitStatus.Exited(s.code()));
            return true;
        }
        if (request instanceof SessionRequest.ExitSignal s) {
            exit.complete(new ExitStatus.Killed(s.signal(), s.coreDumped(), s.errorMessage(), s.languageTag()));
            return true;
        }
        if (request instanceof SessionRequest.EndOfWrite) {
            peerStoppedReading = true;
            return true;
        }
        return false; // keepalive@openssh.com and anything else: FAILURE, as OpenSSH's client answers
    }

    public Channel channel() {
        return channel;
    }

    // ---- before the command -------------------------------------------------------------------

    /** §6.2: asks for a pseudo-terminal. */
    public void requestPty(String term, int columns, int rows, TerminalModes modes) throws IOException {
        require(new SessionRequest.PtyReq(term, columns, rows, 0, 0, modes));
    }

    /** §6.4: sets one environment variable; false if the server refused it (sshd takes only what AcceptEnv names). */
    public boolean setEnv(String name, String value) throws IOException {
        SessionRequest.Env env = new SessionRequest.Env(name, value);
        return channel.request(env.type(), env.data(), requestTimeout);
    }

    // ---- the command --------------------------------------------------------------------------

    /** §6.5: runs {@code command}; a refusal is a {@link RequestRefusedException}. */
    public void exec(String command) throws IOException {
        require(new SessionRequest.Exec(command));
    }

    /** §6.5: starts the user's shell. */
    public void shell() throws IOException {
        require(new SessionRequest.Shell());
    }

    /** §6.5: starts a subsystem such as {@code sftp}. */
    public void subsystem(String name) throws IOException {
        require(new SessionRequest.Subsystem(name));
    }

    private void require(SessionRequest request) throws IOException {
        if (!channel.request(request.type(), request.data(), requestTimeout)) {
            throw new RequestRefusedException(request.type(), "the server refused " + request.type()
                    + " on session channel " + channel.localId());
        }
    }

    // ---- while it runs ------------------------------------------------------------------------

    /** The command's stdin; closing it sends EOF. */
    public ChannelOutputStream stdin() {
        return channel.getOutputStream();
    }

    public ChannelInputStream stdout() {
        return channel.getInputStream();
    }

    public ChannelInputStream stderr() {
        return channel.getExtendedInputStream();
    }

    /** §6.7: the terminal changed size. */
    public void windowChange(int columns, int rows) throws IOException {
        SessionRequest.WindowChange w = new SessionRequest.WindowChange(columns, rows, 0, 0);
        channel.requestNoReply(w.type(), w.data());
    }

    /** §6.9: sends a signal by name without "SIG" ({@code TERM}, {@code KILL}, {@code INT}, ...). */
    public void signal(String name) throws IOException {
        SessionRequest.Signal s = new SessionRequest.Signal(name);
        channel.requestNoReply(s.type(), s.data());
    }

    /** True once the server said {@code eow@openssh.com}: the command no longer reads stdin. */
    public boolean peerStoppedReading() {
        return peerStoppedReading;
    }

    // ---- the end ------------------------------------------------------------------------------

    /** Completes with the command's end; see the class comment. */
    public CompletableFuture<ExitStatus> exitStatus() {
        return exit;
    }

    /** Waits for the command's end. */
    public ExitStatus waitFor(Duration timeout) throws IOException {
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ChannelTimeoutException("the command on channel " + channel.localId() + " did not end within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the command to end");
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Closes the channel (§5.3). */
    @Override
    public void close() throws IOException {
        channel.close();
    }
}
