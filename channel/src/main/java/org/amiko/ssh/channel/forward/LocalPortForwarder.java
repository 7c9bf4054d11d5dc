package org.amiko.ssh.channel.forward;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.Connection;

/**
 * Local port forwarding ({@code ssh -L}): a listening socket on our side; each connection to it
 * opens a {@code direct-tcpip} channel (RFC 4254 §7.2) to {@code host:port} as the server sees it,
 * and the two are pumped together. {@link #close()} stops listening; forwarded connections
 * already running go on until either end closes.
 */
public final class LocalPortForwarder implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LocalPortForwarder.class.getName());

    private final Connection connection;
    private final ServerSocket listener;
    private final String host;
    private final int port;
    private final Thread acceptor;

    private LocalPortForwarder(Connection connection, ServerSocket listener, String host, int port) {
        this.connection = connection;
        this.listener = listener;
        this.host = host;
        this.port = port;
        this.acceptor = new Thread(this::acceptLoop, "amiko-forward-L" + listener.getLocalPort());
        this.acceptor.setDaemon(true);
    }

    /**
     * Listens on {@code bindAddress:bindPort} (port 0 picks a free one) and forwards to {@code
     * host:port} through the server.
     */
    public static LocalPortForwarder start(Connection connection, InetAddress bindAddress, int bindPort,
                                           String host, int port) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(bindAddress, bindPort));
        LocalPortForwarder f = new LocalPortForwarder(connection, listener, host, port);
        f.acceptor.start();
        return f;
    }

    /** The port we listen on. */
    public int localPort() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed() && connection.isOpen()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (SocketException e) {
                return; // closed
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "accept failed: {0}", e);
                continue;
            }
            try {
                TcpipEndpoints endpoints = new TcpipEndpoints(host, port, socket.getInetAddress().getHostAddress(),
                        socket.getPort());
                Channel channel = connection.open(TcpipEndpoints.DIRECT, endpoints.encode(), ChannelHandler.NONE,
                        connection.config().openTimeout());
                StreamPump.start(channel, socket, StreamPump.daemonThreads("amiko-forward-" + channel.localId()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "forwarding to {0}:{1} failed: {2}", host, port, e.getMessage());
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // refused
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
