package org.amiko.ssh.transport.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.amiko.ssh.transport.ProtocolException;
import org.junit.jupiter.api.Test;

/** QuickTheories properties of the RFC 4251 §5 reader and writer. */
class WireProperties {

    private static final int EXAMPLES = 2000;

    @Test
    void uint32AndUint64RoundTrip() {
        qt().withExamples(EXAMPLES).forAll(longs().all(), longs().all()).checkAssert((a, b) -> {
            SshReader r = new SshReader(new SshWriter().writeUint32(a).writeUint64(b).toByteArray());
            assertEquals(a & 0xffffffffL, read(r::readUint32));
            assertEquals(b, read(r::readUint64));
        });
    }

    @Test
    void mpintRoundTripsInMinimalForm() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4200), longs().all()).checkAssert((bits, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            BigInteger v = new BigInteger(bits, new java.util.Random(seed));
            if (rnd.nextBoolean()) {
                v = v.negate();
            }
            byte[] wire = new SshWriter().writeMpint(v).toByteArray();
            SshReader r = new SshReader(wire);
            assertEquals(v, read(r::readMpint));
            // Minimal: the body is exactly the bytes two's complement needs (zero: none).
            int expectedBody = v.signum() == 0 ? 0 : v.bitLength() / 8 + 1;
            assertEquals(4 + expectedBody, wire.length);
        });
    }

    @Test
    void stringsRoundTrip() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 5000), longs().all()).checkAssert((len, seed) -> {
            byte[] data = new byte[len];
            new SplittableRandom(seed).nextBytes(data);
            SshReader r = new SshReader(new SshWriter().writeString(data).toByteArray());
            assertArrayEquals(data, read(r::readStringBytes));
        });
    }

    @Test
    void utf8RoundTrips() {
        qt().withExamples(EXAMPLES).forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(s -> {
            // Lone surrogates are not text; the JDK replaces them, so compare against that.
            String text = new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
            SshReader r = new SshReader(new SshWriter().writeUtf8(text).toByteArray());
            assertEquals(text, read(r::readUtf8));
        });
    }

    @Test
    void nameListsRoundTrip() {
        qt().withExamples(EXAMPLES)
                .forAll(lists().of(strings().betweenCodePoints(0x21, 0x7e).ofLengthBetween(1, 40)
                        .map(n -> n.replace(',', '_'))).ofSizeBetween(0, 12))
                .checkAssert(names -> {
                    SshReader r = new SshReader(new SshWriter().writeNameList(names).toByteArray());
                    assertEquals(names, read(r::readNameList));
                });
    }

    /** Arbitrary bytes fed to every read method end in a value or a ProtocolException, nothing else. */
    @Test
    void arbitraryBytesNeverEscapeAsAnotherError() {
        qt().withExamples(EXAMPLES * 2).forAll(integers().between(0, 64), longs().all(), arbitrary().pick(List.of(
                "byte", "boolean", "uint32", "uint64", "string", "utf8", "mpint", "name-list")))
                .checkAssert((len, seed, type) -> {
                    byte[] junk = new byte[len];
                    new SplittableRandom(seed).nextBytes(junk);
                    if (len >= 4 && seed % 3 == 0) {
                        junk[0] = (byte) 0x7f; // a large length field
                    }
                    SshReader r = new SshReader(junk, 0, len, 32);
                    try {
                        switch (type) {
                            case "byte" -> r.readByte();
                            case "boolean" -> r.readBoolean();
                            case "uint32" -> r.readUint32();
                            case "uint64" -> r.readUint64();
                            case "string" -> r.readStringBytes();
                            case "utf8" -> r.readUtf8();
                            case "mpint" -> r.readMpint();
                            default -> r.readNameList();
                        }
                    } catch (ProtocolException expected) {
                        // the one allowed failure
                    }
                });
    }

    interface Read<T> {
        T get() throws ProtocolException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (ProtocolException e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
