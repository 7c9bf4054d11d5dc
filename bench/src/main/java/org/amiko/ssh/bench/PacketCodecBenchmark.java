package org.amiko.ssh.bench;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.packet.ByteView;
import org.amiko.ssh.transport.packet.Compression;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.packet.PacketDecoder;
import org.amiko.ssh.transport.packet.PacketEncoder;
import org.amiko.ssh.transport.wire.SecretBytes;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encode + decode of one 32 KiB payload through amiko's packet layer ({@link #packetLayer}),
 * beside the same cipher and MAC applied straight through the JCA to the same buffer, once to
 * encrypt and once to decrypt ({@link #rawCipher}): the ceiling the packet layer is measured against.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PacketCodecBenchmark {

    public static final int PAYLOAD = 32 * 1024;

    /** cipher/mac; the MAC is "none" for AEAD ciphers. */
    @Param({
        Ciphers.AES128_GCM + "/" + Macs.NONE,
        Ciphers.AES256_GCM + "/" + Macs.NONE,
        Ciphers.CHACHA20_POLY1305 + "/" + Macs.NONE,
        Ciphers.AES128_CTR + "/" + Macs.HMAC_SHA2_256_ETM,
        Ciphers.AES256_CTR + "/" + Macs.HMAC_SHA2_512_ETM,
        Ciphers.AES128_CTR + "/" + Macs.HMAC_SHA2_256,
    })
    public String algorithms;

    private byte[] payload;
    private PacketEncoder encoder;
    private PacketDecoder decoder;
    private RawCipher raw;

    @Setup
    public void setUp() throws Exception {
        String[] parts = algorithms.split("/");
        SecureRandom random = new SecureRandom();
        payload = new byte[PAYLOAD];
        random.nextBytes(payload);
        byte[] key = new byte[64];
        byte[] iv = new byte[16];
        byte[] macKey = new byte[64];
        random.nextBytes(key);
        random.nextBytes(iv);
        random.nextBytes(macKey);
        DirectionKeys keys = new DirectionKeys(parts[0], parts[1], Compression.NONE,
                SecretBytes.copyOf(key), SecretBytes.copyOf(iv), SecretBytes.copyOf(macKey));
        encoder = new PacketEncoder(64 * 1024, random);
        decoder = new PacketDecoder();
        encoder.install(keys);
        decoder.install(keys);
        raw = RawCipher.of(parts[0], parts[1], key, iv, macKey);
    }

    @Benchmark
    public int packetLayer() throws Exception {
        ByteView wire = encoder.encode(payload, 0, PAYLOAD);
        decoder.feed(wire.array(), wire.offset(), wire.length());
        return decoder.next().length();
    }

    @Benchmark
    public int rawCipher() throws Exception {
        return raw.encryptThenDecrypt(payload);
    }

    /** The bare primitives, in place on the caller's buffer, with the least per-call work the JCA allows. */
    abstract static class RawCipher {
        final byte[] buf = new byte[PAYLOAD + 64];

        abstract int encryptThenDecrypt(byte[] payload) throws Exception;

        static RawCipher of(String cipher, String mac, byte[] key, byte[] iv, byte[] macKey) throws Exception {
            if (cipher.contains("gcm")) {
                return new Gcm(cipher.startsWith("aes256") ? 32 : 16, key, iv);
            }
            if (cipher.startsWith("chacha")) {
                return new ChaChaPoly(key);
            }
            int keyLength = cipher.startsWith("aes256") ? 32 : cipher.startsWith("aes192") ? 24 : 16;
            String jcaMac = mac.contains("512") ? "HmacSHA512" : mac.contains("256") ? "HmacSHA256" : "HmacSHA1";
            return new CtrHmac(keyLength, key, iv, jcaMac, macKey);
        }
    }

    static final class Gcm extends RawCipher {
        final Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
        final Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
        final SecretKeySpec key;
        final byte[] nonce;

        Gcm(int keyLength, byte[] key, byte[] iv) throws Exception {
            this.key = new SecretKeySpec(key, 0, keyLength, "AES");
            this.nonce = java.util.Arrays.copyOf(iv, 12);
        }

        @Override
        int encryptThenDecrypt(byte[] payload) throws Exception {
            nonce[11]++;
            System.arraycopy(payload, 0, buf, 0, PAYLOAD);
            enc.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            enc.updateAAD(nonce, 0, 4); // SSH authenticates the 4-byte length this way
            int n = enc.doFinal(buf, 0, PAYLOAD, buf, 0);
            dec.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            dec.updateAAD(nonce, 0, 4);
            return dec.doFinal(buf, 0, n, buf, 0);
        }
    }

    static final class ChaChaPoly extends RawCipher {
        // Two ciphers: JDK 17 refuses to re-init one with the key and nonce it just had.
        final Cipher chachaOut = Cipher.getInstance("ChaCha20");
        final Cipher chachaIn = Cipher.getInstance("ChaCha20");
        final byte[] zeros = new byte[64];
        final SecretKeySpec key;
        final Poly1305 poly = new Poly1305();
        final byte[] nonce = new byte[12];
        final byte[] block0 = new byte[64];

        ChaChaPoly(byte[] key) throws Exception {
            this.key = new SecretKeySpec(key, 0, 32, "ChaCha20");
        }

        private void pass(Cipher chacha, byte[] b) throws Exception {
            chacha.init(Cipher.DECRYPT_MODE, key, new ChaCha20ParameterSpec(nonce, 0));
            chacha.update(zeros, 0, 64, block0, 0);
            chacha.update(b, 0, PAYLOAD, b, 0);
            poly.init(new KeyParameter(block0, 0, 32));
            poly.update(b, 0, PAYLOAD);
            poly.doFinal(b, PAYLOAD);
        }

        @Override
        int encryptThenDecrypt(byte[] payload) throws Exception {
            nonce[11]++;
            System.arraycopy(payload, 0, buf, 0, PAYLOAD);
            pass(chachaOut, buf);
            pass(chachaIn, buf);
            return PAYLOAD;
        }
    }

    static final class CtrHmac extends RawCipher {
        final Cipher enc = Cipher.getInstance("AES/CTR/NoPadding");
        final Cipher dec = Cipher.getInstance("AES/CTR/NoPadding");
        final byte[] wire = new byte[PAYLOAD + 64];
        final Mac macOut;
        final Mac macIn;

        CtrHmac(int keyLength, byte[] key, byte[] iv, String jcaMac, byte[] macKey) throws Exception {
            SecretKeySpec k = new SecretKeySpec(key, 0, keyLength, "AES");
            enc.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
            dec.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(iv));
            macOut = Mac.getInstance(jcaMac);
            macIn = Mac.getInstance(jcaMac);
            macOut.init(new SecretKeySpec(macKey, jcaMac));
            macIn.init(new SecretKeySpec(macKey, jcaMac));
        }

        @Override
        int encryptThenDecrypt(byte[] payload) throws Exception {
            System.arraycopy(payload, 0, buf, 0, PAYLOAD);
            // Out of place: in place, the JDK copies the input of every update.
            enc.update(buf, 0, PAYLOAD, wire, 0);
            macOut.update(wire, 0, PAYLOAD);
            macOut.doFinal(wire, PAYLOAD);
            macIn.update(wire, 0, PAYLOAD);
            macIn.doFinal(buf, PAYLOAD);
            return dec.update(wire, 0, PAYLOAD, buf, 0);
        }
    }
}
