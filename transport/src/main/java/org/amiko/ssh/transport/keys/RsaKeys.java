package org.amiko.ssh.transport.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.amiko.ssh.transport.ProtocolException;

/** The RSA public key rules of {@code ssh-rsa} (RFC 4253 §6.6), with OpenSSH's size bounds. */
final class RsaKeys {

    /** OpenSSH's SSH_RSA_MINIMUM_MODULUS_SIZE: smaller keys are refused outright. */
    static final int MIN_MODULUS_BITS = 1024;
    /** OpenSSH's SSHBUF_MAX_BIGNUM, and the JDK's own limit. */
    static final int MAX_MODULUS_BITS = 16384;
    /** The exponent bound the JDK enforces for moduli above 3072 bits; we apply it to all. */
    static final int MAX_EXPONENT_BITS = 64;

    private RsaKeys() {
    }

    static PublicKey toJca(BigInteger e, BigInteger n) throws ProtocolException {
        int bits = n.bitLength();
        if (bits < MIN_MODULUS_BITS) {
            throw new ProtocolException("ssh-rsa modulus of " + bits + " bits is below " + MIN_MODULUS_BITS);
        }
        if (bits > MAX_MODULUS_BITS) {
            throw new ProtocolException("ssh-rsa modulus of " + bits + " bits is above " + MAX_MODULUS_BITS);
        }
        if (!n.testBit(0)) {
            throw new ProtocolException("ssh-rsa modulus is even");
        }
        // An RSA exponent is odd and at least 3 (RFC 8017 §3.1); 1 would make s = m.
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.bitLength() > MAX_EXPONENT_BITS || e.compareTo(n) >= 0) {
            throw new ProtocolException("ssh-rsa exponent " + e + " is not acceptable");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException ex) {
            throw new ProtocolException("ssh-rsa key rejected: " + ex.getMessage());
        }
    }

    /** Bytes of the modulus: the length of every signature (RFC 8332 §3). */
    static int modulusBytes(BigInteger n) {
        return (n.bitLength() + 7) / 8;
    }
}
