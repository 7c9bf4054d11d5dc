package org.amiko.ssh.transport.keys;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.EllipticCurve;
import java.util.Arrays;
import java.util.Optional;
import org.amiko.ssh.transport.ProtocolException;

/**
 * The three NIST prime curves of RFC 5656 §10.1, with the SEC1 §2.3.3 / §2.3.4 point encoding and
 * the public-key validation the JDK's {@code KeyFactory} does not perform.
 */
enum EcCurve {
    // RFC 5656 §6.2.1: the hash follows the curve size.
    NISTP256("nistp256", "secp256r1", "SHA256withECDSAinP1363Format"),
    NISTP384("nistp384", "secp384r1", "SHA384withECDSAinP1363Format"),
    NISTP521("nistp521", "secp521r1", "SHA512withECDSAinP1363Format");

    private final String identifier;
    private final String jcaName;
    private final String signatureJcaName;
    private volatile ECParameterSpec params;

    EcCurve(String identifier, String jcaName, String signatureJcaName) {
        this.identifier = identifier;
        this.jcaName = jcaName;
        this.signatureJcaName = signatureJcaName;
    }

    /** The RFC 5656 §6.1 curve identifier, e.g. {@code nistp256}. */
    String identifier() {
        return identifier;
    }

    /** The key type, e.g. {@code ecdsa-sha2-nistp256} (RFC 5656 §6.2). */
    String keyType() {
        return "ecdsa-sha2-" + identifier;
    }

    /** The JCA curve name, e.g. {@code secp256r1}. */
    String jcaName() {
        return jcaName;
    }

    /** The JCA signature that takes and gives r||s at fixed width (IEEE P1363) instead of DER. */
    String signatureJcaName() {
        return signatureJcaName;
    }

    ECParameterSpec params() {
        ECParameterSpec p = params;
        if (p == null) {
            try {
                AlgorithmParameters ap = AlgorithmParameters.getInstance("EC");
                ap.init(new ECGenParameterSpec(jcaName));
                p = ap.getParameterSpec(ECParameterSpec.class);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("curve " + jcaName + " is not available in this JDK", e);
            }
            params = p;
        }
        return p;
    }

    BigInteger p() {
        return ((ECFieldFp) params().getCurve().getField()).getP();
    }

    BigInteger order() {
        return params().getOrder();
    }

    /** Bytes of one field element: 32, 48, 66. */
    int fieldBytes() {
        return (params().getCurve().getField().getFieldSize() + 7) / 8;
    }

    /** Bytes of one scalar (r or s): 32, 48, 66. */
    int orderBytes() {
        return (order().bitLength() + 7) / 8;
    }

    static Optional<EcCurve> byKeyType(String keyType) {
        return Arrays.stream(values()).filter(c -> c.keyType().equals(keyType)).findFirst();
    }

    /** The curve whose parameters these are, compared by value (any provider's key will do). */
    static Optional<EcCurve> byParams(ECParameterSpec spec) {
        return Arrays.stream(values()).filter(c -> sameCurve(c.params(), spec)).findFirst();
    }

    private static boolean sameCurve(ECParameterSpec a, ECParameterSpec b) {
        return a.getCurve().equals(b.getCurve()) && a.getGenerator().equals(b.getGenerator())
                && a.getOrder().equals(b.getOrder()) && a.getCofactor() == b.getCofactor();
    }

    /**
     * SEC1 §2.3.4, uncompressed form only (as OpenSSH): {@code 0x04 || X || Y}, each coordinate
     * below p, the point on the curve. The point at infinity has no such encoding, so it is refused
     * too. The cofactor of these curves is 1, so a point on the curve is in the right subgroup.
     */
    ECPoint decodePoint(byte[] q) throws ProtocolException {
        int n = fieldBytes();
        if (q.length != 1 + 2 * n || q[0] != 0x04) {
            throw new ProtocolException("not an uncompressed " + identifier + " point (" + q.length + " bytes)");
        }
        BigInteger x = new BigInteger(1, q, 1, n);
        BigInteger y = new BigInteger(1, q, 1 + n, n);
        if (!onCurve(x, y)) {
            throw new ProtocolException("point is not on curve " + identifier);
        }
        return new ECPoint(x, y);
    }

    /** SEC1 §3.2.2.1 steps 2 and 3: coordinates in [0, p) and y^2 = x^3 + ax + b (mod p). */
    boolean onCurve(BigInteger x, BigInteger y) {
        BigInteger p = p();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(p) >= 0 || y.compareTo(p) >= 0) {
            return false;
        }
        EllipticCurve curve = params().getCurve();
        BigInteger left = y.multiply(y).mod(p);
        BigInteger right = x.multiply(x).multiply(x).add(curve.getA().multiply(x)).add(curve.getB()).mod(p);
        return left.equals(right);
    }

    /** SEC1 §2.3.3, uncompressed: {@code 0x04 || X || Y}, coordinates at fixed width. */
    byte[] encodePoint(ECPoint point) {
        if (point.equals(ECPoint.POINT_INFINITY)) {
            throw new IllegalArgumentException("the point at infinity is not a public key");
        }
        int n = fieldBytes();
        byte[] out = new byte[1 + 2 * n];
        out[0] = 0x04;
        FixedWidth.put(point.getAffineX(), out, 1, n);
        FixedWidth.put(point.getAffineY(), out, 1 + n, n);
        return out;
    }
}
