package org.amiko.ssh.channel.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * QuickTheories properties of the connection protocol's codecs: every record round trips with
 * any field values, every truncation of a fixed-layout message is a {@link ProtocolException},
 * and no bytes at all after a valid message number make the decoder fail in any other way.
 */
class ConnectionMessageProperties {

    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);

    /** The numbers of the 14 records, in the order {@link #randomMessage} builds them. */
    private static final int[] IDS = {
        GlobalRequest.ID, RequestSuccess.ID, RequestFailure.ID, ChannelOpen.ID, ChannelOpenConfirmation.ID,
        ChannelOpenFailure.ID, ChannelWindowAdjust.ID, ChannelData.ID, ChannelExtendedData.ID, ChannelEof.ID,
        ChannelClose.ID, ChannelRequest.ID, ChannelSuccess.ID, ChannelFailure.ID,
    };

    /** The records whose layout ends in a known field, not in free-form request or open data. */
    private static final int[] FIXED_LAYOUT = {
        RequestFailure.ID, ChannelOpenFailure.ID, ChannelWindowAdjust.ID, ChannelData.ID, ChannelExtendedData.ID,
        ChannelEof.ID, ChannelClose.ID, ChannelSuccess.ID, ChannelFailure.ID,
    };

    @Test
    void everyRecordRoundTrips() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4096), longs().all()).checkAssert((length, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int id : IDS) {
                ConnectionMessage m = randomMessage(id, length, rnd);
                byte[] payload = m.toPayload();
                assertEquals(id, payload[0] & 0xff, m::toString);
                ConnectionMessage decoded = decode(payload);
                assertEquals(m, decoded, () -> "round trip of " + m);
                // and the decoded record writes exactly the same bytes again
                assertArrayEquals(payload, decoded.toPayload(), m::toString);
            }
        });
    }

    @Test
    void directDataPayloadsEqualTheRecordsEncoding() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4096), longs().all()).checkAssert((length, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            byte[] buffer = randomBytes(rnd, length + 64);
            int off = rnd.nextInt(65);
            int len = rnd.nextInt(length + 1);
            int recipient = (int) uint32(rnd);
            long type = uint32(rnd);
            Bytes slice = Bytes.of(buffer, off, len);
            assertArrayEquals(new ChannelData(recipient, slice).toPayload(),
                    ChannelData.payload(recipient, buffer, off, len));
            assertArrayEquals(new ChannelExtendedData(recipient, type, slice).toPayload(),
                    ChannelExtendedData.payload(recipient, type, buffer, off, len));
        });
    }

    @Test
    void everyTruncationOfAFixedLayoutMessageIsAProtocolErrorAndNothingElse() {
        // data up to 128 bytes, so that every prefix of every message can be tried
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 128), longs().all()).checkAssert((length, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int id : FIXED_LAYOUT) {
                byte[] payload = randomMessage(id, length, rnd).toPayload();
                for (int cut = 0; cut < payload.length; cut++) {
                    byte[] prefix = Arrays.copyOf(payload, cut);
                    assertThrows(ProtocolException.class, () -> ConnectionMessage.decode(prefix),
                            () -> "prefix " + HexFormat.of().formatHex(prefix));
                }
                byte[] longer = Arrays.copyOf(payload, payload.length + 1 + rnd.nextInt(8));
                assertThrows(ProtocolException.class, () -> ConnectionMessage.decode(longer),
                        () -> "trailing bytes after " + HexFormat.of().formatHex(payload));
            }
        });
    }

    @Test
    void truncationsOfFreeFormMessagesWithinTheirFixedFieldsAreProtocolErrors() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int id : new int[] {GlobalRequest.ID, ChannelOpen.ID, ChannelOpenConfirmation.ID, ChannelRequest.ID}) {
                ConnectionMessage m = randomMessage(id, 0, rnd); // no free-form data: every byte is a fixed field
                byte[] payload = m.toPayload();
                for (int cut = 0; cut < payload.length; cut++) {
                    byte[] prefix = Arrays.copyOf(payload, cut);
                    assertThrows(ProtocolException.class, () -> ConnectionMessage.decode(prefix),
                            () -> "prefix " + HexFormat.of().formatHex(prefix));
                }
            }
        });
    }

    @Test
    void randomBytesAfterAValidMessageNumberDecodeOrAreAProtocolError() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 600), longs().all()).checkAssert((length, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            for (int id : IDS) {
                byte[] payload;
                if (rnd.nextBoolean()) {
                    // a valid message with one to three bytes changed: reaches the deeper fields
                    payload = randomMessage(id, rnd.nextInt(length + 1) % 64, rnd).toPayload();
                    if (payload.length > 1) {
                        for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                            payload[1 + rnd.nextInt(payload.length - 1)] ^= (byte) (1 + rnd.nextInt(255));
                        }
                    }
                } else {
                    // short bodies are the ones with a chance to be well formed
                    int n = rnd.nextInt(3) == 0 ? rnd.nextInt(24) : length;
                    payload = new byte[1 + n];
                    rnd.nextBytes(payload);
                    payload[0] = (byte) id;
                }
                ConnectionMessage m;
                try {
                    m = ConnectionMessage.decode(payload);
                } catch (ProtocolException expected) {
                    continue;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("decoding " + HexFormat.of().formatHex(payload) + " threw " + e, e);
                }
                assertEquals(id, m.toPayload()[0] & 0xff);
                // what decodes is a record that survives its own round trip
                byte[] mutated = payload;
                assertEquals(m, decode(m.toPayload()), () -> HexFormat.of().formatHex(mutated));
            }
        });
    }

    // ---- generators ---------------------------------------------------------------------------

    /** A record of message number {@code id} with random fields; its data, where it has some, is {@code length} bytes. */
    static ConnectionMessage randomMessage(int id, int length, SplittableRandom rnd) {
        Bytes data = Bytes.of(randomBytes(rnd, length));
        int recipient = (int) uint32(rnd);
        return switch (id) {
            case GlobalRequest.ID -> new GlobalRequest(text(rnd), rnd.nextBoolean(), data);
            case RequestSuccess.ID -> new RequestSuccess(data);
            case RequestFailure.ID -> RequestFailure.INSTANCE;
            case ChannelOpen.ID -> new ChannelOpen(text(rnd), (int) uint32(rnd), uint32(rnd), uint32(rnd), data);
            case ChannelOpenConfirmation.ID -> new ChannelOpenConfirmation(recipient, (int) uint32(rnd), uint32(rnd),
                    uint32(rnd), data);
            case ChannelOpenFailure.ID -> new ChannelOpenFailure(recipient, uint32(rnd), text(rnd), text(rnd));
            case ChannelWindowAdjust.ID -> new ChannelWindowAdjust(recipient, uint32(rnd));
            case ChannelData.ID -> new ChannelData(recipient, data);
            case ChannelExtendedData.ID -> new ChannelExtendedData(recipient, uint32(rnd), data);
            case ChannelEof.ID -> new ChannelEof(recipient);
            case ChannelClose.ID -> new ChannelClose(recipient);
            case ChannelRequest.ID -> new ChannelRequest(recipient, text(rnd), rnd.nextBoolean(), data);
            case ChannelSuccess.ID -> new ChannelSuccess(recipient);
            case ChannelFailure.ID -> new ChannelFailure(recipient);
            default -> throw new IllegalArgumentException("message " + id);
        };
    }

    /** Any uint32, with the edges (0, 2^31 - 1, 2^31, 2^32 - 1) a quarter of the time. */
    static long uint32(SplittableRandom rnd) {
        if (rnd.nextInt(4) == 0) {
            long[] edges = {0, 1, 0x7fff_ffffL, 0x8000_0000L, 0xffff_fffeL, 0xffff_ffffL};
            return edges[rnd.nextInt(edges.length)];
        }
        return rnd.nextLong(1L << 32);
    }

    /** Text of 0 to 40 code points: mostly ASCII, some from anywhere in Unicode outside the surrogates. */
    static String text(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(41);
        for (int i = 0; i < n; i++) {
            int cp;
            switch (rnd.nextInt(4)) {
                case 0 -> cp = rnd.nextInt(0x80);
                case 1 -> cp = rnd.nextInt(0xd800);
                case 2 -> cp = 0xe000 + rnd.nextInt(0x10_0000 + 0x1_0000 - 0xe000);
                default -> cp = 'a' + rnd.nextInt(26);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    static byte[] randomBytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static ConnectionMessage decode(byte[] payload) {
        try {
            return ConnectionMessage.decode(payload);
        } catch (ProtocolException e) {
            throw new AssertionError("decoding " + HexFormat.of().formatHex(payload) + ": " + e.getMessage(), e);
        }
    }

    @Test
    void theGeneratorsCoverEveryRecord() {
        SplittableRandom rnd = new SplittableRandom(1);
        java.util.Set<Class<?>> seen = new java.util.HashSet<>();
        for (int id : IDS) {
            seen.add(randomMessage(id, 1, rnd).getClass());
        }
        assertEquals(ConnectionMessage.class.getPermittedSubclasses().length, seen.size());
        if (seen.size() != 14) {
            fail("expected the 14 records of RFC 4254 §4-§5, got " + seen);
        }
    }
}
