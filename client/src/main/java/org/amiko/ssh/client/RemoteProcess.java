package org.amiko.ssh.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;

/**
 * A command running on the server, like a {@link Process}: its stdin, stdout and stderr, its end.
 * stdout and stderr have separate buffers; reading one to its end while the command floods the
 * other does not deadlock (see {@code ChannelInputStream}). Close it to close the channel.
 */
public final class RemoteProcess implements AutoCloseable {

    private final SessionChannel session;
    private final String command;

    RemoteProcess(SessionChannel session, String command) {
        this.session = session;
        this.command = command;
    }

    public String command() {
        return command;
    }

    /** The command's stdin; closing it sends EOF. */
    public OutputStream stdin() {
        return session.stdin();
    }

    public InputStream stdout() {
        return session.stdout();
    }

    public InputStream stderr() {
        return session.stderr();
    }

    /** stdout line by line (UTF-8), to its end; an I/O failure surfaces as {@link UncheckedIOException}. */
    public Stream<String> lines() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdout(), StandardCharsets.UTF_8));
        return reader.lines();
    }

    /** Waits for the command to end (exit status, signal, or the channel's close without either). */
    public ExitStatus waitFor(Duration timeout) throws IOException {
        return session.waitFor(timeout);
    }

    public CompletableFuture<ExitStatus> onExit() {
        return session.exitStatus();
    }

    /** Sends a signal (RFC 4254 §6.9), e.g. {@code TERM}; servers may ignore it. */
    public void signal(String name) throws IOException {
        session.signal(name);
    }

    /** The session channel underneath, for what this class does not wrap. */
    public SessionChannel session() {
        return session;
    }

    @Override
    public void close() throws IOException {
        session.close();
    }
}
