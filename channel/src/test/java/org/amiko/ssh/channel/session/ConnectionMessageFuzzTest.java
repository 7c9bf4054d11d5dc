package org.amiko.ssh.channel.session;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amiko.ssh.channel.forward.TcpipEndpoints;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;

/**
 * Every connection-protocol message (RFC 4254) from any payload, and what sits inside them: the
 * session requests of §6 (pty-req with its terminal modes, env, exec, signals, exit-status, ...)
 * and the endpoints of direct-tcpip and forwarded-tcpip. A record or a ProtocolException.
 */
class ConnectionMessageFuzzTest {

    @FuzzTest
    void decode(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try {
            ConnectionMessage m = ConnectionMessage.decode(payload);
            m.toString();
            if (m instanceof ChannelRequest r) {
                SessionRequest s = SessionRequest.decode(r);
                if (s instanceof SessionRequest.PtyReq p) {
                    p.modes().toString();
                }
            } else if (m instanceof ChannelOpen o && o.channelType().endsWith("tcpip")) {
                TcpipEndpoints.decode(o.data());
            }
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }
}
