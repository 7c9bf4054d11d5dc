package org.amiko.ssh.knownhosts;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Optional;

/**
 * Verifies a CA's signature over a certificate with the JDK alone: Ed25519 (RFC 8032), ECDSA on
 * the NIST curves (RFC 5656 §3.1.2) and RSA with SHA-2 (RFC 8332). These are the algorithms of
 * OpenSSH's default CASignatureAlgorithms (ssh_config(5)) except the FIDO ones
 * (sk-ssh-ed25519@openssh.com, sk-ecdsa-sha2-nistp256@openssh.com), which amiko refuses; ssh-rsa
 * (SHA-1) and ssh-dss are refused as OpenSSH's default refuses them.
 */
final class CaSignatures {

    private CaSignatures() {}

    /** The signature algorithm named in a signature blob (its first string). */
    static String algorithm(byte[] signature) throws LineFormatException {
        return new BlobReader(signature).text();
    }

    /** Empty when {@code signature} by {@code caKey} over {@code data} verifies; else why not. */
    static Optional<String> verify(byte[] caKey, byte[] signature, byte[] data) {
        try {
            BlobReader key = new BlobReader(caKey);
            String keyType = key.text();
            BlobReader sig = new BlobReader(signature);
            String algorithm = sig.text();
            byte[] sigBytes = sig.string();
            sig.requireEnd("signature blob");
            return switch (algorithm) {
                case "ssh-ed25519" -> keyType.equals(KeyTypes.ED25519)
                        ? check("Ed25519", ed25519(key.string()), sigBytes, data)
                        : Optional.of("an " + algorithm + " signature from a " + keyType + " key");
                case KeyTypes.ECDSA_256, KeyTypes.ECDSA_384, KeyTypes.ECDSA_521 -> keyType.equals(algorithm)
                        ? ecdsa(algorithm, key, sigBytes, data)
                        : Optional.of("an " + algorithm + " signature from a " + keyType + " key");
                case "rsa-sha2-256", "rsa-sha2-512" -> keyType.equals(KeyTypes.RSA)
                        ? rsa(algorithm.equals("rsa-sha2-256") ? "SHA256withRSA" : "SHA512withRSA", key, sigBytes, data)
                        : Optional.of("an " + algorithm + " signature from a " + keyType + " key");
                case "ssh-rsa", "ssh-dss" -> Optional.of("signed with " + algorithm
                        + ", which OpenSSH's default CASignatureAlgorithms refuses");
                case "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com" -> Optional.of("signed with "
                        + algorithm + " (a FIDO security key), which amiko does not verify");
                default -> Optional.of("unknown signature algorithm " + algorithm);
            };
        } catch (LineFormatException e) {
            return Optional.of("malformed CA key or signature: " + e.getMessage());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("the CA key or signature is unusable: " + e.getMessage());
        }
    }

    private static Optional<String> check(String jca, PublicKey key, byte[] sig, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(jca);
        s.initVerify(key);
        s.update(data);
        return s.verify(sig) ? Optional.empty() : Optional.of("the CA signature does not verify");
    }

    /** RFC 8032 §5.1.3: little-endian y, the top bit of the last byte is the sign of x. */
    private static PublicKey ed25519(byte[] pk) throws GeneralSecurityException {
        if (pk.length != 32) {
            throw new GeneralSecurityException("Ed25519 key of " + pk.length + " bytes");
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = pk[31 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
        return KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
    }

    /** RFC 5656 §3.1.2: the signature is mpint r, mpint s; the hash follows the curve size. */
    private static Optional<String> ecdsa(String type, BlobReader key, byte[] sigBytes, byte[] data)
            throws LineFormatException, GeneralSecurityException {
        key.text(); // curve name, checked when the CA key was parsed
        byte[] q = key.string();
        int n = KeyTypes.ecCoordinateLength(type);
        if (q.length != 1 + 2 * n || q[0] != 4 || !EcCurves.isOnCurve(type, q)) {
            return Optional.of("the ECDSA CA key is not a point on its curve");
        }
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(EcCurves.point(q), EcCurves.forType(type)));
        BlobReader rs = new BlobReader(sigBytes);
        byte[] r = rs.mpint();
        byte[] s = rs.mpint();
        rs.requireEnd("ECDSA signature");
        if (r.length > n || s.length > n) {
            return Optional.of("ECDSA signature values are too large");
        }
        byte[] p1363 = new byte[2 * n];
        System.arraycopy(r, 0, p1363, n - r.length, r.length);
        System.arraycopy(s, 0, p1363, 2 * n - s.length, s.length);
        String hash = switch (n) {
            case 32 -> "SHA256";
            case 48 -> "SHA384";
            default -> "SHA512";
        };
        return check(hash + "withECDSAinP1363Format", pub, p1363, data);
    }

    /** OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE, and OpenSSH's upper bound (SSHBUF_MAX_BIGNUM * 8). */
    static final int MIN_RSA_BITS = 1024;
    static final int MAX_RSA_BITS = 16384;

    /** RFC 8332 §3; a signature shorter than the modulus is left-padded with zeros, as OpenSSH does. */
    private static Optional<String> rsa(String jca, BlobReader key, byte[] sig, byte[] data)
            throws LineFormatException, GeneralSecurityException {
        BigInteger e = new BigInteger(1, key.mpint());
        byte[] modulus = key.mpint();
        BigInteger n = new BigInteger(1, modulus);
        if (n.bitLength() < MIN_RSA_BITS || n.bitLength() > MAX_RSA_BITS) {
            // the same bounds as for host keys (OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE; a huge modulus costs the verifier)
            return Optional.of("an RSA CA key of " + n.bitLength() + " bits (" + MIN_RSA_BITS + " to " + MAX_RSA_BITS + " accepted)");
        }
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        int len = modulus.length;
        if (sig.length > len) {
            return Optional.of("RSA signature longer than the modulus");
        }
        byte[] padded = sig;
        if (sig.length < len) {
            padded = new byte[len];
            System.arraycopy(sig, 0, padded, len - sig.length, sig.length);
        }
        return check(jca, pub, padded, data);
    }
}
