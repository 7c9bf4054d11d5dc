package org.amiko.ssh.auth.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.SshWriter;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * Key components read from a file, made into JCA key pairs: Ed25519 through {@link
 * EdECPrivateKeySpec}, RSA through {@link RSAPrivateCrtKeySpec}, EC through {@link
 * ECPrivateKeySpec}. The public half goes through {@link SshPublicKey}, so it obeys the same
 * checks as a key from the wire. Where a file holds no public key, Bouncy Castle derives it (the
 * JCA cannot).
 */
final class JcaKeys {

    /** amiko's floor for RSA private keys: NIST SP 800-131A, and ssh-keygen's default since long before 3072. */
    static final int MIN_RSA_BITS = 2048;
    static final int ED25519_SEED_BYTES = 32;

    private JcaKeys() {
    }

    /** RFC 8032 §5.1.5: the key pair of a 32-byte seed; {@code publicKey} (32 bytes) is checked when given. */
    static KeyPair ed25519(byte[] seed, byte[] publicKey) throws Malformed {
        if (seed.length != ED25519_SEED_BYTES) {
            throw new Malformed("Ed25519 private key is " + seed.length + " bytes, not " + ED25519_SEED_BYTES);
        }
        byte[] derived = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        if (publicKey != null && !Arrays.equals(derived, publicKey)) {
            throw new Malformed("the Ed25519 public key does not belong to the private key");
        }
        SshPublicKey pub = sshKey(new SshWriter().writeUtf8(SshPublicKey.SSH_ED25519).writeString(derived));
        try {
            PrivateKey priv = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
            return new KeyPair(pub.jcaKey(), priv);
        } catch (GeneralSecurityException e) {
            throw new Malformed("Ed25519 private key rejected: " + e.getMessage());
        }
    }

    /** The key pair of scalar {@code d} on a curve; {@code q} (SEC1 §2.3.3 uncompressed point) is derived when null. */
    static KeyPair ec(EcCurves curve, BigInteger d, byte[] q) throws Malformed {
        X9ECParameters x9 = ECNamedCurveTable.getByName(curve.jcaName);
        if (d.signum() <= 0 || d.compareTo(x9.getN()) >= 0) {
            throw new Malformed(curve.identifier + " private key is not in [1, n-1]");
        }
        if (q == null) {
            q = new FixedPointCombMultiplier().multiply(x9.getG(), d).normalize().getEncoded(false);
        }
        SshPublicKey pub = sshKey(new SshWriter().writeUtf8(curve.keyType).writeUtf8(curve.identifier).writeString(q));
        try {
            ECPrivateKeySpec spec = new ECPrivateKeySpec(d, ((ECPublicKey) pub.jcaKey()).getParams());
            return new KeyPair(pub.jcaKey(), KeyFactory.getInstance("EC").generatePrivate(spec));
        } catch (GeneralSecurityException e) {
            throw new Malformed(curve.identifier + " private key rejected: " + e.getMessage());
        }
    }

    /**
     * The RSA key pair of n, e, d, p and q (RFC 8017 §3.2); the CRT exponents and coefficient are
     * computed, so files that hold only some of them (OpenSSH's) need no special case.
     */
    static KeyPair rsa(BigInteger n, BigInteger e, BigInteger d, BigInteger p, BigInteger q) throws Malformed {
        if (n.bitLength() < MIN_RSA_BITS) {
            throw new Malformed("RSA key of " + n.bitLength() + " bits refused: amiko requires at least "
                    + MIN_RSA_BITS + " bits (generate a new key: ssh-keygen -t ed25519)");
        }
        SshPublicKey pub = sshKey(new SshWriter().writeUtf8(SshPublicKey.SSH_RSA).writeMpint(e).writeMpint(n));
        BigInteger one = BigInteger.ONE;
        if (p.compareTo(one) <= 0 || q.compareTo(one) <= 0 || !p.multiply(q).equals(n)) {
            throw new Malformed("RSA primes do not multiply to the modulus");
        }
        if (d.signum() <= 0 || d.compareTo(n) >= 0) {
            throw new Malformed("RSA private exponent out of range");
        }
        // RFC 8017 §3.2: e * d = 1 mod lcm(p - 1, q - 1); else the JCA fails only when signing
        BigInteger pm1 = p.subtract(one);
        BigInteger qm1 = q.subtract(one);
        BigInteger lambda = pm1.divide(pm1.gcd(qm1)).multiply(qm1);
        if (!e.multiply(d).mod(lambda).equals(one)) {
            throw new Malformed("RSA private exponent does not match the public exponent");
        }
        BigInteger qInv;
        try {
            qInv = q.modInverse(p);
        } catch (ArithmeticException ex) {
            throw new Malformed("RSA primes are not coprime");
        }
        RSAPrivateCrtKeySpec spec = new RSAPrivateCrtKeySpec(n, e, d, p, q,
                d.mod(pm1), d.mod(qm1), qInv);
        try {
            return new KeyPair(pub.jcaKey(), KeyFactory.getInstance("RSA").generatePrivate(spec));
        } catch (GeneralSecurityException ex) {
            throw new Malformed("RSA private key rejected: " + ex.getMessage());
        }
    }

    private static SshPublicKey sshKey(SshWriter blob) throws Malformed {
        try {
            return SshPublicKey.decode(blob.toBytes());
        } catch (ProtocolException e) {
            throw new Malformed("public key rejected: " + e.getMessage());
        }
    }
}
