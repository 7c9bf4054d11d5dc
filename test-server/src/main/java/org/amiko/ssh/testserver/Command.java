package org.amiko.ssh.testserver;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.amiko.ssh.channel.session.SessionRequest;

/**
 * One command a client started on a session channel, as a {@link CommandHandler} sees it: the
 * command line ({@code null} for a shell), the subsystem name for a subsystem, the user, the
 * environment and pty the client asked for, the three streams, and the signals the client sends
 * while it runs.
 */
public final class Command {

    private final String user;
    private final String line;
    private final String subsystem;
    private final Map<String, String> env;
    private final SessionRequest.PtyReq pty;
    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;
    private final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> channelClosed;

    Command(String user, String line, String subsystem, Map<String, String> env, SessionRequest.PtyReq pty,
            InputStream stdin, OutputStream stdout, OutputStream stderr, CompletableFuture<Void> channelClosed) {
        this.user = user;
        this.line = line;
        this.subsystem = subsystem;
        this.env = Map.copyOf(env);
        this.pty = pty;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        this.channelClosed = channelClosed;
    }

    public String user() {
        return user;
    }

    /** The exec command line; {@code null} for a shell or a subsystem. */
    public String line() {
        return line;
    }

    /** The subsystem's name, or {@code null}. */
    public String subsystem() {
        return subsystem;
    }

    public boolean isShell() {
        return line == null && subsystem == null;
    }

    /** What the client set with {@code env} requests. */
    public Map<String, String> env() {
        return env;
    }

    /** The pty the client asked for, if it did. */
    public Optional<SessionRequest.PtyReq> pty() {
        return Optional.ofNullable(pty);
    }

    public InputStream stdin() {
        return stdin;
    }

    public OutputStream stdout() {
        return stdout;
    }

    public OutputStream stderr() {
        return stderr;
    }

    /**
     * Completes when the session channel closes or the connection ends (the client left, or the
     * server is closing): a command still running then should stop.
     */
    public CompletableFuture<Void> channelClosed() {
        return channelClosed;
    }

    /** Signal names (without "SIG") the client sent, in order (RFC 4254 §6.9). */
    public BlockingQueue<String> signals() {
        return signals;
    }
}
