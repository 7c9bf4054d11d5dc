package org.amiko.ssh.knownhosts;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.util.Arrays;

/** The NIST curves of RFC 5656 as the JDK knows them, and the point checks OpenSSH makes. */
final class EcCurves {

    private static final ECParameterSpec P256 = spec("secp256r1");
    private static final ECParameterSpec P384 = spec("secp384r1");
    private static final ECParameterSpec P521 = spec("secp521r1");

    private EcCurves() {}

    private static ECParameterSpec spec(String name) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(name));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    /** The JDK parameters for an ECDSA key type (plain or sk), or null. */
    static ECParameterSpec forType(String plainType) {
        return switch (plainType) {
            case KeyTypes.ECDSA_256, KeyTypes.SK_ECDSA_256 -> P256;
            case KeyTypes.ECDSA_384 -> P384;
            case KeyTypes.ECDSA_521 -> P521;
            default -> null;
        };
    }

    /** The affine point of an uncompressed encoding {@code 04 || X || Y} whose length was checked. */
    static ECPoint point(byte[] q) {
        int n = (q.length - 1) / 2;
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + n)), new BigInteger(1, Arrays.copyOfRange(q, 1 + n, q.length)));
    }

    /** Whether the uncompressed point {@code q} lies on the curve of {@code plainType}: y^2 = x^3 + ax + b (mod p). */
    static boolean isOnCurve(String plainType, byte[] q) {
        ECParameterSpec spec = forType(plainType);
        ECPoint pt = point(q);
        BigInteger p = ((ECFieldFp) spec.getCurve().getField()).getP();
        BigInteger x = pt.getAffineX();
        BigInteger y = pt.getAffineY();
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).add(spec.getCurve().getA()).multiply(x).add(spec.getCurve().getB()).mod(p);
        return left.equals(right);
    }
}
