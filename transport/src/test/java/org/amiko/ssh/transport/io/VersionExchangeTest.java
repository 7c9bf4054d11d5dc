package org.amiko.ssh.transport.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.junit.jupiter.api.Test;

/** RFC 4253 §4.2, the identification lines. */
class VersionExchangeTest {

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void sendsCrLf() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        VersionExchange.send(out, "SSH-2.0-amiko_0.1");
        assertEquals("SSH-2.0-amiko_0.1\r\n", out.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void clientAcceptsLinesBeforeTheIdentificationAndReadsNoFurther() throws IOException {
        ByteArrayInputStream stream = in("Welcome\r\nto the server\nSSH-2.0-OpenSSH_9.2p1 Debian-2\r\n\u0000\u0000\u0001");
        VersionExchange.PeerVersion v = VersionExchange.receive(stream, true);
        assertEquals("SSH-2.0-OpenSSH_9.2p1 Debian-2", v.identification());
        assertEquals("OpenSSH_9.2p1", v.softwareVersion());
        assertEquals(List.of("Welcome", "to the server"), v.preambleLines());
        assertEquals(3, stream.available(), "the binary packets after the line stay unread");
    }

    @Test
    void serverRefusesLinesBeforeTheIdentification() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> VersionExchange.receive(in("hello\r\nSSH-2.0-x\r\n"), false));
        assertEquals(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, e.reason());
    }

    @Test
    void acceptsBareLfAnd199() throws IOException {
        assertEquals("SSH-2.0-x", VersionExchange.receive(in("SSH-2.0-x\n"), false).identification());
        assertEquals("SSH-1.99-x", VersionExchange.receive(in("SSH-1.99-x\r\n"), false).identification());
    }

    @Test
    void refusesSsh1AndOverlongLines() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> VersionExchange.receive(in("SSH-1.5-old\r\n"), true));
        assertEquals(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, e.reason());
        assertThrows(ProtocolException.class, () -> VersionExchange.receive(in("SSH-2.0-" + "x".repeat(250) + "\r\n"), true));
        assertThrows(ProtocolException.class, () -> VersionExchange.receive(in("SSH-2.0-x\u0000y\r\n"), true));
    }

    @Test
    void endlessPreambleIsBounded() {
        String lines = "junk\n".repeat(VersionExchange.MAX_PRE_LINES + 1) + "SSH-2.0-x\r\n";
        assertThrows(ProtocolException.class, () -> VersionExchange.receive(in(lines), true));
    }

    @Test
    void endOfStreamIsAClearError() {
        EOFException e = assertThrows(EOFException.class, () -> VersionExchange.receive(in(""), true));
        assertEquals("the peer closed the connection before sending its SSH identification", e.getMessage());
    }

    @Test
    void refusesToSendAnInvalidLine() {
        assertThrows(IllegalArgumentException.class, () -> VersionExchange.send(new ByteArrayOutputStream(), "SSH-1.5-x"));
        assertThrows(IllegalArgumentException.class, () -> VersionExchange.send(new ByteArrayOutputStream(), "SSH-2.0-a\rb"));
    }
}
