package org.amiko.ssh.channel.forward;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelOpenHandler;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.GlobalReply;
import org.amiko.ssh.channel.OpenFailureReason;
import org.amiko.ssh.channel.RequestRefusedException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * Remote port forwarding ({@code ssh -R}, RFC 4254 §7.1): asks the server to listen with {@code
 * tcpip-forward}; each connection the server accepts arrives as a {@code forwarded-tcpip}
 * channel, which is connected to {@code targetHost:targetPort} on our side. One instance serves
 * every forwarding of its connection.
 */
public final class RemotePortForwarder {


    /** Where to connect what arrives on one server-side address and port. */
    private record Target(String host, int port) {
    }

    private final Connection connection;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();

    private RemotePortForwarder(Connection connection) {
        this.connection = connection;
    }

    /** Installs the {@code forwarded-tcpip} handler on {@code connection}. */
    public static RemotePortForwarder on(Connection connection) {
        RemotePortForwarder f = new RemotePortForwarder(connection);
        connection.setOpenHandler(TcpipEndpoints.FORWARDED, f::open);
        return f;
    }

    /**
     * Asks the server to listen on {@code bindAddress:bindPort} (port 0: the server picks one) and
     * returns the port it listens on.
     *
     * @throws RequestRefusedException if the server refuses
     */
    public int forward(String bindAddress, int bindPort, String targetHost, int targetPort) throws IOException {
        GlobalReply reply = connection.globalRequest("tcpip-forward",
                new SshWriter().writeUtf8(bindAddress).writeUint32(bindPort).toBytes(),
                connection.config().requestTimeout());
        if (!reply.success()) {
            throw new RequestRefusedException("tcpip-forward", "the server refused to listen on " + bindAddress + ":" + bindPort);
        }
        int port = bindPort;
        if (bindPort == 0) {
            SshReader r = SshReader.of(reply.data());
            port = r.readUint32AsInt();
        }
        targets.put(bindAddress + ":" + port, new Target(targetHost, targetPort));
        return port;
    }

    /** {@code cancel-tcpip-forward}: the server stops listening. */
    public void cancel(String bindAddress, int port) throws IOException {
        targets.remove(bindAddress + ":" + port);
        GlobalReply reply = connection.globalRequest("cancel-tcpip-forward",
                new SshWriter().writeUtf8(bindAddress).writeUint32(port).toBytes(), connection.config().requestTimeout());
        if (!reply.success()) {
            throw new RequestRefusedException("cancel-tcpip-forward", "the server refused to stop listening on "
                    + bindAddress + ":" + port);
        }
    }

    private ChannelOpenHandler.Decision open(Connection c, org.amiko.ssh.channel.message.ChannelOpen request) {
        TcpipEndpoints endpoints;
        try {
            endpoints = TcpipEndpoints.decode(request.data());
        } catch (ProtocolException e) {
            return ChannelOpenHandler.reject(OpenFailureReason.CONNECT_FAILED, "malformed forwarded-tcpip data");
        }
        Target target = targets.get(endpoints.host() + ":" + endpoints.port());
        if (target == null) {
            return ChannelOpenHandler.reject(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                    "no forwarding was asked for " + endpoints.host() + ":" + endpoints.port());
        }
        return ChannelOpenHandler.accept(new ChannelHandler() {
            @Override
            public void opened(Channel channel) {
                StreamPump.connectLater(channel, target.host(), target.port());
            }
        });
    }
}
