package org.amiko.ssh.channel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The session channel's requests (RFC 4254 §6) and the terminal modes of {@code pty-req} (§8):
 * byte-exact layouts, round trips through a CHANNEL_REQUEST, unknown types kept as they came, and
 * malformed request data rejected as a {@link ProtocolException}.
 */
class SessionRequestTest {

    static byte[] hex(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            out.writeBytes(HexFormat.of().parseHex(f.replace(" ", "")));
        }
        return out.toByteArray();
    }

    private static String hexOf(Bytes b) {
        return b.hex();
    }

    /** Sends {@code request} through a CHANNEL_REQUEST payload and back, as the wire would. */
    private static SessionRequest throughTheWire(SessionRequest request) throws ProtocolException {
        ChannelRequest sent = new ChannelRequest(0x8000_0001, request.type(), true, request.data());
        ChannelRequest received = (ChannelRequest) ConnectionMessage.decode(sent.toPayload());
        assertEquals(sent, received);
        return SessionRequest.decode(received);
    }

    private static SessionRequest decode(String type, byte[] data) throws ProtocolException {
        return SessionRequest.decode(new ChannelRequest(0, type, false, Bytes.of(data)));
    }

    private static void assertMalformed(String type, byte[] data) {
        assertThrows(ProtocolException.class, () -> decode(type, data), type + " " + HexFormat.of().formatHex(data));
    }

    private static Map<Integer, Long> modes(long... opcodeValuePairs) {
        Map<Integer, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < opcodeValuePairs.length; i += 2) {
            m.put((int) opcodeValuePairs[i], opcodeValuePairs[i + 1]);
        }
        return m;
    }

    // ---- byte-exact ---------------------------------------------------------------------------

    @Test
    void execBytesInsideTheWholeChannelRequest() throws ProtocolException {
        SessionRequest.Exec exec = new SessionRequest.Exec("ls -l /tmp");
        byte[] data = hex(
                "0000000a 6c73202d6c202f746d70"); // string command "ls -l /tmp" (§6.5)
        assertEquals(HexFormat.of().formatHex(data), hexOf(exec.data()));
        byte[] payload = hex(
                "62",                             // byte    SSH_MSG_CHANNEL_REQUEST (98)
                "00000000",                       // uint32  recipient channel
                "00000004 65786563",              // string  "exec"
                "01",                             // boolean want reply
                "0000000a 6c73202d6c202f746d70"); // string  command
        assertEquals(HexFormat.of().formatHex(payload),
                HexFormat.of().formatHex(new ChannelRequest(0, exec.type(), true, exec.data()).toPayload()));
        assertEquals(exec, SessionRequest.decode((ChannelRequest) ConnectionMessage.decode(payload)));
    }

    @Test
    void exitStatusBytes() throws ProtocolException {
        byte[] data = hex(
                "000000ff"); // uint32 exit status 255 (§6.10)
        assertEquals(HexFormat.of().formatHex(data), hexOf(new SessionRequest.ExitStatusRequest(255).data()));
        assertEquals(new SessionRequest.ExitStatusRequest(255), decode("exit-status", data));
        byte[] all = hex(
                "ffffffff"); // uint32 exit status 2^32 - 1, read as int -1
        assertEquals(HexFormat.of().formatHex(all), hexOf(new SessionRequest.ExitStatusRequest(-1).data()));
        assertEquals(new SessionRequest.ExitStatusRequest(-1), decode("exit-status", all));
    }

    @Test
    void exitSignalBytes() throws ProtocolException {
        SessionRequest.ExitSignal signal = new SessionRequest.ExitSignal("TERM", true, "killed", "en");
        byte[] data = hex(
                "00000004 5445524d",     // string  signal name without "SIG": "TERM" (§6.10)
                "01",                    // boolean core dumped
                "00000006 6b696c6c6564", // string  error message "killed"
                "00000002 656e");        // string  language tag "en"
        assertEquals(HexFormat.of().formatHex(data), hexOf(signal.data()));
        assertEquals(signal, decode("exit-signal", data));
    }

    @Test
    void ptyReqBytesWithTerminalModes() throws ProtocolException {
        TerminalModes modes = new TerminalModes(modes(
                TerminalModes.VINTR, 3, TerminalModes.ECHO, 1, TerminalModes.TTY_OP_ISPEED, 38400));
        SessionRequest.PtyReq pty = new SessionRequest.PtyReq("xterm-256color", 80, 24, 640, 480, modes);
        byte[] data = hex(
                "0000000e 787465726d2d323536636f6c6f72", // string TERM "xterm-256color" (§6.2)
                "00000050",                              // uint32 terminal width, characters: 80
                "00000018",                              // uint32 terminal height, rows: 24
                "00000280",                              // uint32 terminal width, pixels: 640
                "000001e0",                              // uint32 terminal height, pixels: 480
                "00000010",                              // string encoded terminal modes, 16 bytes (§8):
                "01 00000003",                           //   VINTR = 3 (^C)
                "35 00000001",                           //   ECHO = 1
                "80 00009600",                           //   TTY_OP_ISPEED = 38400
                "00");                                   //   TTY_OP_END
        assertEquals(HexFormat.of().formatHex(data), hexOf(pty.data()));
        assertEquals(pty, decode("pty-req", data));
        assertEquals(List.of(1, 53, 128), List.copyOf(((SessionRequest.PtyReq) decode("pty-req", data)).modes().modes().keySet()));
    }

    @Test
    void terminalModesWithTheLargestValuesAndNone() throws ProtocolException {
        byte[] encoded = hex(
                "9f ffffffff", // opcode 159, the last defined-range opcode, value 2^32 - 1
                "00");         // TTY_OP_END
        TerminalModes m = new TerminalModes(modes(159, 0xffff_ffffL));
        assertEquals(HexFormat.of().formatHex(encoded), m.encode().hex());
        assertEquals(m, TerminalModes.decode(Bytes.of(encoded)));
        assertEquals("00", TerminalModes.NONE.encode().hex());
        assertEquals(TerminalModes.NONE, TerminalModes.decode(Bytes.ofHex("00")));
        assertEquals(TerminalModes.NONE, TerminalModes.decode(Bytes.EMPTY));
    }

    @Test
    void anOpcodeFrom160OnStopsTheParsing() throws ProtocolException {
        // RFC 4254 §8: "Opcodes 160 to 255 are not yet defined, and cause parsing to stop"
        for (int stop : new int[] {160, 200, 255}) {
            byte[] encoded = hex(
                    "35 00000001",                   // ECHO = 1
                    String.format("%02x", stop),     // an undefined opcode: parsing stops here
                    "01 00000003",                   // VINTR = 3, never read
                    "ffff");                         // and bytes that are no mode at all
            assertEquals(new TerminalModes(modes(TerminalModes.ECHO, 1)), TerminalModes.decode(Bytes.of(encoded)),
                    "opcode " + stop);
        }
    }

    @Test
    void ttyOpEndEndsTheModes() throws ProtocolException {
        byte[] encoded = hex(
                "35 00000000", // ECHO = 0
                "00",          // TTY_OP_END
                "01 00000003"); // after the end: not read
        assertEquals(new TerminalModes(modes(TerminalModes.ECHO, 0)), TerminalModes.decode(Bytes.of(encoded)));
    }

    @Test
    void aModeWithoutItsWholeValueIsMalformed() {
        assertThrows(ProtocolException.class, () -> TerminalModes.decode(Bytes.ofHex("35 000000")));
        assertThrows(ProtocolException.class, () -> TerminalModes.decode(Bytes.ofHex("01 00000003 35")));
        // and inside a pty-req
        assertMalformed("pty-req", hex("00000005 7874657266", "00000050", "00000018", "00000000", "00000000",
                "00000003 35 0000"));
    }

    @Test
    void terminalModesRefuseTheOpcodesTheyCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes(modes(0, 1)));
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes(modes(160, 1)));
        assertThrows(IllegalArgumentException.class, () -> new TerminalModes(modes(-1, 1)));
    }

    // ---- round trips --------------------------------------------------------------------------

    @Test
    void everyRequestRoundTripsThroughAChannelRequest() throws ProtocolException {
        List<SessionRequest> all = List.of(
                new SessionRequest.PtyReq("vt100", 132, 43, 0, 0, TerminalModes.NONE),
                new SessionRequest.PtyReq("", Integer.MAX_VALUE, 0, 1, 2,
                        new TerminalModes(modes(TerminalModes.ISIG, 1, TerminalModes.ICANON, 0, TerminalModes.OPOST, 1,
                                TerminalModes.TTY_OP_OSPEED, 0xffff_ffffL))),
                new SessionRequest.Env("LANG", "C.UTF-8"),
                new SessionRequest.Env("", "ü €"),
                new SessionRequest.Shell(),
                new SessionRequest.Exec("echo 'héllo' | wc -c"),
                new SessionRequest.Exec(""),
                new SessionRequest.Subsystem("sftp"),
                new SessionRequest.WindowChange(200, 50, 1600, 900),
                new SessionRequest.Signal("INT"),
                new SessionRequest.ExitStatusRequest(0),
                new SessionRequest.ExitStatusRequest(Integer.MIN_VALUE),
                new SessionRequest.ExitSignal("SEGV", false, "", ""),
                new SessionRequest.EndOfWrite(),
                new SessionRequest.Keepalive());
        for (SessionRequest r : all) {
            assertEquals(r, throughTheWire(r), r.type());
        }
        assertEquals(new SessionRequest.Shell(), decode("shell", new byte[0]));
        assertEquals("", new SessionRequest.Shell().data().hex());
        assertEquals("", new SessionRequest.Keepalive().data().hex());
    }

    @Test
    void unknownTypesAreKeptAsTheyCame() throws ProtocolException {
        byte[] data = hex("00", "00000012 4d49542d4d414749432d434f4f4b49452d31", "00000000", "00000000");
        SessionRequest x11 = decode("x11-req", data);
        assertEquals(new SessionRequest.Other("x11-req", Bytes.of(data)), x11);
        assertEquals("x11-req", x11.type());
        assertEquals(Bytes.of(data), x11.data());
        // an unknown type may carry anything, even bytes that parse as nothing
        SessionRequest odd = decode("auth-agent-req@openssh.com", hex("ffffffff01"));
        assertInstanceOf(SessionRequest.Other.class, odd);
        assertEquals(Bytes.ofHex("ffffffff01"), odd.data());
        // and the request type is matched exactly, not ignoring case
        assertInstanceOf(SessionRequest.Other.class, decode("EXEC", hex("00000001 41")));
        SessionRequest.Other other = new SessionRequest.Other("x-amiko@example.com", Bytes.ofHex("0102"));
        assertEquals(other, throughTheWire(other));
    }

    // ---- malformed ----------------------------------------------------------------------------

    @Test
    void malformedRequestDataIsAProtocolError() {
        assertMalformed("exec", hex("0000000a 6c73"));                      // command 10 announced, 2 there
        assertMalformed("exec", hex("00000001 41", "00"));                  // a byte after the command
        assertMalformed("exec", hex());                                     // no command at all
        assertMalformed("exec", hex("00000002 c328"));                      // not UTF-8
        assertMalformed("shell", hex("00"));                                // shell carries nothing
        assertMalformed("eow@openssh.com", hex("00000000"));
        assertMalformed("keepalive@openssh.com", hex("01"));
        assertMalformed("subsystem", hex("00000004 736674"));               // name cut
        assertMalformed("env", hex("00000004 4c414e47"));                   // no value
        assertMalformed("exit-status", hex("000000"));                      // three bytes of four
        assertMalformed("exit-status", hex("00000000", "00"));              // five bytes
        assertMalformed("exit-signal", hex("00000004 5445524d", "01", "00000000")); // no language tag
        assertMalformed("exit-signal", hex("00000004 5445524d"));           // nothing after the name
        assertMalformed("signal", hex("00000004 494e54"));                  // name cut
        assertMalformed("window-change", hex("00000050", "00000018", "00000000")); // three sizes of four
        assertMalformed("window-change", hex("80000000", "00000018", "00000000", "00000000")); // width 2^31
        assertMalformed("pty-req", hex("00000005 7874657266", "00000050", "00000018", "00000000", "00000000"));
        assertMalformed("pty-req", hex("00000005 7874657266", "ffffffff", "00000018", "00000000", "00000000",
                "00000001 00"));                                            // width 2^32 - 1 characters
        assertMalformed("pty-req", hex("00000005 7874657266", "00000050", "00000018", "00000000", "00000000",
                "00000001 00", "00"));                                      // a byte after the modes
        assertMalformed("pty-req", hex("00000005 7874657266", "00000050", "00000018", "00000000", "00000000",
                "00000009 00"));                                            // modes string 9 announced, 1 there
    }
}
