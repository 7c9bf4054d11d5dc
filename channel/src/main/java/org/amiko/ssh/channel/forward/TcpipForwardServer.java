package org.amiko.ssh.channel.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The server side of remote forwarding (RFC 4254 §7.1): on {@code tcpip-forward} it listens on the
 * address and port asked for (if {@code allowed} admits the address), and each connection it
 * accepts is opened to the client as a {@code forwarded-tcpip} channel and pumped;
 * {@code cancel-tcpip-forward} stops listening, and so does the connection's end.
 */
public final class TcpipForwardServer {

    private static final System.Logger LOG = System.getLogger(TcpipForwardServer.class.getName());

    /** The listeners one connection may hold at once unless told otherwise. */
    public static final int DEFAULT_MAX_LISTENERS = 64;

    private final Connection connection;
    private final BiPredicate<String, Integer> allowed;
    private final int maxListeners;
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();

    private TcpipForwardServer(Connection connection, BiPredicate<String, Integer> allowed, int maxListeners) {
        this.connection = connection;
        this.allowed = allowed;
        this.maxListeners = maxListeners;
    }

    /**
     * Answers {@code tcpip-forward} and {@code cancel-tcpip-forward} on {@code connection} for the
     * bind addresses and ports {@code allowed} admits, at most {@code maxListeners} at once.
     */
    public static TcpipForwardServer on(Connection connection, BiPredicate<String, Integer> allowed, int maxListeners) {
        if (maxListeners < 0) {
            throw new IllegalArgumentException("maxListeners " + maxListeners);
        }
        TcpipForwardServer s = new TcpipForwardServer(connection, allowed, maxListeners);
        connection.setGlobalHandler("tcpip-forward", (c, request) -> s.listen(request.data()));
        connection.setGlobalHandler("cancel-tcpip-forward", (c, request) -> s.cancel(request.data()));
        connection.endedFuture().whenComplete((v, e) -> s.closeAll());
        return s;
    }

    private Bytes listen(Bytes data) throws IOException {
        SshReader r = SshReader.of(data);
        String address = r.readUtf8();
        int port = TcpipEndpoints.port(r);
        r.ensureEnd();
        if (!allowed.test(address, port) || listeners.size() >= maxListeners) {
            return null;
        }
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        try {
            listener.bind(new InetSocketAddress(InetAddress.getByName(bindHost(address)), port));
        } catch (IOException e) {
            listener.close();
            return null;
        }
        int bound = listener.getLocalPort();
        if (listeners.putIfAbsent(address + ":" + bound, listener) != null) {
            listener.close();
            return null;
        }
        Thread t = new Thread(() -> accept(listener, address, bound), "amiko-tcpip-forward-" + bound);
        t.setDaemon(true);
        t.start();
        return port == 0 ? new SshWriter().writeUint32(bound).toBytes() : Bytes.EMPTY;
    }

    private static String bindHost(String address) {
        return address.isEmpty() || address.equals("localhost") ? "127.0.0.1" : address;
    }

    private Bytes cancel(Bytes data) throws IOException {
        SshReader r = SshReader.of(data);
        String address = r.readUtf8();
        int port = TcpipEndpoints.port(r);
        r.ensureEnd();
        ServerSocket listener = listeners.remove(address + ":" + port);
        if (listener == null) {
            return null;
        }
        listener.close();
        return Bytes.EMPTY;
    }

    private void accept(ServerSocket listener, String address, int port) {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread t = new Thread(() -> forward(socket, address, port), "amiko-forwarded-tcpip");
            t.setDaemon(true);
            t.start();
        }
    }

    private void forward(Socket socket, String address, int port) {
        try {
            TcpipEndpoints endpoints = new TcpipEndpoints(address, port, socket.getInetAddress().getHostAddress(),
                    socket.getPort());
            Channel channel = connection.open(TcpipEndpoints.FORWARDED, endpoints.encode(), ChannelHandler.NONE,
                    connection.config().openTimeout());
            StreamPump.start(channel, socket, StreamPump.daemonThreads("amiko-forwarded-" + channel.localId()));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "forwarding a connection on {0}:{1} failed: {2}", address, port, e.getMessage());
            try {
                socket.close();
            } catch (IOException ignored) {
                // refused
            }
        }
    }

    private void closeAll() {
        for (ServerSocket s : listeners.values()) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
        listeners.clear();
    }
}
