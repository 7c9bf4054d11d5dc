package org.amiko.ssh.channel.forward;

import java.util.function.BiPredicate;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelOpenHandler;
import org.amiko.ssh.channel.OpenFailureReason;
import org.amiko.ssh.transport.ProtocolException;

/**
 * The server side of {@code direct-tcpip} (RFC 4254 §7.2): for each channel the client opens to a
 * host and port that {@code allowed} admits, connects a socket there (on its own thread, so the
 * connection's dispatcher never waits on a connect) and pumps the two together.
 */
public final class DirectTcpipOpener {

    private DirectTcpipOpener() {
    }

    /** An open handler for {@code direct-tcpip} to destinations {@code allowed} admits (host, port). */
    public static ChannelOpenHandler allowing(BiPredicate<String, Integer> allowed) {
        return (connection, request) -> {
            TcpipEndpoints endpoints;
            try {
                endpoints = TcpipEndpoints.decode(request.data());
            } catch (ProtocolException e) {
                return ChannelOpenHandler.reject(OpenFailureReason.CONNECT_FAILED, "malformed direct-tcpip data");
            }
            if (!allowed.test(endpoints.host(), endpoints.port())) {
                return ChannelOpenHandler.reject(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED,
                        "forwarding to " + endpoints.host() + ":" + endpoints.port() + " is not allowed");
            }
            return ChannelOpenHandler.accept(new ChannelHandler() {
                @Override
                public void opened(Channel channel) {
                    StreamPump.connectLater(channel, endpoints.host(), endpoints.port());
                }
            });
        };
    }
}
