package org.amiko.ssh.transport.keys;

import java.math.BigInteger;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The ECDSA signature body of RFC 5656 §3.1.2 ({@code mpint r, mpint s}) to and from the JCA's
 * IEEE P1363 form ({@code r || s}, each at the width of the curve order), which spares a DER
 * encoder and parser.
 */
final class EcdsaSignatures {

    private EcdsaSignatures() {
    }

    /** RFC 5656 §3.1.2: the body is {@code mpint r, mpint s}. */
    static byte[] toSsh(EcCurve curve, byte[] p1363) {
        int n = curve.orderBytes();
        if (p1363.length != 2 * n) {
            throw new IllegalStateException("JCA gave a " + p1363.length + "-byte " + curve.identifier() + " signature");
        }
        return new SshWriter(2 * n + 16)
                .writeMpint(new BigInteger(1, p1363, 0, n))
                .writeMpint(new BigInteger(1, p1363, n, n))
                .toByteArray();
    }

    /**
     * The P1363 form of an SSH body, or {@code null} when r or s lies outside [1, n-1] and so
     * cannot verify (FIPS 186-5 §6.4.2 step 1; checked here, whatever the JDK does).
     */
    static byte[] toJca(EcCurve curve, byte[] body) throws ProtocolException {
        SshReader r = new SshReader(body);
        BigInteger rv = r.readPositiveMpint();
        BigInteger sv = r.readPositiveMpint();
        r.ensureEnd();
        if (!inRange(rv, curve) || !inRange(sv, curve)) {
            return null;
        }
        int n = curve.orderBytes();
        byte[] out = new byte[2 * n];
        FixedWidth.put(rv, out, 0, n);
        FixedWidth.put(sv, out, n, n);
        return out;
    }

    private static boolean inRange(BigInteger v, EcCurve curve) {
        return v.signum() > 0 && v.compareTo(curve.order()) < 0;
    }
}
