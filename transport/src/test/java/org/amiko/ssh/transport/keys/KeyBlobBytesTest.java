package org.amiko.ssh.transport.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Key and signature blobs assembled by hand, field by field, for every key type; and published
 * vectors (RFC 8032 §7.1, RFC 6979 §A.2.5) wrapped in SSH signature blobs.
 */
class KeyBlobBytesTest {

    /** Hex of an ASCII string, to spell field contents. */
    static String ascii(String s) {
        return HexFormat.of().formatHex(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 8032 §7.1 TEST 1. */
    static final String ED_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    static final String ED_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    static final String ED_SIGNATURE_OF_EMPTY = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    /** RFC 8709 §4: string "ssh-ed25519", string key. */
    static final Bytes ED_BLOB = Bytes.ofHex("0000000b" + ascii("ssh-ed25519") + "00000020" + ED_PUBLIC);

    /** RFC 6979 §A.2.5: the P-256 key, and the SHA-256 signature of "sample". */
    static final String P256_UX = "60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
    static final String P256_UY = "7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
    static final String P256_R = "efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
    static final String P256_S = "f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";

    /** RFC 5656 §3.1: string "ecdsa-sha2-nistp256", string "nistp256", string Q. */
    static final Bytes P256_BLOB = Bytes.ofHex("00000013" + ascii("ecdsa-sha2-nistp256") + "00000008" + ascii("nistp256")
            + "00000041" + "04" + P256_UX + P256_UY);

    /** RFC 4253 §6.6: string "ssh-rsa", mpint e = 65537, mpint n (1024 bits, top bit set: a 0x00 lead byte). */
    static final String RSA_N = "c0" + "00".repeat(126) + "01";
    static final Bytes RSA_BLOB = Bytes.ofHex("00000007" + ascii("ssh-rsa") + "00000003" + "010001" + "00000081" + "00" + RSA_N);

    @Test
    void ed25519BlobRoundTrips() throws Exception {
        SshPublicKey key = SshPublicKey.decode(ED_BLOB);
        assertEquals("ssh-ed25519", key.keyType());
        assertEquals(ED_BLOB, key.blob());
        assertEquals(ED_BLOB, SshPublicKey.of(key.jcaKey()).blob());
        assertEquals(key, SshPublicKey.of(key.jcaKey()));
    }

    @Test
    void ed25519SignatureIsTheRfc8032Vector() throws Exception {
        SshPublicKey key = SshPublicKey.decode(ED_BLOB);
        // RFC 8709 §6: string "ssh-ed25519", string signature (64 bytes).
        Bytes blob = Bytes.ofHex("0000000b" + ascii("ssh-ed25519") + "00000040" + ED_SIGNATURE_OF_EMPTY);
        assertTrue(SignatureAlgorithm.SSH_ED25519.verify(key, new byte[0], blob));
        PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, HexFormat.of().parseHex(ED_SECRET)));
        assertEquals(blob, SignatureAlgorithm.SSH_ED25519.sign(priv, new byte[0]), "Ed25519 is deterministic");
    }

    @Test
    void ecdsaP256BlobRoundTrips() throws Exception {
        SshPublicKey key = SshPublicKey.decode(P256_BLOB);
        assertEquals("ecdsa-sha2-nistp256", key.keyType());
        ECPoint w = ((ECPublicKey) key.jcaKey()).getW();
        assertEquals(new BigInteger(P256_UX, 16), w.getAffineX());
        assertEquals(new BigInteger(P256_UY, 16), w.getAffineY());
        assertEquals(P256_BLOB, SshPublicKey.of(key.jcaKey()).blob());
    }

    @Test
    void ecdsaP256SignatureIsTheRfc6979Vector() throws Exception {
        SshPublicKey key = SshPublicKey.decode(P256_BLOB);
        // RFC 5656 §3.1.2: string "ecdsa-sha2-nistp256", string (mpint r, mpint s); both have the top bit set.
        String body = "00000021" + "00" + P256_R + "00000021" + "00" + P256_S;
        Bytes blob = Bytes.ofHex("00000013" + ascii("ecdsa-sha2-nistp256") + "0000004a" + body);
        assertTrue(SignatureAlgorithm.ECDSA_SHA2_NISTP256.verify(key, "sample".getBytes(StandardCharsets.US_ASCII), blob));
    }

    @Test
    void ecdsaP384AndP521BlobsOfTheGeneratorRoundTrip() throws Exception {
        // Q = G (the public key of private key 1) is on the curve by definition.
        checkGenerator(EcCurve.NISTP384, "00000013" + ascii("ecdsa-sha2-nistp384") + "00000008" + ascii("nistp384") + "00000061", 48);
        checkGenerator(EcCurve.NISTP521, "00000013" + ascii("ecdsa-sha2-nistp521") + "00000008" + ascii("nistp521") + "00000085", 66);
    }

    private static void checkGenerator(EcCurve curve, String prefix, int width) throws Exception {
        ECPoint g = curve.params().getGenerator();
        Bytes blob = Bytes.ofHex(prefix + "04" + fixed(g.getAffineX(), width) + fixed(g.getAffineY(), width));
        SshPublicKey key = SshPublicKey.decode(blob);
        assertEquals(curve.keyType(), key.keyType());
        assertEquals(g, ((ECPublicKey) key.jcaKey()).getW());
        assertEquals(blob, SshPublicKey.of(key.jcaKey()).blob());
    }

    static String fixed(BigInteger v, int width) {
        String h = v.toString(16);
        return "0".repeat(2 * width - h.length()) + h;
    }

    @Test
    void rsaBlobRoundTrips() throws Exception {
        SshPublicKey key = SshPublicKey.decode(RSA_BLOB);
        assertEquals("ssh-rsa", key.keyType());
        RSAPublicKey rsa = (RSAPublicKey) key.jcaKey();
        assertEquals(BigInteger.valueOf(65537), rsa.getPublicExponent());
        assertEquals(new BigInteger(RSA_N, 16), rsa.getModulus());
        assertEquals(RSA_BLOB, SshPublicKey.of(rsa).blob());
    }

    @Test
    void fingerprintAndToString() throws Exception {
        SshPublicKey key = SshPublicKey.decode(ED_BLOB);
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(ED_BLOB.toByteArray());
        String b64 = java.util.Base64.getEncoder().encodeToString(hash);
        assertTrue(b64.endsWith("="), "a 32-byte hash has one pad character");
        assertEquals("SHA256:" + b64.substring(0, b64.length() - 1), key.sha256Fingerprint());
        assertEquals("ssh-ed25519 " + key.sha256Fingerprint(), key.toString());
    }
}
