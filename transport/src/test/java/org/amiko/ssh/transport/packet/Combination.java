package org.amiko.ssh.transport.packet;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.wire.SecretBytes;

/** One cipher x MAC x compression choice, and a connected encoder-decoder pair keyed with it. */
record Combination(String cipher, String mac, String compression) {

    /** Every cipher with every MAC it can take (AEAD ciphers take none), plus none/none; times {@code compressions}. */
    static List<Combination> all(List<String> compressions) {
        List<Combination> out = new ArrayList<>();
        for (String compression : compressions) {
            out.add(new Combination(Ciphers.NONE, Macs.NONE, compression));
            for (String cipher : Ciphers.defaultNames()) {
                if (Ciphers.find(cipher).orElseThrow().aead()) {
                    out.add(new Combination(cipher, Macs.NONE, compression));
                } else {
                    for (String mac : Macs.supportedNames()) {
                        out.add(new Combination(cipher, mac, compression));
                    }
                }
            }
        }
        return out;
    }

    boolean authenticated() {
        return !cipher.equals(Ciphers.NONE);
    }

    boolean aead() {
        return Ciphers.find(cipher).orElseThrow().aead();
    }

    boolean etm() {
        return !aead() && Macs.find(mac).orElseThrow().etm();
    }

    int tagLength() {
        return aead() ? 16 : Macs.find(mac).orElseThrow().macLength();
    }

    int blockSize() {
        return Math.max(8, Ciphers.find(cipher).orElseThrow().blockSize());
    }

    /** Whether the length field counts toward the block multiple (RFC 4253 §6); not for EtM or AEAD. */
    boolean lengthAligned() {
        return !etm() && !aead();
    }

    /** Whether the packet length travels in the clear (EtM, AES-GCM and the none cipher). */
    boolean lengthInClear() {
        return etm() || cipher.startsWith("aes") && aead() || cipher.equals(Ciphers.NONE);
    }

    DirectionKeys keys(SplittableRandom rnd) {
        return new DirectionKeys(cipher, mac, compression, secret(rnd, 64), secret(rnd, 16), secret(rnd, 64));
    }

    private static SecretBytes secret(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return SecretBytes.copyOf(b);
    }

    /** An encoder and a decoder installed with the same fresh keys. */
    Pair pair(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        DirectionKeys keys = keys(rnd);
        PacketEncoder encoder = new PacketEncoder(64 * 1024, new SecureRandom());
        PacketDecoder decoder = new PacketDecoder();
        encoder.install(keys);
        decoder.install(keys);
        return new Pair(encoder, decoder);
    }

    record Pair(PacketEncoder encoder, PacketDecoder decoder) {
    }

    @Override
    public String toString() {
        return cipher + " + " + mac + " + " + compression;
    }
}
