package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * ecdh-sha2-nistp256/384/521 (RFC 5656 §4): ephemeral keys on a NIST curve, public values as
 * uncompressed SEC1 points (0x04 || X || Y), K the x-coordinate of the shared point as an mpint.
 * The peer's point is checked to lie on the curve (RFC 5656 §4, SEC1 §3.2.2) before use.
 */
final class NistEcdhAgreement implements EcdhShapedKex.Agreement {

    private final KeyPair pair;
    private final ECParameterSpec params;
    private final int fieldBytes;

    /** @param curve the JCA curve name: secp256r1, secp384r1 or secp521r1 */
    NistEcdhAgreement(String curve, SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve), random);
            pair = g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC " + curve + " is not available in this JDK", e);
        }
        params = ((ECPublicKey) pair.getPublic()).getParams();
        fieldBytes = (params.getCurve().getField().getFieldSize() + 7) / 8;
    }

    private byte[] encode(ECPoint p) {
        byte[] out = new byte[1 + 2 * fieldBytes];
        out[0] = 4;
        fixed(p.getAffineX(), out, 1);
        fixed(p.getAffineY(), out, 1 + fieldBytes);
        return out;
    }

    private void fixed(BigInteger v, byte[] out, int off) {
        byte[] b = v.toByteArray();
        int skip = b.length > fieldBytes ? b.length - fieldBytes : 0;
        System.arraycopy(b, skip, out, off + fieldBytes - (b.length - skip), b.length - skip);
    }

    private ECPoint decode(byte[] q) throws ProtocolException {
        if (q.length != 1 + 2 * fieldBytes || q[0] != 4) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "not an uncompressed point of this curve");
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(q, 1, 1 + fieldBytes));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(q, 1 + fieldBytes, q.length));
        BigInteger p = ((java.security.spec.ECFieldFp) params.getCurve().getField()).getP();
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        // SEC1 §3.2.2.1: coordinates in [0, p-1] and y^2 = x^3 + ax + b (mod p).
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0
                || !y.multiply(y).mod(p).equals(x.pow(3).add(a.multiply(x)).add(b).mod(p))) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "the peer's ECDH point is not on the curve");
        }
        return new ECPoint(x, y);
    }

    private byte[] secret(byte[] peer) throws ProtocolException {
        try {
            KeyFactory kf = KeyFactory.getInstance("EC");
            KeyAgreement ka = KeyAgreement.getInstance("ECDH");
            ka.init(pair.getPrivate());
            ka.doPhase(kf.generatePublic(new ECPublicKeySpec(decode(peer), params)), true);
            byte[] raw = ka.generateSecret();
            byte[] encoded = new SshWriter().writeMpint(new BigInteger(1, raw)).toByteArray();
            Arrays.fill(raw, (byte) 0);
            return encoded;
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "ECDH failed: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] clientPublic() {
        return encode(((ECPublicKey) pair.getPublic()).getW());
    }

    @Override
    public EcdhShapedKex.ServerShare serverShare(byte[] clientPublic) throws ProtocolException {
        return new EcdhShapedKex.ServerShare(encode(((ECPublicKey) pair.getPublic()).getW()), secret(clientPublic));
    }

    @Override
    public byte[] clientSecret(byte[] serverPublic) throws ProtocolException {
        return secret(serverPublic);
    }
}
