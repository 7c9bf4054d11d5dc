package org.amiko.ssh.channel.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/** The CHANNEL_OPEN data of {@code direct-tcpip} and {@code forwarded-tcpip} (RFC 4254 §7.2), byte for byte. */
class TcpipEndpointsTest {

    static byte[] hex(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            out.writeBytes(HexFormat.of().parseHex(f.replace(" ", "")));
        }
        return out.toByteArray();
    }

    @Test
    void directTcpipLayout() throws ProtocolException {
        byte[] expected = hex(
                "00000009 6c6f63616c686f7374", // string host to connect "localhost"
                "00000016",                    // uint32 port to connect 22
                "00000009 3139322e302e322e37", // string originator IP address "192.0.2.7"
                "0000d431");                   // uint32 originator port 54321
        TcpipEndpoints e = new TcpipEndpoints("localhost", 22, "192.0.2.7", 54321);
        assertEquals(HexFormat.of().formatHex(expected), e.encode().hex());
        assertEquals(e, TcpipEndpoints.decode(Bytes.of(expected)));
    }

    @Test
    void forwardedTcpipInsideAChannelOpen() throws ProtocolException {
        byte[] payload = hex(
                "5a",                                    // byte   SSH_MSG_CHANNEL_OPEN (90)
                "0000000f 666f727761726465642d7463706970", // string "forwarded-tcpip"
                "80000000",                              // uint32 sender channel 2^31
                "00200000",                              // uint32 initial window size
                "00008000",                              // uint32 maximum packet size
                "00000007 302e302e302e30",               // string address that was connected "0.0.0.0"
                "0000ffff",                              // uint32 port that was connected 65535
                "00000008 31302e302e302e31",             // string originator IP address "10.0.0.1"
                "00000000");                             // uint32 originator port 0
        TcpipEndpoints e = new TcpipEndpoints("0.0.0.0", 65535, "10.0.0.1", 0);
        ChannelOpen open = new ChannelOpen(TcpipEndpoints.FORWARDED, 0x8000_0000, 0x20_0000, 0x8000, e.encode());
        assertEquals(HexFormat.of().formatHex(payload), HexFormat.of().formatHex(open.toPayload()));
        ChannelOpen decoded = (ChannelOpen) ConnectionMessage.decode(payload);
        assertEquals(open, decoded);
        assertEquals(e, TcpipEndpoints.decode(decoded.data()));
        assertEquals("forwarded-tcpip", TcpipEndpoints.FORWARDED);
        assertEquals("direct-tcpip", TcpipEndpoints.DIRECT);
    }

    @Test
    void unicodeAndEmptyHostsRoundTrip() throws ProtocolException {
        for (TcpipEndpoints e : new TcpipEndpoints[] {
            new TcpipEndpoints("bücher.example", 443, "::1", 1),
            new TcpipEndpoints("", 0, "", 65535),
        }) {
            assertEquals(e, TcpipEndpoints.decode(e.encode()));
        }
    }

    @Test
    void aPortAbove65535IsAProtocolError() {
        // the port to connect
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(hex(
                "00000001 68", "00010000", "00000001 6f", "00000016"))));
        // the originator port, also with the top bit set
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(hex(
                "00000001 68", "00000016", "00000001 6f", "00010000"))));
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(hex(
                "00000001 68", "00000016", "00000001 6f", "ffffffff"))));
    }

    @Test
    void truncatedTrailingAndMalformedDataAreProtocolErrors() {
        byte[] valid = new TcpipEndpoints("h", 22, "o", 1).encode().toByteArray();
        for (int cut = 0; cut < valid.length; cut++) {
            byte[] prefix = java.util.Arrays.copyOf(valid, cut);
            assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(prefix)), "cut at " + cut);
        }
        byte[] longer = java.util.Arrays.copyOf(valid, valid.length + 1);
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(longer)));
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(hex(
                "00000001 ff", "00000016", "00000001 6f", "00000001")))); // host is not UTF-8
        assertThrows(ProtocolException.class, () -> TcpipEndpoints.decode(Bytes.of(hex(
                "00000100 68", "00000016", "00000001 6f", "00000001")))); // host length beyond what remains
    }
}
