package org.amiko.ssh.transport.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Byte-exact tests of the RFC 4251 §5 types, and hostile input. */
class SshReaderTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    /** RFC 4251 §5, the table of mpint examples: value, then its encoding. */
    @ParameterizedTest
    @CsvSource({
        "0,                 00 00 00 00",
        "9a378f9b2e332a7,   00 00 00 08 09 a3 78 f9 b2 e3 32 a7",
        "80,                00 00 00 02 00 80",
        "-1234,             00 00 00 02 ed cc",
        "-deadbeef,         00 00 00 05 ff 21 52 41 11",
    })
    void mpintMatchesRfc4251Examples(String value, String encoding) throws ProtocolException {
        BigInteger v = new BigInteger(value, 16);
        byte[] wire = hex(encoding);
        assertArrayEquals(wire, new SshWriter().writeMpint(v).toByteArray(), "writer");
        SshReader r = new SshReader(wire);
        assertEquals(v, r.readMpint(), "reader");
        r.ensureEnd();
    }

    @ParameterizedTest
    @CsvSource({
        "00 00 00 01 00",          // zero must be the empty string
        "00 00 00 02 00 7f",       // unnecessary leading 00
        "00 00 00 02 ff 80",       // unnecessary leading ff
    })
    void nonMinimalMpintIsRejected(String encoding) {
        assertThrows(ProtocolException.class, () -> new SshReader(hex(encoding)).readMpint());
    }

    @Test
    void negativeMpintRejectedWherePositiveRequired() {
        assertThrows(ProtocolException.class, () -> new SshReader(hex("00 00 00 01 80")).readPositiveMpint());
    }

    @Test
    void fixedWidthTypes() throws ProtocolException {
        byte[] wire = new SshWriter()
                .writeByte(0x9f)
                .writeBoolean(true)
                .writeBoolean(false)
                .writeUint32(0xdeadbeefL)
                .writeUint64(0x0123456789abcdefL)
                .writeUint64(-1L)
                .toByteArray();
        assertArrayEquals(hex("9f 01 00 deadbeef 0123456789abcdef ffffffffffffffff"), wire);
        SshReader r = new SshReader(wire);
        assertEquals(0x9f, r.readByte());
        assertTrue(r.readBoolean());
        assertFalse(r.readBoolean());
        assertEquals(0xdeadbeefL, r.readUint32());
        assertEquals(0x0123456789abcdefL, r.readUint64());
        assertEquals(-1L, r.readUint64());
        r.ensureEnd();
    }

    @Test
    void anyNonZeroByteIsTrue() throws ProtocolException {
        assertTrue(new SshReader(hex("02")).readBoolean()); // RFC 4251 §5: all non-zero values are TRUE
    }

    /** RFC 4251 §5 examples: "testing" and the name-lists (), ("zlib"), ("zlib","none"). */
    @Test
    void stringsAndNameListsMatchRfc4251Examples() throws ProtocolException {
        assertArrayEquals(hex("00 00 00 07 74 65 73 74 69 6e 67"), new SshWriter().writeUtf8("testing").toByteArray());
        assertArrayEquals(hex("00 00 00 00"), new SshWriter().writeNameList(List.of()).toByteArray());
        assertArrayEquals(hex("00 00 00 04 7a 6c 69 62"), new SshWriter().writeNameList(List.of("zlib")).toByteArray());
        byte[] two = hex("00 00 00 09 7a 6c 69 62 2c 6e 6f 6e 65");
        assertArrayEquals(two, new SshWriter().writeNameList(List.of("zlib", "none")).toByteArray());
        assertEquals(List.of("zlib", "none"), new SshReader(two).readNameList());
        assertEquals(List.of(), new SshReader(hex("00 00 00 00")).readNameList());
        assertEquals("testing", new SshReader(hex("00 00 00 07 74 65 73 74 69 6e 67")).readUtf8());
    }

    @ParameterizedTest
    @CsvSource({
        "00 00 00 05 61 2c 2c 62 63",  // "a,,bc": empty name
        "00 00 00 02 61 2c",           // "a,": empty last name
        "00 00 00 02 2c 61",           // ",a": empty first name
        "00 00 00 03 61 20 62",        // "a b": space
        "00 00 00 02 61 ff",           // non-ASCII
    })
    void malformedNameListsAreRejected(String encoding) {
        assertThrows(ProtocolException.class, () -> new SshReader(hex(encoding)).readNameList());
    }

    @Test
    void writerRefusesInvalidNames() {
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeNameList(List.of("a,b")));
        assertThrows(IllegalArgumentException.class, () -> new SshWriter().writeNameList(List.of("")));
    }

    @Test
    void invalidUtf8IsRejected() {
        assertThrows(ProtocolException.class, () -> new SshReader(hex("00 00 00 02 c3 28")).readUtf8());
    }

    /** A length that claims more than remains is an error before anything is allocated. */
    @Test
    void lengthBeyondRemainingIsRejected() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new SshReader(hex("00 00 00 08 01 02 03")).readStringBytes());
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
    }

    /** A hostile 4 GiB length fails at once, without an OutOfMemoryError. */
    @Test
    void hugeLengthIsRejectedBeforeAllocation() {
        byte[] wire = hex("ff ff ff ff 00");
        assertThrows(ProtocolException.class, () -> new SshReader(wire).readStringBytes());
        assertThrows(ProtocolException.class, () -> new SshReader(wire).readMpint());
        assertThrows(ProtocolException.class, () -> new SshReader(wire).readNameList());
        assertThrows(ProtocolException.class, () -> new SshReader(wire).readUtf8());
    }

    @Test
    void lengthBeyondConfiguredMaximumIsRejected() throws ProtocolException {
        byte[] wire = new SshWriter().writeString(new byte[100]).toByteArray();
        assertEquals(100, new SshReader(wire, 0, wire.length, 100).readStringBytes().length);
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> new SshReader(wire, 0, wire.length, 99).readStringBytes());
        assertTrue(e.getMessage().contains("exceeds the maximum"), e.getMessage());
    }

    @Test
    void truncatedFixedWidthTypesAreRejected() {
        assertThrows(ProtocolException.class, () -> new SshReader(new byte[0]).readByte());
        assertThrows(ProtocolException.class, () -> new SshReader(new byte[0]).readBoolean());
        assertThrows(ProtocolException.class, () -> new SshReader(new byte[3]).readUint32());
        assertThrows(ProtocolException.class, () -> new SshReader(new byte[7]).readUint64());
        assertThrows(ProtocolException.class, () -> new SshReader(new byte[2]).readRaw(3));
    }

    @Test
    void readerStaysInsideItsView() throws ProtocolException {
        byte[] outer = hex("ff ff 00 00 00 01 41 ff ff");
        SshReader r = new SshReader(outer, 2, 5);
        assertEquals("A", r.readUtf8());
        r.ensureEnd();
        SshReader shortView = new SshReader(outer, 2, 4);
        assertThrows(ProtocolException.class, shortView::readStringBytes);
    }

    @Test
    void trailingBytesAreRejected() throws ProtocolException {
        SshReader r = new SshReader(hex("01 02"));
        r.readByte();
        assertThrows(ProtocolException.class, r::ensureEnd);
    }

    @Test
    void uint32AsIntRejectsValuesAboveIntMax() {
        assertThrows(ProtocolException.class, () -> new SshReader(hex("80 00 00 00")).readUint32AsInt());
    }

    @Test
    void bytesCompareByContentAndPrintAsHex() {
        assertEquals(Bytes.of((byte) 1, (byte) 2), Bytes.ofHex("0102"));
        assertEquals("[0102]", Bytes.ofHex("0102").toString());
        SecretBytes secret = SecretBytes.copyOf(hex("0102"));
        assertFalse(secret.toString().contains("0102"));
        secret.wipe();
        assertThrows(IllegalStateException.class, secret::toByteArray);
    }
}
