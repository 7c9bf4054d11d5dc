package org.amiko.ssh.channel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The connection protocol's messages byte for byte (RFC 4254 §4 and §5): each payload is written
 * out by hand, one field per line, and both directions are checked: the writer produces these
 * bytes, and the reader yields this record. Then the ways a payload can be malformed, each of
 * which must be a {@link ProtocolException}.
 */
class ConnectionMessageBytesTest {

    /** Concatenates hex fields; spaces inside a field are for reading only. */
    static byte[] hex(String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String f : fields) {
            out.writeBytes(HexFormat.of().parseHex(f.replace(" ", "")));
        }
        return out.toByteArray();
    }

    /** The writer produces {@code expected}, and the reader turns {@code expected} back into {@code message}. */
    private static void assertWire(ConnectionMessage message, byte[] expected) throws ProtocolException {
        assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(message.toPayload()), "encoding of " + message);
        assertEquals(message, ConnectionMessage.decode(expected));
    }

    // ---- RFC 4254 §4 global requests ----------------------------------------------------------

    @Test
    void globalRequestWithRequestSpecificData() throws ProtocolException {
        byte[] expected = hex(
                "50",                                  // byte    SSH_MSG_GLOBAL_REQUEST (80)
                "0000000d 74637069702d666f7277617264", // string  request name "tcpip-forward"
                "01",                                  // boolean want reply
                "00000009 6c6f63616c686f7374",         // string  address to bind "localhost" (§7.1, request data)
                "00001f90");                           // uint32  port to bind 8080 (request data)
        assertWire(new GlobalRequest("tcpip-forward", true, Bytes.ofHex("00000009 6c6f63616c686f7374 00001f90")), expected);
    }

    @Test
    void globalRequestWithoutReplyOrData() throws ProtocolException {
        byte[] expected = hex(
                "50",                                                  // byte    SSH_MSG_GLOBAL_REQUEST (80)
                "00000015 6b656570616c697665406f70656e7373682e636f6d", // string  "keepalive@openssh.com"
                "00");                                                 // boolean want reply: false
        assertWire(new GlobalRequest("keepalive@openssh.com", false, Bytes.EMPTY), expected);
    }

    @Test
    void requestSuccessWithAndWithoutResponseData() throws ProtocolException {
        byte[] withPort = hex(
                "51",        // byte   SSH_MSG_REQUEST_SUCCESS (81)
                "8000c350"); // uint32 response data: a bound port, here with the top bit set
        assertWire(new RequestSuccess(Bytes.ofHex("8000c350")), withPort);
        byte[] empty = hex(
                "51");       // byte   SSH_MSG_REQUEST_SUCCESS (81), no response data
        assertWire(new RequestSuccess(Bytes.EMPTY), empty);
    }

    @Test
    void requestFailure() throws ProtocolException {
        byte[] expected = hex(
                "52"); // byte SSH_MSG_REQUEST_FAILURE (82)
        assertWire(new RequestFailure(), expected);
        assertWire(RequestFailure.INSTANCE, expected);
    }

    // ---- RFC 4254 §5.1 opening ----------------------------------------------------------------

    @Test
    void channelOpenWithTopBitSenderAndFullWindow() throws ProtocolException {
        byte[] expected = hex(
                "5a",                       // byte   SSH_MSG_CHANNEL_OPEN (90)
                "00000007 73657373696f6e",  // string channel type "session"
                "80000001",                 // uint32 sender channel 2^31 + 1
                "ffffffff",                 // uint32 initial window size 2^32 - 1
                "00008000");                // uint32 maximum packet size 32768
        assertWire(new ChannelOpen("session", 0x8000_0001, 0xffff_ffffL, 0x8000, Bytes.EMPTY), expected);
    }

    @Test
    void channelOpenWithTypeSpecificData() throws ProtocolException {
        byte[] expected = hex(
                "5a",                                 // byte   SSH_MSG_CHANNEL_OPEN (90)
                "0000000c 6469726563742d7463706970",  // string channel type "direct-tcpip"
                "00000002",                           // uint32 sender channel 2
                "00200000",                           // uint32 initial window size 2 MiB
                "00008000",                           // uint32 maximum packet size 32768
                "00000009 6c6f63616c686f7374",        // string host to connect "localhost" (§7.2)
                "00000016",                           // uint32 port to connect 22
                "00000009 3139322e302e322e37",        // string originator address "192.0.2.7"
                "0000d431");                          // uint32 originator port 54321
        Bytes data = Bytes.ofHex("00000009 6c6f63616c686f7374 00000016 00000009 3139322e302e322e37 0000d431");
        assertWire(new ChannelOpen("direct-tcpip", 2, 2 * 1024 * 1024, 32768, data), expected);
    }

    @Test
    void channelOpenConfirmation() throws ProtocolException {
        byte[] expected = hex(
                "5b",        // byte   SSH_MSG_CHANNEL_OPEN_CONFIRMATION (91)
                "fffffffe",  // uint32 recipient channel 2^32 - 2
                "80000000",  // uint32 sender channel 2^31
                "ffffffff",  // uint32 initial window size 2^32 - 1
                "0003fc00"); // uint32 maximum packet size 261120
        assertWire(new ChannelOpenConfirmation(0xffff_fffe, 0x8000_0000, 0xffff_ffffL, 261120, Bytes.EMPTY), expected);
    }

    @Test
    void channelOpenFailure() throws ProtocolException {
        byte[] expected = hex(
                "5c",                 // byte   SSH_MSG_CHANNEL_OPEN_FAILURE (92)
                "00000003",           // uint32 recipient channel 3
                "00000002",           // uint32 reason code SSH_OPEN_CONNECT_FAILED (RFC 4250 §4.3)
                "00000008 6e6f20726f757465", // string description "no route"
                "00000002 656e");     // string language tag "en"
        assertWire(new ChannelOpenFailure(3, 2, "no route", "en"), expected);
    }

    @Test
    void channelOpenFailureWithAReasonCodeAbove2To31() throws ProtocolException {
        byte[] expected = hex(
                "5c",        // byte   SSH_MSG_CHANNEL_OPEN_FAILURE (92)
                "ffffffff",  // uint32 recipient channel 2^32 - 1
                "fffffff0",  // uint32 reason code 0xfffffff0 (private use range, RFC 4250 §4.3)
                "00000000",  // string description ""
                "00000000"); // string language tag ""
        assertWire(new ChannelOpenFailure(-1, 0xffff_fff0L, "", ""), expected);
    }

    // ---- RFC 4254 §5.2 data and windows -------------------------------------------------------

    @Test
    void windowAdjustOfTheWholeUint32Range() throws ProtocolException {
        byte[] expected = hex(
                "5d",        // byte   SSH_MSG_CHANNEL_WINDOW_ADJUST (93)
                "80000000",  // uint32 recipient channel 2^31
                "ffffffff"); // uint32 bytes to add 2^32 - 1
        assertWire(new ChannelWindowAdjust(0x8000_0000, 0xffff_ffffL), expected);
    }

    @Test
    void channelDataAndItsDirectPayload() throws ProtocolException {
        byte[] expected = hex(
                "5e",                   // byte   SSH_MSG_CHANNEL_DATA (94)
                "ffffffff",             // uint32 recipient channel 2^32 - 1
                "00000005 68656c6c6f"); // string data "hello"
        ChannelData message = new ChannelData(-1, Bytes.of("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        assertWire(message, expected);
        byte[] buffer = "xxhelloyy".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertArrayEquals(expected, ChannelData.payload(-1, buffer, 2, 5));
        assertArrayEquals(message.toPayload(), ChannelData.payload(-1, buffer, 2, 5));
        assertEquals(ChannelData.OVERHEAD + 5, expected.length);
    }

    @Test
    void emptyChannelData() throws ProtocolException {
        byte[] expected = hex(
                "5e",        // byte   SSH_MSG_CHANNEL_DATA (94)
                "00000000",  // uint32 recipient channel 0
                "00000000"); // string data, empty
        assertWire(new ChannelData(0, Bytes.EMPTY), expected);
        assertArrayEquals(expected, ChannelData.payload(0, new byte[3], 3, 0));
    }

    @Test
    void extendedDataAndItsDirectPayload() throws ProtocolException {
        byte[] expected = hex(
                "5f",              // byte   SSH_MSG_CHANNEL_EXTENDED_DATA (95)
                "80000002",        // uint32 recipient channel 2^31 + 2
                "00000001",        // uint32 data type code SSH_EXTENDED_DATA_STDERR
                "00000003 657272"); // string data "err"
        ChannelExtendedData message = new ChannelExtendedData(0x8000_0002, ChannelExtendedData.STDERR,
                Bytes.of((byte) 'e', (byte) 'r', (byte) 'r'));
        assertWire(message, expected);
        byte[] buffer = {'-', 'e', 'r', 'r', '-'};
        assertArrayEquals(expected, ChannelExtendedData.payload(0x8000_0002, ChannelExtendedData.STDERR, buffer, 1, 3));
        assertArrayEquals(message.toPayload(),
                ChannelExtendedData.payload(0x8000_0002, ChannelExtendedData.STDERR, buffer, 1, 3));
        assertEquals(ChannelExtendedData.OVERHEAD + 3, expected.length);
    }

    @Test
    void extendedDataWithATypeCodeAbove2To31() throws ProtocolException {
        byte[] expected = hex(
                "5f",          // byte   SSH_MSG_CHANNEL_EXTENDED_DATA (95)
                "00000000",    // uint32 recipient channel 0
                "ffffffff",    // uint32 data type code 2^32 - 1
                "00000001 00"); // string data, one zero byte
        assertWire(new ChannelExtendedData(0, 0xffff_ffffL, Bytes.of((byte) 0)), expected);
        assertArrayEquals(expected, ChannelExtendedData.payload(0, 0xffff_ffffL, new byte[1], 0, 1));
    }

    // ---- RFC 4254 §5.3 EOF and close ----------------------------------------------------------

    @Test
    void channelEof() throws ProtocolException {
        byte[] expected = hex(
                "60",        // byte   SSH_MSG_CHANNEL_EOF (96)
                "80000005"); // uint32 recipient channel 2^31 + 5
        assertWire(new ChannelEof(0x8000_0005), expected);
    }

    @Test
    void channelClose() throws ProtocolException {
        byte[] expected = hex(
                "61",        // byte   SSH_MSG_CHANNEL_CLOSE (97)
                "ffffffff"); // uint32 recipient channel 2^32 - 1
        assertWire(new ChannelClose(-1), expected);
    }

    // ---- RFC 4254 §5.4 channel requests -------------------------------------------------------

    @Test
    void channelRequest() throws ProtocolException {
        byte[] expected = hex(
                "62",                                  // byte    SSH_MSG_CHANNEL_REQUEST (98)
                "00000000",                            // uint32  recipient channel 0
                "0000000b 657869742d737461747573",     // string  request type "exit-status"
                "00",                                  // boolean want reply: false
                "000000ff");                           // uint32  exit status 255 (type-specific data, §6.10)
        assertWire(new ChannelRequest(0, "exit-status", false, Bytes.ofHex("000000ff")), expected);
    }

    @Test
    void channelRequestWithWantReplyAndTopBitRecipient() throws ProtocolException {
        byte[] expected = hex(
                "62",                      // byte    SSH_MSG_CHANNEL_REQUEST (98)
                "c0000000",                // uint32  recipient channel 0xc0000000
                "00000004 65786563",       // string  request type "exec"
                "01",                      // boolean want reply: true
                "0000000a 6c73202d6c202f746d70"); // string command "ls -l /tmp" (type-specific data, §6.5)
        assertWire(new ChannelRequest(0xc000_0000, "exec", true, Bytes.ofHex("0000000a 6c73202d6c202f746d70")), expected);
    }

    @Test
    void channelSuccess() throws ProtocolException {
        byte[] expected = hex(
                "63",        // byte   SSH_MSG_CHANNEL_SUCCESS (99)
                "7fffffff"); // uint32 recipient channel 2^31 - 1
        assertWire(new ChannelSuccess(0x7fff_ffff), expected);
    }

    @Test
    void channelFailure() throws ProtocolException {
        byte[] expected = hex(
                "64",        // byte   SSH_MSG_CHANNEL_FAILURE (100)
                "80000000"); // uint32 recipient channel 2^31
        assertWire(new ChannelFailure(0x8000_0000), expected);
    }

    // ---- reading: booleans, numbers, helpers --------------------------------------------------

    @Test
    void anyNonZeroBooleanIsTrue() throws ProtocolException {
        byte[] payload = hex(
                "50",                      // byte    SSH_MSG_GLOBAL_REQUEST (80)
                "00000004 65786563",       // string  request name "exec"
                "ff");                     // boolean want reply: 0xff, which RFC 4251 §5 reads as true
        assertEquals(new GlobalRequest("exec", true, Bytes.EMPTY), ConnectionMessage.decode(payload));
    }

    @Test
    void recipientOfReadsTheUnsignedNumberAfterTheMessageNumber() {
        assertEquals(0x8000_0005, ConnectionMessage.recipientOf(new ChannelEof(0x8000_0005).toPayload()));
        assertEquals(-1, ConnectionMessage.recipientOf(new ChannelData(-1, Bytes.EMPTY).toPayload()));
        assertEquals(7, ConnectionMessage.recipientOf(new ChannelWindowAdjust(7, 1).toPayload()));
    }

    @Test
    void theConnectionMessageNumbersAre80To82And90To100() {
        for (int id = 0; id < 256; id++) {
            boolean expected = id >= 80 && id <= 82 || id >= 90 && id <= 100;
            assertEquals(expected, ConnectionMessage.isConnectionMessage(id), "message " + id);
        }
    }

    // ---- malformed payloads -------------------------------------------------------------------

    @Test
    void trailingBytesAfterAFixedLayoutMessage() {
        String extra = "00"; // one byte more than the layout has
        assertMalformed(hex("52", extra));                                     // REQUEST_FAILURE + 1 byte
        assertMalformed(hex("5c", "00000003", "00000002", "00000000", "00000000", extra)); // OPEN_FAILURE
        assertMalformed(hex("5d", "00000000", "00000001", extra));             // WINDOW_ADJUST
        assertMalformed(hex("5e", "00000000", "00000001 41", extra));          // DATA
        assertMalformed(hex("5f", "00000000", "00000001", "00000001 41", extra)); // EXTENDED_DATA
        assertMalformed(hex("60", "00000000", extra));                         // EOF
        assertMalformed(hex("61", "00000000", extra));                         // CLOSE
        assertMalformed(hex("63", "00000000", extra));                         // SUCCESS
        assertMalformed(hex("64", "00000000", extra));                         // FAILURE
    }

    @Test
    void truncatedPayloads() {
        assertMalformed(hex());                                      // nothing at all, not even a number
        assertMalformed(hex("5d", "00000000", "000000"));            // WINDOW_ADJUST: bytes to add 3 of 4 bytes
        assertMalformed(hex("60", "000000"));                        // EOF: recipient 3 of 4 bytes
        assertMalformed(hex("5e", "00000000", "000000"));            // DATA: string length 3 of 4 bytes
        assertMalformed(hex("5a", "00000007 73657373696f6e", "00000001", "00200000")); // OPEN: no maximum packet
        assertMalformed(hex("5b", "00000000", "00000000", "00200000", "0000"));        // CONFIRMATION: packet size cut
        assertMalformed(hex("5c", "00000003", "00000002", "00000000"));                // OPEN_FAILURE: no language tag
        assertMalformed(hex("62", "00000000", "00000004 65786563"));                   // REQUEST: no want-reply
        assertMalformed(hex("50", "00000004 65786563"));                               // GLOBAL_REQUEST: no want-reply
        assertMalformed(hex("5f", "00000000", "00000001"));                            // EXTENDED_DATA: no string
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 20, 50, 79, 83, 84, 89, 101, 127, 128, 255})
    void anUnknownMessageNumber(int id) {
        // a plausible body after the number changes nothing
        assertMalformed(hex(String.format("%02x", id), "00000000", "00000000"));
        assertMalformed(hex(String.format("%02x", id)));
    }

    @Test
    void aStringLengthBeyondWhatRemains() {
        assertMalformed(hex("5e", "00000000", "00000006 68656c6c6f"));        // DATA: length 6, 5 bytes follow
        assertMalformed(hex("5e", "00000000", "ffffffff 68656c6c6f"));        // DATA: length 2^32 - 1
        assertMalformed(hex("5e", "00000000", "80000000"));                   // DATA: length 2^31, nothing follows
        assertMalformed(hex("5f", "00000000", "00000001", "00000002 41"));    // EXTENDED_DATA: 2 announced, 1 there
        assertMalformed(hex("5a", "7fffffff 73657373696f6e"));                // OPEN: type length 2^31 - 1
        assertMalformed(hex("50", "00000100 6162", "01"));                    // GLOBAL_REQUEST: name length 256
        assertMalformed(hex("5c", "00000000", "00000001", "00000009 6e6f20726f757465", "00000000")); // 9 of 8
        assertMalformed(hex("62", "00000000", "0000000c 657869742d737461747573", "00")); // REQUEST: type 12 of 11
    }

    @Test
    void malformedUtf8InANameIsAProtocolError() {
        assertMalformed(hex("5a", "00000002 c328", "00000000", "00000000", "00000000"));  // OPEN: type is not UTF-8
        assertMalformed(hex("50", "00000001 ff", "00"));                                  // GLOBAL_REQUEST: name 0xff
    }

    @Test
    void trailingBytesOfFreeFormMessagesAreTheirData() throws ProtocolException {
        // GLOBAL_REQUEST, REQUEST_SUCCESS, OPEN, CONFIRMATION and REQUEST end in request-specific data,
        // so what follows the fixed fields belongs to it rather than being trailing garbage
        ConnectionMessage m = ConnectionMessage.decode(hex("5b", "00000000", "00000001", "00000002", "00000003", "abcd"));
        assertEquals(new ChannelOpenConfirmation(0, 1, 2, 3, Bytes.ofHex("abcd")), m);
        assertFalse(((ChannelOpenConfirmation) m).data().equals(Bytes.EMPTY));
    }

    private static void assertMalformed(byte[] payload) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> ConnectionMessage.decode(payload),
                HexFormat.of().formatHex(payload));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }
}
