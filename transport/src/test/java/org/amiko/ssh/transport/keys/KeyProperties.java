package org.amiko.ssh.transport.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * QuickTheories properties: decoding arbitrary or damaged blobs ends in a key or a
 * ProtocolException and nothing else; every algorithm's signatures round trip over random data;
 * a flipped bit in the data or the signature never verifies.
 */
class KeyProperties {

    /** Generated cases per property (and per algorithm); CI runs at least 1000. */
    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);

    /** Decodes, accepting only a ProtocolException as failure; a key must re-encode to the same blob. */
    private static void decodeOrProtocolError(byte[] blob) {
        Bytes b = Bytes.of(blob);
        SshPublicKey key;
        try {
            key = SshPublicKey.decode(b);
        } catch (ProtocolException e) {
            return;
        }
        assertEquals(b, key.blob());
        assertEquals(b, SshPublicKey.of(key.jcaKey()).blob(), "a decoded key re-encodes to its blob");
    }

    @Test
    void randomBytesOnlyEverThrowProtocolException() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 600), longs().all()).checkAssert((len, seed) -> {
            byte[] b = new byte[len];
            new SplittableRandom(seed).nextBytes(b);
            decodeOrProtocolError(b);
        });
    }

    /** Random fields after a known key type name: strings, mpints, plausible lengths. */
    @Test
    void randomFieldsAfterAKnownTypeOnlyThrowProtocolException() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, SshPublicKey.KEY_TYPES.size() - 1), longs().all())
                .checkAssert((typeIndex, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    String type = SshPublicKey.KEY_TYPES.get(typeIndex);
                    SshWriter w = new SshWriter().writeUtf8(type);
                    int fields = rnd.nextInt(5);
                    for (int i = 0; i < fields; i++) {
                        switch (rnd.nextInt(5)) {
                            case 0 -> w.writeUtf8(type.startsWith("ecdsa") ? type.substring(11) : "nistp256");
                            case 1 -> w.writeMpint(new BigInteger(rnd.nextInt(2100), new Random(rnd.nextLong())));
                            case 2 -> w.writeString(randomBytes(rnd, pick(rnd, 0, 31, 32, 33, 65, 97, 133)));
                            case 3 -> w.writeString(point(rnd));
                            default -> w.writeUint32(rnd.nextInt(3) == 0 ? rnd.nextLong(1L << 32) : rnd.nextInt(300));
                        }
                    }
                    decodeOrProtocolError(w.toByteArray());
                });
    }

    /** An uncompressed point of a random curve, on it (a fresh key's) or not (random). */
    private static byte[] point(SplittableRandom rnd) {
        EcCurve c = EcCurve.values()[rnd.nextInt(3)];
        if (rnd.nextBoolean()) {
            return c.encodePoint(((ECPublicKey) Keys.host(c.keyType()).publicKey().jcaKey()).getW());
        }
        byte[] q = randomBytes(rnd, 1 + 2 * c.fieldBytes());
        q[0] = 4;
        return q;
    }

    /** Valid blobs damaged by flipped bits, changed bytes, truncation, insertion. */
    @Test
    void damagedBlobsOnlyEverThrowProtocolException() {
        List<Bytes> valid = new ArrayList<>(List.of(KeyBlobBytesTest.ED_BLOB, KeyBlobBytesTest.P256_BLOB, KeyBlobBytesTest.RSA_BLOB));
        SshPublicKey.KEY_TYPES.forEach(t -> valid.add(Keys.host(t).publicKey().blob()));
        qt().withExamples(EXAMPLES).forAll(integers().between(0, valid.size() - 1), longs().all()).checkAssert((i, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            byte[] b = valid.get(i).toByteArray();
            int damages = 1 + rnd.nextInt(3);
            for (int d = 0; d < damages && b.length > 0; d++) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(4)) {
                    case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 1 -> b[at] = (byte) rnd.nextInt(256);
                    case 2 -> b = Arrays.copyOf(b, at);
                    default -> {
                        byte[] longer = new byte[b.length + 1];
                        System.arraycopy(b, 0, longer, 0, at);
                        longer[at] = (byte) rnd.nextInt(256);
                        System.arraycopy(b, at, longer, at + 1, b.length - at);
                        b = longer;
                    }
                }
            }
            decodeOrProtocolError(b);
        });
    }

    @TestFactory
    Stream<DynamicTest> signVerifyRoundTripAndBitFlipsFail() {
        return Arrays.stream(SignatureAlgorithm.values()).map(a -> DynamicTest.dynamicTest(a.wireName(), () -> {
            HostKey key = Keys.host(a.keyType());
            qt().withExamples(EXAMPLES).forAll(integers().between(0, 3000), longs().all()).checkAssert((len, seed) -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                byte[] data = randomBytes(rnd, len);
                Bytes sig = key.sign(a, data);
                assertTrue(verify(a, key.publicKey(), data, sig), "round trip");
                if (len > 0) {
                    byte[] flipped = data.clone();
                    flipped[rnd.nextInt(len)] ^= (byte) (1 << rnd.nextInt(8));
                    assertFalse(verify(a, key.publicKey(), flipped, sig), "a flipped data bit verified");
                }
                byte[] s = sig.toByteArray();
                s[rnd.nextInt(s.length)] ^= (byte) (1 << rnd.nextInt(8));
                assertFalse(verify(a, key.publicKey(), data, Bytes.of(s)), "a flipped signature bit verified");
            });
        }));
    }

    /** Garbage in place of a signature: false or a ProtocolException, nothing else. */
    @TestFactory
    Stream<DynamicTest> garbageSignaturesNeverVerify() {
        return Arrays.stream(SignatureAlgorithm.values()).map(a -> DynamicTest.dynamicTest(a.wireName(), () -> {
            HostKey key = Keys.host(a.keyType());
            qt().withExamples(EXAMPLES).forAll(integers().between(0, 600), longs().all()).checkAssert((len, seed) -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                byte[] body = randomBytes(rnd, rnd.nextBoolean() ? len : pick(rnd, 64, 72, 104, 139, 384));
                Bytes blob = rnd.nextInt(4) == 0 ? Bytes.of(body)
                        : new SshWriter().writeUtf8(a.wireName()).writeString(body).toBytes();
                assertFalse(verify(a, key.publicKey(), new byte[] {1, 2, 3}, blob));
            });
        }));
    }

    /** Verifies, counting a ProtocolException as "does not verify". */
    private static boolean verify(SignatureAlgorithm a, SshPublicKey key, byte[] data, Bytes sig) {
        try {
            return a.verify(key, data, sig);
        } catch (ProtocolException e) {
            return false;
        }
    }

    private static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static int pick(SplittableRandom rnd, int... choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
