package org.amiko.ssh.transport.keys;

import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.ED_BLOB;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.P256_BLOB;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.P256_R;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.P256_S;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.P256_UX;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.P256_UY;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.RSA_BLOB;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.RSA_N;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.ascii;
import static org.amiko.ssh.transport.keys.KeyBlobBytesTest.fixed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.spec.ECPoint;
import java.util.Arrays;
import java.util.List;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;

/** Hostile key and signature blobs: each is a ProtocolException or, for a signature, false. */
class HostileKeysTest {

    private static final byte[] SAMPLE = "sample".getBytes(StandardCharsets.US_ASCII);

    private static ProtocolException refused(String hexBlob) {
        return refused(Bytes.ofHex(hexBlob));
    }

    private static ProtocolException refused(Bytes blob) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> SshPublicKey.decode(blob));
        assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
        return e;
    }

    private static String ecBlob(String type, String curve, String q) {
        return "00000013" + ascii(type) + "00000008" + ascii(curve) + String.format("%08x", q.length() / 2) + q;
    }

    @Test
    void everyTruncationIsRefused() {
        for (Bytes blob : List.of(ED_BLOB, P256_BLOB, RSA_BLOB)) {
            for (int n = 0; n < blob.length(); n++) {
                refused(Bytes.of(blob.toByteArray(), 0, n));
            }
        }
    }

    @Test
    void trailingBytesAreRefused() {
        for (Bytes blob : List.of(ED_BLOB, P256_BLOB, RSA_BLOB)) {
            refused(blob.hex() + "00");
            refused(blob.hex() + "00000000");
        }
    }

    @Test
    void unknownKeyTypesAreRefused() {
        refused("00000007" + ascii("ssh-dss") + "00000000");
        refused("00000020" + ascii("ssh-ed25519-cert-v01@openssh.com") + "00000020" + "00".repeat(32));
        refused("00000013" + ascii("ecdsa-sha2-nistp224") + "00000008" + ascii("nistp224") + "00000001" + "04");
        refused("0000000b" + ascii("SSH-ED25519") + "00000020" + "00".repeat(32));
        refused("00000000");
        refused("");
    }

    @Test
    void ed25519KeysOfTheWrongLengthAreRefused() {
        refused("0000000b" + ascii("ssh-ed25519") + "0000001f" + "11".repeat(31));
        refused("0000000b" + ascii("ssh-ed25519") + "00000021" + "11".repeat(33));
    }

    @Test
    void ed25519KeysThatAreNoPointAreRefused() {
        // y = 2 has no x on the curve; y = 2^255 - 1 is at or above p (RFC 8032 §5.1.3 steps 1 and 3).
        refused("0000000b" + ascii("ssh-ed25519") + "00000020" + "02" + "00".repeat(31));
        refused("0000000b" + ascii("ssh-ed25519") + "00000020" + "ff".repeat(31) + "7f");
    }

    @Test
    void ecPointOffTheCurveIsRefused() {
        String offY = fixed(new BigInteger(P256_UY, 16).add(BigInteger.ONE), 32);
        ProtocolException e = refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "04" + P256_UX + offY));
        assertTrue(e.getMessage().contains("not on curve"), e.getMessage());
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "04" + "00".repeat(64)));
    }

    @Test
    void pointAtInfinityAndOtherEncodingsAreRefused() {
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "00"));                        // SEC1 infinity
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", ""));
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "02" + P256_UX));              // compressed
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "06" + P256_UX + P256_UY));    // hybrid
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "04" + P256_UX + P256_UY + "00"));
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp256", "04" + P256_UX + P256_UY.substring(2)));
    }

    @Test
    void coordinatesAtOrAboveTheFieldPrimeAreRefused() {
        // p521 = 2^521 - 1 fits in 66 bytes with room to spare: G + (p, 0) and G + (0, p) are
        // congruent to G mod p, so only the range check catches them.
        EcCurve c = EcCurve.NISTP521;
        ECPoint g = c.params().getGenerator();
        String gx = fixed(g.getAffineX(), 66);
        String gy = fixed(g.getAffineY(), 66);
        String gxPlusP = fixed(g.getAffineX().add(c.p()), 66);
        String gyPlusP = fixed(g.getAffineY().add(c.p()), 66);
        assertEquals("ecdsa-sha2-nistp521", assertDecodes(ecBlob("ecdsa-sha2-nistp521", "nistp521", "04" + gx + gy)).keyType());
        refused(ecBlob("ecdsa-sha2-nistp521", "nistp521", "04" + gxPlusP + gy));
        refused(ecBlob("ecdsa-sha2-nistp521", "nistp521", "04" + gx + gyPlusP));
        // On P-256 no coordinate plus p fits in 32 bytes; the range check still holds on its own.
        EcCurve p256 = EcCurve.NISTP256;
        ECPoint g256 = p256.params().getGenerator();
        assertTrue(p256.onCurve(g256.getAffineX(), g256.getAffineY()));
        assertFalse(p256.onCurve(g256.getAffineX().add(p256.p()), g256.getAffineY()));
        assertFalse(p256.onCurve(g256.getAffineX(), g256.getAffineY().add(p256.p())));
        assertFalse(p256.onCurve(g256.getAffineX().subtract(p256.p()), g256.getAffineY()));
    }

    private static SshPublicKey assertDecodes(String hex) {
        try {
            return SshPublicKey.decode(Bytes.ofHex(hex));
        } catch (ProtocolException e) {
            throw new AssertionError("should decode: " + e.getMessage(), e);
        }
    }

    @Test
    void curveNameMustMatchTheKeyType() {
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp384", "04" + P256_UX + P256_UY));
        refused(ecBlob("ecdsa-sha2-nistp256", "nistp25\u0000", "04" + P256_UX + P256_UY));
        // A P-256 point sent as a P-384 key: right names, wrong length.
        refused(ecBlob("ecdsa-sha2-nistp384", "nistp384", "04" + P256_UX + P256_UY));
    }

    @Test
    void weakOrMalformedRsaKeysAreRefused() {
        String rsa = "00000007" + ascii("ssh-rsa");
        String e65537 = "00000003" + "010001";
        // 512 bits
        String n512 = "c0" + "00".repeat(62) + "01";
        ProtocolException e = refused(rsa + e65537 + "00000041" + "00" + n512);
        assertTrue(e.getMessage().contains("512 bits"), e.getMessage());
        // 1023 bits: just below the bound
        String n1023 = "40" + "00".repeat(126) + "01";
        refused(rsa + e65537 + "00000080" + n1023);
        // negative modulus (no 0x00 lead byte)
        refused(rsa + e65537 + "00000080" + RSA_N);
        // even modulus, exponent 1, even exponent, zero exponent
        refused(rsa + e65537 + "00000081" + "00" + RSA_N.substring(0, RSA_N.length() - 2) + "02");
        refused(rsa + "00000001" + "01" + "00000081" + "00" + RSA_N);
        refused(rsa + "00000001" + "04" + "00000081" + "00" + RSA_N);
        refused(rsa + "00000000" + "00000081" + "00" + RSA_N);
        // non-minimal mpint
        refused(rsa + "00000004" + "00010001" + "00000081" + "00" + RSA_N);
    }

    @Test
    void signatureBlobNamingAnotherAlgorithmIsRefused() throws Exception {
        HostKey rsa = Keys.host("ssh-rsa");
        Bytes sha256 = rsa.sign(SignatureAlgorithm.RSA_SHA2_256, SAMPLE);
        assertTrue(SignatureAlgorithm.RSA_SHA2_256.verify(rsa.publicKey(), SAMPLE, sha256));
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.RSA_SHA2_512.verify(rsa.publicKey(), SAMPLE, sha256));
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.SSH_RSA.verify(rsa.publicKey(), SAMPLE, sha256));
    }

    @Test
    void keyOfAnotherTypeIsRefused() throws Exception {
        SshPublicKey ed = SshPublicKey.decode(ED_BLOB);
        SshPublicKey p256 = SshPublicKey.decode(P256_BLOB);
        Bytes edSig = Keys.host("ssh-ed25519").sign(SignatureAlgorithm.SSH_ED25519, SAMPLE);
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.ECDSA_SHA2_NISTP256.verify(ed, SAMPLE, edSig));
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.ECDSA_SHA2_NISTP384.verify(p256, SAMPLE, edSig));
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.RSA_SHA2_512.verify(p256, SAMPLE, edSig));
    }

    @Test
    void wrongSignatureIsFalse() throws Exception {
        for (String type : SshPublicKey.KEY_TYPES) {
            HostKey key = Keys.host(type);
            for (SignatureAlgorithm a : key.algorithms()) {
                Bytes sig = key.sign(a, SAMPLE);
                assertTrue(a.verify(key.publicKey(), SAMPLE, sig));
                assertFalse(a.verify(key.publicKey(), "samplf".getBytes(StandardCharsets.US_ASCII), sig), a.toString());
                HostKey other = Keys.other(type);
                assertFalse(a.verify(other.publicKey(), SAMPLE, sig), a + " with another key");
            }
        }
    }

    private static Bytes ecdsaSignature(String body) {
        return new SshWriter().writeUtf8("ecdsa-sha2-nistp256").writeString(Bytes.ofHex(body)).toBytes();
    }

    private static String mpint(BigInteger v) {
        byte[] b = new SshWriter().writeMpint(v).toByteArray();
        return Bytes.of(b).hex();
    }

    @Test
    void ecdsaScalarsOutOfRangeAreFalse() throws Exception {
        SshPublicKey key = SshPublicKey.decode(P256_BLOB);
        BigInteger r = new BigInteger(P256_R, 16);
        BigInteger s = new BigInteger(P256_S, 16);
        BigInteger n = EcCurve.NISTP256.order();
        SignatureAlgorithm a = SignatureAlgorithm.ECDSA_SHA2_NISTP256;
        assertTrue(a.verify(key, SAMPLE, ecdsaSignature(mpint(r) + mpint(s))));
        // r = s = 0: the "psychic signature" (CVE-2022-21449) must never pass.
        assertFalse(a.verify(key, SAMPLE, ecdsaSignature(mpint(BigInteger.ZERO) + mpint(BigInteger.ZERO))));
        assertFalse(a.verify(key, SAMPLE, ecdsaSignature(mpint(r) + mpint(BigInteger.ZERO))));
        assertFalse(a.verify(key, SAMPLE, ecdsaSignature(mpint(r.add(n)) + mpint(s))));
        assertFalse(a.verify(key, SAMPLE, ecdsaSignature(mpint(r) + mpint(s.add(n)))));
        assertFalse(a.verify(key, SAMPLE, ecdsaSignature(mpint(n) + mpint(s))));
        // Malformed bodies are protocol errors.
        assertThrows(ProtocolException.class, () -> a.verify(key, SAMPLE, ecdsaSignature(mpint(r.negate()) + mpint(s))));
        assertThrows(ProtocolException.class, () -> a.verify(key, SAMPLE, ecdsaSignature(mpint(r) + mpint(s) + "00")));
        assertThrows(ProtocolException.class, () -> a.verify(key, SAMPLE, ecdsaSignature(mpint(r))));
        assertThrows(ProtocolException.class, () -> a.verify(key, SAMPLE, ecdsaSignature("00000021" + "00" + P256_R + "00000021" + "00" + P256_S + "00")));
        assertThrows(ProtocolException.class, () -> a.verify(key, SAMPLE,
                Bytes.ofHex(ecdsaSignature(mpint(r) + mpint(s)).hex() + "00")));
    }

    @Test
    void ed25519SignaturesOfTheWrongLengthOrNotCanonicalFail() throws Exception {
        SshPublicKey key = SshPublicKey.decode(ED_BLOB);
        SignatureAlgorithm a = SignatureAlgorithm.SSH_ED25519;
        byte[] sig = Bytes.ofHex(KeyBlobBytesTest.ED_SIGNATURE_OF_EMPTY).toByteArray();
        assertTrue(a.verify(key, new byte[0], edSignature(sig)));
        assertThrows(ProtocolException.class, () -> a.verify(key, new byte[0], edSignature(Arrays.copyOf(sig, 63))));
        assertThrows(ProtocolException.class, () -> a.verify(key, new byte[0], edSignature(Arrays.copyOf(sig, 65))));
        // RFC 8032 §5.1.7: S must be below L; S + L is the classic malleated signature.
        BigInteger l = BigInteger.ONE.shiftLeft(252).add(new BigInteger("14def9dea2f79cd65812631a5cf5d3ed", 16));
        byte[] sLe = Arrays.copyOfRange(sig, 32, 64);
        BigInteger sPlusL = littleEndian(sLe).add(l);
        assertTrue(sPlusL.bitLength() <= 256);
        byte[] malleated = sig.clone();
        byte[] be = new byte[32];
        FixedWidth.put(sPlusL, be, 0, 32);
        for (int i = 0; i < 32; i++) {
            malleated[32 + i] = be[31 - i];
        }
        assertFalse(a.verify(key, new byte[0], edSignature(malleated)));
    }

    private static BigInteger littleEndian(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    private static Bytes edSignature(byte[] raw) {
        return new SshWriter().writeUtf8("ssh-ed25519").writeString(raw).toBytes();
    }

    @Test
    void rsaSignatureLongerThanTheModulusIsRefused() throws Exception {
        HostKey rsa = Keys.host("ssh-rsa");
        Bytes sig = rsa.sign(SignatureAlgorithm.RSA_SHA2_512, SAMPLE);
        byte[] s = body(sig);
        byte[] longer = new byte[s.length + 1];
        System.arraycopy(s, 0, longer, 1, s.length);
        Bytes blob = new SshWriter().writeUtf8("rsa-sha2-512").writeString(longer).toBytes();
        assertThrows(ProtocolException.class, () -> SignatureAlgorithm.RSA_SHA2_512.verify(rsa.publicKey(), SAMPLE, blob));
    }

    /** The second string of a signature blob. */
    static byte[] body(Bytes signatureBlob) throws ProtocolException {
        SshReader r = SshReader.of(signatureBlob);
        r.readString();
        return r.readStringBytes();
    }
}
