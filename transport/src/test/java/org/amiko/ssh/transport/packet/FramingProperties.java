package org.amiko.ssh.transport.packet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.amiko.ssh.transport.IntegrityException;
import org.amiko.ssh.transport.ProtocolException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * QuickTheories properties of the binary packet protocol (RFC 4253 §6), for every cipher x MAC x
 * compression combination: round trips under any chunking, the padding and length invariants on
 * the encoded bytes, sequence numbers in step, and every single bit flip rejected.
 */
class FramingProperties {

    /** Generated cases per combination and property; CI runs at least 1000. */
    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);

    private static final List<Combination> COMBINATIONS =
            Combination.all(List.of(Compression.NONE, Compression.ZLIB));

    @TestFactory
    Stream<DynamicTest> roundTripUnderAnyChunking() {
        return COMBINATIONS.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () ->
                qt().withExamples(EXAMPLES)
                        .forAll(integers().between(1, 34000), longs().all())
                        .checkAssert((firstLength, seed) -> roundTrip(c, firstLength, seed))));
    }

    @TestFactory
    Stream<DynamicTest> anySingleBitFlipIsRejected() {
        return COMBINATIONS.stream().filter(Combination::authenticated).map(c -> DynamicTest.dynamicTest(c.toString(), () ->
                qt().withExamples(EXAMPLES)
                        .forAll(integers().between(1, 2000), longs().all())
                        .checkAssert((firstLength, seed) -> bitFlip(c, firstLength, seed))));
    }

    /** Payload sizes of 1 to max: mostly small, often large, the first one chosen (and shrunk) by QuickTheories. */
    static List<byte[]> payloads(int firstLength, SplittableRandom rnd, int max) {
        List<byte[]> out = new ArrayList<>();
        int count = 1 + rnd.nextInt(4);
        for (int i = 0; i < count; i++) {
            int len = i == 0 ? firstLength : 1 + (rnd.nextInt(4) == 0 ? rnd.nextInt(max) : rnd.nextInt(Math.min(300, max)));
            byte[] p = new byte[len];
            if (rnd.nextBoolean()) {
                rnd.nextBytes(p);
            } else {
                for (int j = 0; j < len; j++) {
                    p[j] = (byte) ('a' + rnd.nextInt(4)); // compressible
                }
            }
            out.add(p);
        }
        return out;
    }

    private static void roundTrip(Combination c, int firstLength, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Combination.Pair pair = c.pair(seed);
        List<byte[]> payloads = payloads(firstLength, rnd, 34000);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            ByteView packet = pair.encoder().encode(p);
            checkInvariants(c, packet, p.length);
            wire.write(packet.array(), packet.offset(), packet.length());
        }
        List<byte[]> decoded = decodeInChunks(pair.decoder(), wire.toByteArray(), rnd);
        assertEquals(payloads.size(), decoded.size(), "packets decoded");
        for (int i = 0; i < payloads.size(); i++) {
            assertArrayEquals(payloads.get(i), decoded.get(i), "payload " + i);
        }
        assertEquals(payloads.size(), pair.encoder().sequenceNumber());
        assertEquals(payloads.size(), pair.decoder().sequenceNumber());
        assertEquals(0, pair.decoder().buffered());
    }

    /** RFC 4253 §6, checked on the encoded bytes alone. */
    private static void checkInvariants(Combination c, ByteView packet, int payloadLength) {
        int body = packet.length() - c.tagLength(); // uint32 packet_length + the packet
        int aligned = c.lengthAligned() ? body : body - 4;
        assertEquals(0, aligned % c.blockSize(), "padded length is a multiple of the block size");
        assertTrue(body >= 16, "at least 16 bytes");
        if (c.lengthInClear()) {
            int packetLength = ((packet.array()[packet.offset()] & 0xff) << 24) | ((packet.array()[packet.offset() + 1] & 0xff) << 16)
                    | ((packet.array()[packet.offset() + 2] & 0xff) << 8) | (packet.array()[packet.offset() + 3] & 0xff);
            assertEquals(body - 4, packetLength, "packet_length");
        }
        if (c.compression().equals(Compression.NONE)) {
            int padding = body - 4 - 1 - payloadLength;
            assertTrue(padding >= 4 && padding <= 255, "padding " + padding);
        }
    }

    /** Feeds {@code wire} in chunks chosen by {@code rnd}: whole, byte by byte, or random sizes. */
    static List<byte[]> decodeInChunks(PacketDecoder decoder, byte[] wire, SplittableRandom rnd) {
        List<byte[]> out = new ArrayList<>();
        int mode = rnd.nextInt(3);
        int pos = 0;
        try {
            while (pos < wire.length) {
                int n = switch (mode) {
                    case 0 -> wire.length;
                    case 1 -> wire.length < 5000 ? 1 : 1 + rnd.nextInt(16);
                    default -> 1 + rnd.nextInt(Math.min(wire.length, 9000));
                };
                n = Math.min(n, wire.length - pos);
                decoder.feed(wire, pos, n);
                pos += n;
                for (ByteView v = decoder.next(); v != null; v = decoder.next()) {
                    out.add(v.toBytes().toByteArray());
                }
            }
        } catch (ProtocolException e) {
            throw new AssertionError("clean stream rejected: " + e, e);
        }
        return out;
    }

    private static void bitFlip(Combination c, int firstLength, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Combination.Pair pair = c.pair(seed);
        List<byte[]> payloads = payloads(firstLength, rnd, 2000);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Integer> ends = new ArrayList<>();
        for (byte[] p : payloads) {
            ByteView packet = pair.encoder().encode(p);
            wire.write(packet.array(), packet.offset(), packet.length());
            ends.add(wire.size());
        }
        byte[] bytes = wire.toByteArray();
        int bit = rnd.nextInt(bytes.length * 8);
        bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        int hit = 0;
        while (ends.get(hit) <= bit / 8) {
            hit++;
        }
        int offsetInPacket = bit / 8 - (hit == 0 ? 0 : ends.get(hit - 1));
        // Packets before the flipped one decode as sent; the flipped one never comes out.
        PacketDecoder decoder = pair.decoder();
        decoder.feed(bytes);
        List<byte[]> decoded = new ArrayList<>();
        try {
            for (ByteView v = decoder.next(); v != null; v = decoder.next()) {
                decoded.add(v.toBytes().toByteArray());
            }
            // No error: only possible if the flip made the length larger, so the decoder still waits.
            assertEquals(hit, decoded.size(), "packets before the flip");
            assertTrue(decoder.buffered() > 0, "waiting for the rest of a longer packet");
        } catch (ProtocolException expected) {
            if (decoded.size() > hit) {
                fail("a packet with a flipped bit was accepted");
            }
            // Outside the 4-byte length field, only the MAC or tag can (and must) notice.
            if (offsetInPacket >= 4 && !(expected instanceof IntegrityException)) {
                fail("flip at byte " + offsetInPacket + " of packet " + hit + " gave " + expected + ", not an integrity error");
            }
        }
        for (int i = 0; i < decoded.size(); i++) {
            assertArrayEquals(payloads.get(i), decoded.get(i));
        }
        assertTrue(decoded.size() <= hit);
    }

    @TestFactory
    Stream<DynamicTest> sequenceNumbersWrapAt2To32InStep() {
        return COMBINATIONS.stream().filter(Combination::authenticated).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Combination.Pair pair = c.pair(42);
            pair.encoder().seekSequenceNumber(-2);
            pair.decoder().seekSequenceNumber(-2);
            for (int i = 0; i < 4; i++) {
                byte[] p = {(byte) i, 1, 2, 3};
                pair.decoder().feed(pair.encoder().encode(p).toBytes().toByteArray());
                assertArrayEquals(p, pair.decoder().next().toBytes().toByteArray());
            }
            assertEquals(2, pair.encoder().sequenceNumber());
            assertEquals(2, pair.decoder().sequenceNumber());
            assertNull(pair.decoder().next());
        }));
    }
}
