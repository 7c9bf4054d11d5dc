package org.amiko.ssh.channel.session;

import java.io.IOException;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelClosedException;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelInputStream;
import org.amiko.ssh.channel.ChannelOpenHandler;
import org.amiko.ssh.channel.ChannelOutputStream;
import org.amiko.ssh.channel.message.ChannelRequest;

/**
 * The server side of a session channel (RFC 4254 §6): requests go to a {@link SessionHandler};
 * the command reads {@link #stdin()}, writes {@link #stdout()} and {@link #stderr()}, and ends
 * with {@link #exit(int)} or {@link #exitBySignal}, which send the exit request, EOF and CLOSE.
 */
public final class ServerSession {

    private final Channel channel;
    private Thread pending; // only the dispatch thread: set in request(), started in answered()

    private ServerSession(Channel channel) {
        this.channel = channel;
    }

    /** An open handler for {@code session} channels; each new session gets a handler from {@code handlers}. */
    public static ChannelOpenHandler opener(Supplier<SessionHandler> handlers) {
        return (connection, request) -> {
            SessionHandler handler = handlers.get();
            return ChannelOpenHandler.accept(new ChannelHandler() {
                private ServerSession session;

                @Override
                public void opened(Channel c) {
                    session = new ServerSession(c);
                }

                @Override
                public boolean request(Channel c, ChannelRequest r) throws IOException {
                    return handler.request(session, SessionRequest.decode(r));
                }

                @Override
                public void answered(Channel c, ChannelRequest r, boolean success) {
                    session.startPending(success); // a refused request starts nothing
                }
            });
        };
    }

    /**
     * Runs {@code command} on a thread from {@code threads} once the reply to the request being
     * handled is out, so that the command's output and exit never overtake that reply. Call it
     * from {@link SessionHandler#request}.
     */
    public void start(Runnable command, ThreadFactory threads) {
        pending = threads.newThread(command);
    }

    /** {@link #start(Runnable, ThreadFactory)} on a daemon thread named for the channel. */
    public void start(Runnable command) {
        start(command, r -> {
            Thread t = new Thread(r, "amiko-session-" + channel.localId());
            t.setDaemon(true);
            return t;
        });
    }

    private void startPending(boolean success) {
        Thread t = pending;
        pending = null;
        if (t != null && success) {
            t.start();
        }
    }

    public Channel channel() {
        return channel;
    }

    /** What the client sends: the command's stdin. */
    public ChannelInputStream stdin() {
        return channel.getInputStream();
    }

    public ChannelOutputStream stdout() {
        return channel.getOutputStream();
    }

    public ChannelOutputStream stderr() {
        return channel.getExtendedOutputStream();
    }

    /** §6.10: {@code exit-status}, EOF, CLOSE. */
    public void exit(int code) throws IOException {
        end(new SessionRequest.ExitStatusRequest(code));
    }

    /** §6.10: {@code exit-signal} (name without "SIG"), EOF, CLOSE. */
    public void exitBySignal(String signal, boolean coreDumped, String message) throws IOException {
        end(new SessionRequest.ExitSignal(signal, coreDumped, message, ""));
    }

    /** OpenSSH PROTOCOL §2.1: tells the client we no longer read its data. */
    public void endOfWrite() throws IOException {
        SessionRequest.EndOfWrite eow = new SessionRequest.EndOfWrite();
        channel.requestNoReply(eow.type(), eow.data());
    }

    private void end(SessionRequest exitRequest) throws IOException {
        // the exit request goes before EOF: a client may close the channel as soon as it sees EOF
        // (dropbear's dbclient does), and after its CLOSE nothing more can be said
        try {
            channel.requestNoReply(exitRequest.type(), exitRequest.data());
        } catch (ChannelClosedException e) {
            return; // the client closed first: nobody to tell
        }
        channel.sendEof();
        channel.close();
    }
}
