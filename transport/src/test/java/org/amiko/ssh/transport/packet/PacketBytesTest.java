package org.amiko.ssh.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.IntegrityException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.junit.jupiter.api.Test;

/** Packets assembled by hand, field by field, and hostile ones. */
class PacketBytesTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }

    private static PacketEncoder encoder() {
        return new PacketEncoder(64 * 1024, new SecureRandom());
    }

    /** SSH_MSG_NEWKEYS before any key exchange: RFC 4253 §6 with the none cipher, block size 8. */
    @Test
    void decodesAPacketBuiltByHand() throws ProtocolException {
        byte[] wire = hex(
                "0000000c"              // uint32 packet_length = 12
                + "0a"                  // byte   padding_length = 10 (4 + 1 + 1 + 10 = 16)
                + "15"                  // payload: SSH_MSG_NEWKEYS (21)
                + "00000000000000000000"); // padding
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(wire);
        ByteView payload = decoder.next();
        assertArrayEquals(new byte[] {0x15}, payload.toBytes().toByteArray());
        assertNull(decoder.next());
        assertEquals(1, decoder.sequenceNumber());
    }

    @Test
    void encodesThatPacketWithTheSameFraming() {
        ByteView wire = encoder().encode(new byte[] {0x15});
        byte[] bytes = wire.toBytes().toByteArray();
        assertEquals(16, bytes.length);
        assertArrayEquals(hex("0000000c 0a 15"), Arrays.copyOf(bytes, 6)); // padding is random
    }

    @Test
    void truncatedStreamMeansNeedMoreBytes() throws ProtocolException {
        byte[] wire = encoder().encode(new byte[] {1, 2, 3}).toBytes().toByteArray();
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(wire, 0, wire.length - 1);
        assertNull(decoder.next());
        assertNull(decoder.next());
        decoder.feed(wire, wire.length - 1, 1);
        assertArrayEquals(new byte[] {1, 2, 3}, decoder.next().toBytes().toByteArray());
    }

    /** A 2 GiB length fails as soon as its four bytes arrive, without allocating for it. */
    @Test
    void hostileLengthIsRejectedBeforeAllocation() throws Exception {
        PacketDecoder fromStream = new PacketDecoder();
        int before = fromStream.capacity();
        byte[] hostile = new byte[64 * 1024];
        hostile[0] = 0x7f;
        hostile[1] = hostile[2] = (byte) 0xff;
        hostile[3] = (byte) 0xf8;
        ByteArrayInputStream in = new ByteArrayInputStream(hostile);
        assertTrue(fromStream.readFrom(in) > 0);
        assertThrows(ProtocolException.class, fromStream::next);
        assertThrows(ProtocolException.class, () -> fromStream.readFrom(in), "no reading on for a failed stream");
        assertEquals(before, fromStream.capacity(), "no buffer grown for the claimed length");

        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("7ffffff8"));
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
        assertTrue(e.getMessage().contains("exceeds the maximum"), e.getMessage());
        PacketDecoder unsigned = new PacketDecoder();
        unsigned.feed(hex("fffffff8"));
        assertThrows(ProtocolException.class, unsigned::next);
    }

    @Test
    void configuredMaximumIsEnforcedAndAtLeast35000() throws ProtocolException {
        assertThrows(IllegalArgumentException.class, () -> new PacketDecoder(34999));
        PacketDecoder decoder = new PacketDecoder(35000);
        byte[] big = encoder().encode(new byte[34000]).toBytes().toByteArray();
        decoder.feed(big);
        assertEquals(34000, decoder.next().length());
        PacketDecoder small = new PacketDecoder(35000);
        small.feed(encoder().encode(new byte[36000]).toBytes().toByteArray());
        assertThrows(ProtocolException.class, small::next);
    }

    @Test
    void misalignedLengthIsRejected() {
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000d 0a 15 000000000000000000000000")); // 4 + 13 is not a multiple of 8
        assertThrows(ProtocolException.class, decoder::next);
    }

    @Test
    void tooLittlePaddingIsRejected() {
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000c 03 15 0102030405060708090a")); // padding_length 3 < 4
        assertThrows(ProtocolException.class, decoder::next);
    }

    @Test
    void paddingLongerThanThePacketIsRejected() {
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000c 0c 15 00000000000000000000"));
        assertThrows(ProtocolException.class, decoder::next);
    }

    @Test
    void aFailedDecoderStaysFailed() {
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000c 03 15 0102030405060708090a"));
        assertThrows(ProtocolException.class, decoder::next);
        decoder.feed(encoder().encode(new byte[] {1}).toBytes().toByteArray());
        assertThrows(ProtocolException.class, decoder::next);
    }

    @Test
    void oversizedPayloadIsRefusedBySender() {
        assertThrows(IllegalArgumentException.class, () -> new PacketEncoder(1000, new SecureRandom()));
        PacketEncoder encoder = new PacketEncoder(40000, new SecureRandom());
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(new byte[40001]));
    }

    /** RFC 4253 §7.3: packets after NEWKEYS use the new keys, even when both arrive in one read. */
    @Test
    void newKeysTakeEffectAtThePacketBoundary() throws ProtocolException {
        Combination c = new Combination(Ciphers.AES256_CTR, Macs.HMAC_SHA2_512_ETM, Compression.NONE);
        DirectionKeys keys = c.keys(new SplittableRandom(9));
        PacketEncoder encoder = encoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(encoder.encode(new byte[] {21}).toBytes().toByteArray());
        encoder.install(keys);
        wire.writeBytes(encoder.encode(new byte[] {5, 6, 7}).toBytes().toByteArray());

        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(wire.toByteArray());
        assertArrayEquals(new byte[] {21}, decoder.next().toBytes().toByteArray());
        decoder.install(keys);
        assertArrayEquals(new byte[] {5, 6, 7}, decoder.next().toBytes().toByteArray());
    }

    @Test
    void wrongKeysAreAnIntegrityError() {
        Combination c = new Combination(Ciphers.AES128_GCM, Macs.NONE, Compression.NONE);
        PacketEncoder encoder = encoder();
        encoder.install(c.keys(new SplittableRandom(1)));
        PacketDecoder decoder = new PacketDecoder();
        decoder.install(c.keys(new SplittableRandom(2)));
        decoder.feed(encoder.encode(new byte[] {1, 2, 3}).toBytes().toByteArray());
        IntegrityException e = assertThrows(IntegrityException.class, decoder::next);
        assertEquals(DisconnectReason.MAC_ERROR, e.reason());
    }

    /** The sequence number is part of every MAC: a peer out of step is caught at once. */
    @Test
    void sequenceNumbersOutOfStepAreAnIntegrityError() {
        Combination c = new Combination(Ciphers.AES128_CTR, Macs.HMAC_SHA2_256, Compression.NONE);
        Combination.Pair pair = c.pair(3);
        pair.decoder().seekSequenceNumber(1);
        pair.decoder().feed(pair.encoder().encode(new byte[] {1}).toBytes().toByteArray());
        assertThrows(IntegrityException.class, pair.decoder()::next);
    }

    /** Strict kex (OpenSSH PROTOCOL): both sides restart at 0 after NEWKEYS. */
    @Test
    void sequenceNumbersReset() throws ProtocolException {
        Combination c = new Combination(Ciphers.CHACHA20_POLY1305, Macs.NONE, Compression.NONE);
        Combination.Pair pair = c.pair(4);
        for (int i = 0; i < 3; i++) {
            pair.decoder().feed(pair.encoder().encode(new byte[] {1}).toBytes().toByteArray());
            assertNotNull(pair.decoder().next());
        }
        pair.encoder().resetSequenceNumber();
        pair.decoder().resetSequenceNumber();
        assertEquals(0, pair.encoder().sequenceNumber());
        pair.decoder().feed(pair.encoder().encode(new byte[] {9}).toBytes().toByteArray());
        assertArrayEquals(new byte[] {9}, pair.decoder().next().toBytes().toByteArray());
        assertEquals(1, pair.decoder().sequenceNumber());
    }

    @Test
    void readsStraightFromAStream() throws Exception {
        Combination c = new Combination(Ciphers.AES128_GCM, Macs.NONE, Compression.ZLIB);
        Combination.Pair pair = c.pair(5);
        SplittableRandom rnd = new SplittableRandom(5);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        byte[][] sent = new byte[50][];
        for (int i = 0; i < 50; i++) {
            sent[i] = new byte[1 + 1000 * i];
            rnd.nextBytes(sent[i]);
            pair.encoder().write(sent[i], 0, sent[i].length, wire);
        }
        ByteArrayInputStream in = new ByteArrayInputStream(wire.toByteArray());
        int count = 0;
        while (pair.decoder().readFrom(in) > 0) {
            for (ByteView v = pair.decoder().next(); v != null; v = pair.decoder().next()) {
                assertArrayEquals(sent[count], v.toBytes().toByteArray(), "packet " + count);
                count++;
            }
        }
        assertEquals(50, count);
    }

    /** The largest payload the encoder takes still fits the decoder of the same limit, compressed or not. */
    @Test
    void largestPayloadFitsTheLimit() throws ProtocolException {
        for (String compression : new String[] {Compression.NONE, Compression.ZLIB}) {
            Combination c = new Combination(Ciphers.CHACHA20_POLY1305, Macs.NONE, compression);
            DirectionKeys keys = c.keys(new SplittableRandom(11));
            PacketEncoder encoder = new PacketEncoder(35000, new SecureRandom());
            PacketDecoder decoder = new PacketDecoder(35000);
            encoder.install(keys);
            decoder.install(keys);
            byte[] payload = new byte[encoder.maxPayload()];
            new SplittableRandom(12).nextBytes(payload); // incompressible: zlib makes it longer
            decoder.feed(encoder.encode(payload).toBytes().toByteArray());
            assertArrayEquals(payload, decoder.next().toBytes().toByteArray(), compression);
            assertThrows(IllegalArgumentException.class, () -> encoder.encode(new byte[encoder.maxPayload() + 1]));
        }
    }

    @Test
    void emptyPayloadsAreRefusedBothWays() {
        assertThrows(IllegalArgumentException.class, () -> encoder().encode(new byte[0]));
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000c 0b 0000000000000000000000")); // padding_length 11: no payload left
        assertThrows(ProtocolException.class, decoder::next);
    }

    @Test
    void aRealCipherWithoutAMacIsRefused() {
        Combination c = new Combination(Ciphers.AES128_CTR, Macs.NONE, Compression.NONE);
        assertThrows(IllegalArgumentException.class, () -> c.keys(new SplittableRandom(1)));
    }

    /** A tiny packet that inflates past the maximum is a compression error, not an OutOfMemoryError. */
    @Test
    void decompressionBombIsRejected() {
        Combination c = new Combination(Ciphers.AES128_CTR, Macs.HMAC_SHA2_256_ETM, Compression.ZLIB);
        DirectionKeys keys = c.keys(new SplittableRandom(6));
        PacketEncoder encoder = new PacketEncoder(8 * 1024 * 1024, new SecureRandom());
        encoder.install(keys);
        byte[] wire = encoder.encode(new byte[encoder.maxPayload()]).toBytes().toByteArray();
        assertTrue(wire.length < 64 * 1024, "the bomb is small on the wire: " + wire.length);
        PacketDecoder decoder = new PacketDecoder();
        decoder.install(keys);
        decoder.feed(wire);
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertEquals(DisconnectReason.COMPRESSION_ERROR, e.reason());
    }

    @Test
    void garbageCompressedDataIsACompressionError() {
        // The packet is authentic, but its payload is not a zlib stream: only the compression layer can tell.
        Combination plain = new Combination(Ciphers.AES128_CTR, Macs.HMAC_SHA2_256, Compression.NONE);
        Combination zlib = new Combination(Ciphers.AES128_CTR, Macs.HMAC_SHA2_256, Compression.ZLIB);
        PacketEncoder encoder = encoder();
        encoder.install(plain.keys(new SplittableRandom(7)));
        PacketDecoder decoder = new PacketDecoder();
        decoder.install(zlib.keys(new SplittableRandom(7)));
        decoder.feed(encoder.encode(hex("ffffffffffffffff")).toBytes().toByteArray());
        ProtocolException e = assertThrows(ProtocolException.class, decoder::next);
        assertEquals(DisconnectReason.COMPRESSION_ERROR, e.reason());
    }

    /** zlib@openssh.com: nothing is compressed until authentication succeeds, then both sides switch. */
    @Test
    void delayedCompressionStartsAfterAuthentication() throws ProtocolException {
        Combination c = new Combination(Ciphers.AES128_GCM, Macs.NONE, Compression.ZLIB_DELAYED);
        Combination.Pair pair = c.pair(8);
        byte[] text = "abcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabcabc".repeat(50).getBytes();
        assertFalse(pair.encoder().compressing());
        ByteView before = pair.encoder().encode(text);
        assertTrue(before.length() > text.length, "uncompressed before authentication");
        pair.decoder().feed(before.toBytes().toByteArray());
        assertArrayEquals(text, pair.decoder().next().toBytes().toByteArray());

        pair.encoder().authenticationSucceeded();
        pair.decoder().authenticationSucceeded();
        assertTrue(pair.encoder().compressing());
        assertTrue(pair.decoder().decompressing());
        ByteView after = pair.encoder().encode(text);
        assertTrue(after.length() < text.length / 10, "compressed after: " + after.length());
        pair.decoder().feed(after.toBytes().toByteArray());
        assertArrayEquals(text, pair.decoder().next().toBytes().toByteArray());
    }

    /** After authentication, re-keying with zlib@openssh.com compresses at once. */
    @Test
    void delayedCompressionAfterRekeyStartsAtOnce() {
        Combination c = new Combination(Ciphers.AES128_GCM, Macs.NONE, Compression.ZLIB_DELAYED);
        PacketEncoder encoder = encoder();
        encoder.authenticationSucceeded();
        assertFalse(encoder.compressing());
        encoder.install(c.keys(new SplittableRandom(10)));
        assertTrue(encoder.compressing());
        PacketDecoder decoder = new PacketDecoder();
        decoder.authenticationSucceeded();
        assertFalse(decoder.decompressing());
        decoder.install(c.keys(new SplittableRandom(10)));
        assertTrue(decoder.decompressing());
    }

    @Test
    void installingInTheMiddleOfAPacketIsRefused() throws ProtocolException {
        PacketDecoder decoder = new PacketDecoder();
        decoder.feed(hex("0000000c0a"));
        assertNull(decoder.next());
        Combination c = new Combination(Ciphers.AES128_GCM, Macs.NONE, Compression.NONE);
        assertThrows(IllegalStateException.class, () -> decoder.install(c.keys(new SplittableRandom(1))));
    }
}
