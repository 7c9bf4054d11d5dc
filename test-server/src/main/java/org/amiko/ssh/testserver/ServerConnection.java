package org.amiko.ssh.testserver;

import java.io.IOException;
import java.io.Closeable;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.amiko.ssh.auth.server.KeyRestrictions;
import org.amiko.ssh.auth.server.ServerAuthenticator;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelOpenHandler;
import org.amiko.ssh.channel.OpenFailureReason;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.channel.forward.DirectTcpipOpener;
import org.amiko.ssh.channel.forward.TcpipForwardServer;
import org.amiko.ssh.channel.session.ServerSession;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.seam.TransportSeams;

/**
 * One client, on a thread of its own (or the caller's, through {@link TestServer#serve}): key
 * exchange and authentication within the authentication timeout, then the connection protocol
 * until the client leaves, the idle timeout passes with no channel open, or the server closes.
 */
final class ServerConnection implements Runnable {

    private static final System.Logger LOG = System.getLogger(ServerConnection.class.getName());

    private final TestServer server;
    private final InputStream in;
    private final OutputStream out;
    private final String peerHost;
    private final int peerPort;
    private final Closeable endpoint;
    private final ServerSettings settings;
    private volatile Transport transport;
    private volatile Connection connection;
    private volatile boolean closing;
    /** Set once the key exchange is done: from then on the client keeps its place until the deadline. */
    private volatile boolean pastKeyExchange;

    /** A client over a stream pair from {@code peerHost}; closing {@code endpoint} ends the streams. */
    ServerConnection(TestServer server, InputStream in, OutputStream out, String peerHost, int peerPort, Closeable endpoint,
                     ServerSettings settings) {
        this.server = server;
        this.in = in;
        this.out = out;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.endpoint = endpoint;
        this.settings = settings;
    }

    static ServerConnection accepted(TestServer server, Socket socket, ServerSettings settings) throws IOException {
        return new ServerConnection(server, socket.getInputStream(), socket.getOutputStream(),
                socket.getInetAddress().getHostAddress(), socket.getPort(), socket, settings);
    }

    @Override
    public void run() {
        try {
            IOException ended = serve();
            LOG.log(System.Logger.Level.DEBUG, "connection from {0}:{1} ended: {2}", peerHost, peerPort, String.valueOf(ended));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection from " + peerHost + ":" + peerPort + " failed", e);
        }
    }

    /**
     * Runs the connection to its end on this thread and returns why it ended (null when the
     * server closed it). A RuntimeException, a bug of ours, propagates.
     */
    IOException serve() {
        try {
            KnobTap tap = new KnobTap(settings.knobs(), this::close);
            transport = Transport.start(Role.SERVER, in, out, settings.transport(),
                    new TransportSeams(tap, settings.knobs().guessedKexPacket()), peerHost, peerPort);
            pastKeyExchange = true;
            if (closing) {
                transport.close();
                return null;
            }
            ServerAuthenticator.AuthenticatedUser who = ServerAuthenticator.authenticateUser(transport, settings.auth());
            server.authenticated(this);
            KeyRestrictions restrictions = who.restrictions();
            connection = Connection.start(transport, connectionConfig(who.user(), restrictions));
            TcpipForwardServer.on(connection, (address, port) -> restrictions.allowsListen(address, port)
                    && settings.tcpipForward().test(address), settings.maxForwardListeners());
            if (closing) {
                connection.close();
                return null;
            }
            awaitEnd();
            return connection.failure();
        } catch (IOException e) {
            return e;
        } finally {
            close();
            server.ended(this);
        }
    }

    /** The user's key restrictions (authorized_keys options) govern sessions and forwarding. */
    private ConnectionConfig connectionConfig(String user, KeyRestrictions restrictions) {
        Knobs k = settings.knobs();
        ConnectionConfig.Builder b = ConnectionConfig.builder()
                .openHandler("session", limitSessions(ServerSession.opener(() -> new SessionDispatcher(user, restrictions, settings))))
                .openHandler("direct-tcpip", DirectTcpipOpener.allowing((host, port) -> restrictions.allowsOpen(host, port)
                        && settings.directTcpip().test(host, port)))
                .maxChannels(settings.maxChannels())
                .threadFactory(settings.threads());
        if (k.window() > 0) {
            b.windowSize(k.window());
        }
        if (k.maxPacket() > 0) {
            b.maxPacketSize(k.maxPacket());
        }
        return b.build();
    }

    /** sshd's MaxSessions: a session beyond the limit is refused; each session's close frees its place. */
    private ChannelOpenHandler limitSessions(ChannelOpenHandler sessions) {
        AtomicInteger open = new AtomicInteger();
        return (connection, request) -> {
            if (open.get() >= settings.maxSessions()) {
                return ChannelOpenHandler.reject(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                        "too many sessions (at most " + settings.maxSessions() + ")");
            }
            ChannelOpenHandler.Decision d = sessions.open(connection, request);
            if (!(d instanceof ChannelOpenHandler.Accept a)) {
                return d;
            }
            ChannelHandler inner = a.handler();
            return ChannelOpenHandler.accept(new ChannelHandler() {
                @Override
                public void opened(Channel channel) throws IOException {
                    // counted once the channel exists (the connection may still refuse it for want of numbers)
                    open.incrementAndGet();
                    channel.closedFuture().whenComplete((v, e) -> open.decrementAndGet());
                    inner.opened(channel);
                }

                @Override
                public boolean request(Channel channel, ChannelRequest r) throws IOException {
                    return inner.request(channel, r);
                }

                @Override
                public void answered(Channel channel, ChannelRequest r, boolean success) throws IOException {
                    inner.answered(channel, r, success);
                }
            });
        };
    }

    private void awaitEnd() {
        Duration idle = settings.idleTimeout();
        long idleSince = System.nanoTime();
        while (connection.isOpen() && !closing) {
            try {
                connection.endedFuture().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (connection.channelCount() > 0) {
                    idleSince = System.nanoTime();
                } else if (!idle.isZero() && System.nanoTime() - idleSince >= idle.toNanos()) {
                    transport.disconnect(DisconnectReason.BY_APPLICATION, "idle for " + idle);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                return;
            }
        }
    }

    boolean pastKeyExchange() {
        return pastKeyExchange;
    }

    /**
     * Drops the connection at once, from any thread, without waiting for anything: closing the
     * socket ends the key exchange in progress, and the connection's own thread cleans up.
     */
    void abort() {
        closing = true;
        try {
            endpoint.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    /** Ends the connection (DISCONNECT BY_APPLICATION when it got that far) and its socket. */
    void close() {
        closing = true;
        Connection c = connection;
        Transport t = transport;
        if (c != null) {
            c.close();
        } else if (t != null) {
            t.close();
        }
        try {
            endpoint.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
