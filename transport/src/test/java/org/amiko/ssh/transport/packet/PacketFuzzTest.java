package org.amiko.ssh.transport.packet;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.crypto.PacketSealer;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.wire.SecretBytes;

/**
 * The packet decoder (RFC 4253 §6) on hostile input: any byte stream in any chunking without
 * encryption (with and without zlib), and, under every cipher and MAC with fixed keys, packets
 * whose length and padding fields are the fuzzer's but whose encryption and MAC are right, so the
 * checks behind the MAC are reached too. Only ProtocolException may come out.
 */
class PacketFuzzTest {

    private static final List<String[]> SUITES = suites();

    private static List<String[]> suites() {
        List<String[]> out = new ArrayList<>();
        for (String cipher : List.of(Ciphers.CHACHA20_POLY1305, Ciphers.AES128_GCM, Ciphers.AES256_GCM,
                Ciphers.AES128_CTR, Ciphers.AES192_CTR, Ciphers.AES256_CTR, Ciphers.NONE)) {
            if (Ciphers.find(cipher).orElseThrow().aead()) {
                out.add(new String[] {cipher, Macs.NONE});
            } else {
                for (String mac : Macs.supportedNames()) {
                    out.add(new String[] {cipher, mac});
                }
            }
        }
        return out;
    }

    private static DirectionKeys keys(String[] suite, String compression) {
        Ciphers.CipherAlgorithm c = Ciphers.find(suite[0]).orElseThrow();
        int macLength = c.aead() ? 0 : Macs.find(suite[1]).map(Macs.MacAlgorithm::keyLength).orElse(0);
        return new DirectionKeys(suite[0], suite[1], compression, fixed(c.keyLength(), 1), fixed(c.ivLength(), 2),
                fixed(macLength, 3));
    }

    private static SecretBytes fixed(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return SecretBytes.copyOf(b);
    }

    /** A cleartext stream, zlib or not, fed in the fuzzer's chunks. */
    @FuzzTest
    void cleartextStream(FuzzedDataProvider data) {
        PacketDecoder decoder = new PacketDecoder();
        String compression = data.consumeBoolean() ? "zlib" : "none";
        decoder.install(keys(new String[] {Ciphers.NONE, Macs.NONE}, compression));
        int chunk = data.consumeInt(1, 4096);
        byte[] stream = data.consumeRemainingAsBytes();
        drain(decoder, stream, chunk);
    }

    /** Packets sealed right under fixed keys, their length and padding fields chosen by the fuzzer. */
    @FuzzTest
    void sealedPackets(FuzzedDataProvider data) {
        String[] suite = SUITES.get(data.consumeInt(0, SUITES.size() - 1));
        String compression = data.consumeBoolean() ? "zlib" : "none";
        DirectionKeys keys = keys(suite, compression);
        Ciphers.CipherAlgorithm c = Ciphers.find(suite[0]).orElseThrow();
        PacketSealer sealer = Ciphers.sealer(suite[0], suite[1], keys.key().toByteArray(), keys.iv().toByteArray(),
                keys.macKey().toByteArray());
        PacketDecoder decoder = new PacketDecoder();
        decoder.install(keys);
        java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        int seq = 0;
        for (int n = data.consumeInt(1, 4); n > 0 && data.remainingBytes() > 0; n--) {
            int body = data.consumeInt(0, 2048);
            int block = Math.max(8, sealer.blockSize());
            // mostly a length the cipher can carry; sometimes whatever the fuzzer says
            int packetLength = data.consumeBoolean() ? data.consumeInt() : Math.max(block, (body + block) / block * block
                    + (sealer.lengthAligned() ? block - 4 : 0));
            int room = Math.max(0, Math.min(packetLength, 64 * 1024));
            byte[] buf = new byte[4 + room + sealer.tagLength() + 64];
            buf[0] = (byte) (packetLength >>> 24);
            buf[1] = (byte) (packetLength >>> 16);
            buf[2] = (byte) (packetLength >>> 8);
            buf[3] = (byte) packetLength;
            byte[] content = data.consumeBytes(room);
            System.arraycopy(content, 0, buf, 4, content.length);
            if (packetLength >= 5 && packetLength <= 64 * 1024 && (c.aead() || packetLength % 8 == 0 || !sealer.lengthAligned())) {
                try {
                    sealer.seal(seq, buf, 0, packetLength);
                } catch (RuntimeException e) {
                    continue; // a length the sealer itself cannot take: not something a peer could send
                }
                seq++;
                wire.write(buf, 0, 4 + packetLength + sealer.tagLength());
            } else {
                wire.write(buf, 0, Math.min(buf.length, 4 + room));
            }
        }
        drain(decoder, wire.toByteArray(), data.consumeInt(1, 1 << 16));
    }

    private static void drain(PacketDecoder decoder, byte[] stream, int chunk) {
        try {
            for (int off = 0; off < stream.length; off += chunk) {
                decoder.feed(stream, off, Math.min(chunk, stream.length - off));
                while (decoder.next() != null) {
                    // a payload; the next
                }
            }
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }
}
