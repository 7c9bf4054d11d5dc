package org.amiko.ssh.channel.forward;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The CHANNEL_OPEN data of {@code direct-tcpip} (RFC 4254 §7.2: the host and port to connect to,
 * then the originator's address and port) and of {@code forwarded-tcpip} (§7.2: the address and
 * port that were connected, then the originator's). Both have this one layout.
 */
public record TcpipEndpoints(String host, int port, String originatorAddress, int originatorPort) {

    public static final String DIRECT = "direct-tcpip";
    public static final String FORWARDED = "forwarded-tcpip";

    public Bytes encode() {
        return new SshWriter().writeUtf8(host).writeUint32(port).writeUtf8(originatorAddress)
                .writeUint32(originatorPort).toBytes();
    }

    public static TcpipEndpoints decode(Bytes data) throws ProtocolException {
        SshReader r = SshReader.of(data);
        TcpipEndpoints e = new TcpipEndpoints(r.readUtf8(), port(r), r.readUtf8(), port(r));
        r.ensureEnd();
        return e;
    }

    /** A uint32 port, 0 to 65535 (RFC 4254 §7). */
    static int port(SshReader r) throws ProtocolException {
        long p = r.readUint32();
        if (p > 65535) {
            throw new ProtocolException("port " + p + " is out of range");
        }
        return (int) p;
    }
}
