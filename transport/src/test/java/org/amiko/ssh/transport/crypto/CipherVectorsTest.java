package org.amiko.ssh.transport.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.amiko.ssh.transport.IntegrityException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers: published vectors for the primitives (RFC 8439, NIST SP 800-38A), and each SSH
 * packet construction checked against an independent reference built from Bouncy Castle's
 * lightweight engines, packet by packet, so that nonces, counters and MAC inputs are proven.
 */
class CipherVectorsTest {

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s:]", ""));
    }

    // ---- RFC 8439: the ChaCha20 and Poly1305 primitives as amiko uses them -------------------

    /** RFC 8439 Appendix A.2 test vector #1: all-zero key and nonce, block counter 0. */
    @Test
    void chacha20ZeroKeyBlock() throws Exception {
        Cipher c = Cipher.getInstance("ChaCha20");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(new byte[32], "ChaCha20"), new ChaCha20ParameterSpec(new byte[12], 0));
        byte[] out = c.update(new byte[64]);
        assertArrayEquals(hex("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"), out);
    }

    /** RFC 8439 §2.5.2: the Poly1305 example. */
    @Test
    void poly1305Rfc8439Example() {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(hex("85:d6:be:78:57:55:6d:33:7f:44:52:fe:42:d5:06:a8"
                + ":01:03:80:8a:fb:0d:b2:fd:4a:bf:f6:af:41:49:f5:1b")));
        byte[] msg = "Cryptographic Forum Research Group".getBytes(StandardCharsets.US_ASCII);
        poly.update(msg, 0, msg.length);
        byte[] tag = new byte[16];
        poly.doFinal(tag, 0);
        assertArrayEquals(hex("a8:06:1d:c1:30:51:36:c6:c2:2b:8b:af:0c:01:27:a9"), tag);
    }

    /**
     * RFC 8439 §2.8.2: the AEAD example, rebuilt from the same two primitives and the same steps
     * amiko's chacha20-poly1305@openssh.com uses: block 0 keys Poly1305, the text is encrypted
     * from block 1 by continuing the keystream.
     */
    @Test
    void chacha20Poly1305Rfc8439AeadExample() throws Exception {
        byte[] key = hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = hex("070000004041424344454647");
        byte[] aad = hex("50515253c0c1c2c3c4c5c6c7");
        byte[] text = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        Cipher c = Cipher.getInstance("ChaCha20");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new ChaCha20ParameterSpec(nonce, 0));
        byte[] block0 = c.update(new byte[64]);
        byte[] ct = c.update(text);
        assertArrayEquals(hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4de"
                + "f08e4b7a9de576d26586cec64b6116"), ct);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(block0, 0, 32));
        byte[] macData = new byte[16 + 128 + 16];
        System.arraycopy(aad, 0, macData, 0, aad.length);
        System.arraycopy(ct, 0, macData, 16, ct.length);
        macData[16 + 128] = (byte) aad.length;
        macData[16 + 128 + 8] = (byte) ct.length;
        poly.update(macData, 0, macData.length);
        byte[] tag = new byte[16];
        poly.doFinal(tag, 0);
        assertArrayEquals(hex("1ae10b594f09e26a7e902ecbd0600691"), tag);
    }

    // ---- chacha20-poly1305@openssh.com against a reference on BC's original-ChaCha engine ------

    /**
     * The reference follows PROTOCOL.chacha20poly1305 literally with the original ChaCha20 (64-bit
     * nonce = the sequence number, 64-bit counter), which Bouncy Castle's ChaChaEngine implements;
     * amiko maps it onto the RFC 8439 cipher. Sequence numbers with every byte non-zero catch a
     * wrong byte order in that mapping.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 0x01020304, 0xdeadbeef, -1})
    void chachaPolyMatchesReferenceConstruction(int seq) throws Exception {
        SplittableRandom rnd = new SplittableRandom(seq);
        byte[] key = bytes(rnd, 64);
        int packetLength = 1 + 100 + 11; // 112: a multiple of 8
        byte[] plain = bytes(rnd, 4 + packetLength + 16);
        plain[0] = 0;
        plain[1] = 0;
        plain[2] = 0;
        plain[3] = (byte) packetLength;

        byte[] ours = plain.clone();
        new ChaCha20Poly1305.Sealer(key).seal(seq, ours, 0, packetLength);

        byte[] seqIv = {0, 0, 0, 0, (byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq};
        byte[] expected = new byte[4 + packetLength + 16];
        ChaChaEngine header = new ChaChaEngine(20);
        header.init(true, new ParametersWithIV(new KeyParameter(key, 32, 32), seqIv));
        header.processBytes(plain, 0, 4, expected, 0);
        ChaChaEngine body = new ChaChaEngine(20);
        body.init(true, new ParametersWithIV(new KeyParameter(key, 0, 32), seqIv));
        byte[] polyKey = new byte[64];
        body.processBytes(new byte[64], 0, 64, polyKey, 0);
        body.processBytes(plain, 4, packetLength, expected, 4);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(polyKey, 0, 32));
        poly.update(expected, 0, 4 + packetLength);
        poly.doFinal(expected, 4 + packetLength);

        assertArrayEquals(expected, ours);

        ChaCha20Poly1305.Opener opener = new ChaCha20Poly1305.Opener(key);
        assertEquals(packetLength, opener.packetLength(seq, ours, 0));
        opener.open(seq, ours, 0, packetLength);
        assertArrayEquals(Arrays.copyOfRange(plain, 4, 4 + packetLength), Arrays.copyOfRange(ours, 4, 4 + packetLength));
    }

    @Test
    void chachaPolyRejectsAWrongSequenceNumber() {
        byte[] key = bytes(new SplittableRandom(1), 64);
        byte[] buf = new byte[4 + 16 + 16];
        buf[3] = 16;
        new ChaCha20Poly1305.Sealer(key).seal(5, buf, 0, 16);
        assertThrows(IntegrityException.class, () -> new ChaCha20Poly1305.Opener(key).open(6, buf, 0, 16));
    }

    // ---- AES-CTR: NIST SP 800-38A F.5.1, with the stream continuing across packets ------------

    @Test
    void aes128CtrSp80038aVectorAcrossCalls() {
        byte[] key = hex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] iv = hex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        byte[] buf = hex("6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
                + "30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710");
        AesCtr ctr = new AesCtr(key, 16, iv, true);
        ctr.apply(buf, 0, 16);  // one "packet" of one block
        ctr.apply(buf, 16, 48); // the next continues the counter (RFC 4344 §4)
        assertArrayEquals(hex("874d6191b620e3261bef6864990db6ce 9806f66b7970fdff8617187bb9fffdff"
                + "5ae4df3edbd5d35e5b4f09020db03eab 1e031dda2fbe03d1792170a0f3009cee"), buf);
    }

    // ---- AES-GCM against BC's GCM, nonce advancing per packet ---------------------------------

    @ParameterizedTest
    @ValueSource(ints = {16, 32})
    void aesGcmMatchesReferenceOverSeveralPackets(int keyLength) throws Exception {
        SplittableRandom rnd = new SplittableRandom(keyLength);
        byte[] key = bytes(rnd, keyLength);
        byte[] iv = bytes(rnd, 12);
        // The invocation counter is about to carry out of its low bytes.
        iv[9] = (byte) 0xff;
        iv[10] = (byte) 0xff;
        iv[11] = (byte) 0xfe;
        AesGcm.Sealer sealer = new AesGcm.Sealer(key, keyLength, iv);
        AesGcm.Opener opener = new AesGcm.Opener(key, keyLength, iv);
        byte[] counter = iv.clone();
        for (int p = 0; p < 4; p++) {
            int packetLength = 16 * (1 + p);
            byte[] plain = bytes(rnd, 4 + packetLength + 16);
            plain[0] = plain[1] = plain[2] = 0;
            plain[3] = (byte) packetLength;
            byte[] ours = plain.clone();
            sealer.seal(p, ours, 0, packetLength);

            GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
            gcm.init(true, new AEADParameters(new KeyParameter(key), 128, counter.clone(), Arrays.copyOf(plain, 4)));
            byte[] expected = new byte[4 + packetLength + 16];
            System.arraycopy(plain, 0, expected, 0, 4);
            int n = gcm.processBytes(plain, 4, packetLength, expected, 4);
            gcm.doFinal(expected, 4 + n);
            assertArrayEquals(expected, ours, "packet " + p);

            assertEquals(packetLength, opener.packetLength(p, ours, 0));
            opener.open(p, ours, 0, packetLength);
            assertArrayEquals(Arrays.copyOfRange(plain, 4, 4 + packetLength), Arrays.copyOfRange(ours, 4, 4 + packetLength));
            increment(counter);
        }
    }

    private static void increment(byte[] nonce) {
        // RFC 5647 §7.1: the invocation counter is the 64-bit number in bytes 4-11; the fixed field never changes.
        java.math.BigInteger counter = new java.math.BigInteger(1, Arrays.copyOfRange(nonce, 4, 12))
                .add(java.math.BigInteger.ONE).mod(java.math.BigInteger.ONE.shiftLeft(64));
        byte[] b = counter.toByteArray();
        Arrays.fill(nonce, 4, 12, (byte) 0);
        int n = Math.min(8, b.length);
        System.arraycopy(b, b.length - n, nonce, 12 - n, n);
    }

    /** The invocation counter wraps from 2^64-1 to 0 without touching the fixed field. */
    @Test
    void aesGcmCounterWrapsWithinItsEightBytes() throws Exception {
        byte[] key = bytes(new SplittableRandom(3), 16);
        byte[] iv = hex("01020304 ffffffffffffffff");
        AesGcm.Sealer sealer = new AesGcm.Sealer(key, 16, iv);
        byte[] first = new byte[4 + 16 + 16];
        first[3] = 16;
        sealer.seal(0, first, 0, 16);
        byte[] second = new byte[4 + 16 + 16];
        second[3] = 16;
        sealer.seal(1, second, 0, 16);
        GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(key), 128, hex("01020304 0000000000000000"), Arrays.copyOf(second, 4)));
        byte[] expected = new byte[4 + 16 + 16];
        expected[3] = 16;
        int n = gcm.processBytes(new byte[16], 0, 16, expected, 4);
        gcm.doFinal(expected, 4 + n);
        assertArrayEquals(expected, second);
    }

    // ---- HMAC in both orders against BC's HMac -------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {Macs.HMAC_SHA2_256, Macs.HMAC_SHA2_512, Macs.HMAC_SHA1,
            Macs.HMAC_SHA2_256_ETM, Macs.HMAC_SHA2_512_ETM, Macs.HMAC_SHA1_ETM})
    void macCoversSequenceNumberAndTheRightBytes(String macName) throws Exception {
        Macs.MacAlgorithm m = Macs.require(macName);
        SplittableRandom rnd = new SplittableRandom(macName.hashCode());
        byte[] key = bytes(rnd, 16);
        byte[] iv = bytes(rnd, 16);
        byte[] macKey = bytes(rnd, m.keyLength());
        int seq = 0x0a0b0c0d;
        int packetLength = m.etm() ? 48 : 44; // EtM aligns the body, E&M the whole packet
        byte[] plain = bytes(rnd, 4 + packetLength + m.macLength());
        plain[0] = plain[1] = plain[2] = 0;
        plain[3] = (byte) packetLength;
        byte[] wire = plain.clone();
        PacketSealer sealer = Ciphers.sealer(Ciphers.AES128_CTR, macName, key, iv, macKey);
        sealer.seal(seq, wire, 0, packetLength);

        // E&M: MAC(seq || plain packet). EtM: MAC(seq || length || ciphertext).
        byte[] macInput = m.etm() ? wire : plain;
        HMac ref = new HMac(digest(macName));
        ref.init(new KeyParameter(macKey));
        ref.update(new byte[] {0x0a, 0x0b, 0x0c, 0x0d}, 0, 4);
        ref.update(macInput, 0, 4 + packetLength);
        byte[] expectedMac = new byte[m.macLength()];
        ref.doFinal(expectedMac, 0);
        assertArrayEquals(expectedMac, Arrays.copyOfRange(wire, 4 + packetLength, wire.length));

        AesCtr ctr = new AesCtr(key, 16, iv, true);
        byte[] expectedBody = plain.clone();
        if (m.etm()) {
            ctr.apply(expectedBody, 4, packetLength); // the length stays in the clear
        } else {
            ctr.apply(expectedBody, 0, 4 + packetLength);
        }
        assertArrayEquals(Arrays.copyOf(expectedBody, 4 + packetLength), Arrays.copyOf(wire, 4 + packetLength));

        PacketOpener opener = Ciphers.opener(Ciphers.AES128_CTR, macName, key, iv, macKey);
        assertEquals(packetLength, opener.packetLength(seq, wire, 0));
        opener.open(seq, wire, 0, packetLength);
        assertArrayEquals(Arrays.copyOfRange(plain, 4, 4 + packetLength), Arrays.copyOfRange(wire, 4, 4 + packetLength));
    }

    private static Digest digest(String mac) {
        if (mac.startsWith("hmac-sha2-256")) {
            return new SHA256Digest();
        }
        if (mac.startsWith("hmac-sha2-512")) {
            return new SHA512Digest();
        }
        return new SHA1Digest();
    }

    private static byte[] bytes(SplittableRandom rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }
}
