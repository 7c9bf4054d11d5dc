package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.security.SecureRandom;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshWriter;
import org.bouncycastle.crypto.agreement.DHStandardGroups;
import org.bouncycastle.crypto.params.DHParameters;

/**
 * A finite-field Diffie-Hellman group (p, g) and one side's ephemeral exponent (RFC 4253 §8).
 * The well-known groups are the RFC 3526 MODP groups, taken from Bouncy Castle's constants.
 */
final class DhGroup {

    /** RFC 3526 §3, §5, §7: the 2048-, 4096- and 8192-bit MODP groups (RFC 8268 names them group14, 16, 18). */
    static final DhGroup GROUP14 = of(DHStandardGroups.rfc3526_2048);
    static final DhGroup GROUP16 = of(DHStandardGroups.rfc3526_4096);
    static final DhGroup GROUP18 = of(DHStandardGroups.rfc3526_8192);
    /** The server's moduli for group exchange (RFC 4419 §3): the RFC 3526 groups of 2048 to 8192 bits. */
    static final DhGroup[] MODULI = {
        GROUP14, of(DHStandardGroups.rfc3526_3072), GROUP16, of(DHStandardGroups.rfc3526_6144), GROUP18,
    };

    final BigInteger p;
    final BigInteger g;

    DhGroup(BigInteger p, BigInteger g) {
        this.p = p;
        this.g = g;
    }

    private static DhGroup of(DHParameters params) {
        return new DhGroup(params.getP(), params.getG());
    }

    int bits() {
        return p.bitLength();
    }

    /** A fresh exponent x and e = g^x mod p. */
    Ephemeral ephemeral(SecureRandom random) {
        // Twice the strength of the strongest symmetric key we derive (RFC 4419 §6.2), at least 512 bits.
        int bits = Math.min(p.bitLength() - 1, 512);
        BigInteger x;
        do {
            x = new BigInteger(bits, random);
        } while (x.signum() == 0);
        return new Ephemeral(x, g.modPow(x, p));
    }

    /** One side's secret exponent and public value. */
    final class Ephemeral {
        private final BigInteger x;
        final BigInteger publicValue;

        Ephemeral(BigInteger x, BigInteger publicValue) {
            this.x = x;
            this.publicValue = publicValue;
        }

        /** K = peer^x mod p, as an mpint; the peer's value must lie in [2, p-2] (RFC 4253 §8). */
        byte[] secret(BigInteger peer) throws ProtocolException {
            check(peer);
            return new SshWriter().writeMpint(peer.modPow(x, p)).toByteArray();
        }
    }

    /** RFC 4253 §8: "Values of 'e' or 'f' that are not in the range [1, p-1] MUST NOT be sent or accepted"; 1 and p-1 are weak too. */
    void check(BigInteger v) throws ProtocolException {
        if (v.compareTo(BigInteger.ONE) <= 0 || v.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "Diffie-Hellman value out of range");
        }
    }
}
