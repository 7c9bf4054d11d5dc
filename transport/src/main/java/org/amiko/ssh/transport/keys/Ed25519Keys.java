package org.amiko.ssh.transport.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import org.amiko.ssh.transport.ProtocolException;

/** Ed25519 public keys between their 32-byte encoding (RFC 8032 §5.1.2) and the JCA. */
final class Ed25519Keys {

    static final int KEY_LENGTH = 32;
    static final int SIGNATURE_LENGTH = 64;

    private Ed25519Keys() {
    }

    static boolean isEd25519(java.security.Key key) {
        if (key instanceof EdECKey ed) {
            return NamedParameterSpec.ED25519.getName().equalsIgnoreCase(ed.getParams().getName());
        }
        return "Ed25519".equalsIgnoreCase(key.getAlgorithm());
    }

    /** RFC 8032 §5.1.3: y little-endian in 255 bits, the top bit is the parity of x. */
    static PublicKey toJca(byte[] encoded) throws ProtocolException {
        if (encoded.length != KEY_LENGTH) {
            throw new ProtocolException("ssh-ed25519 key is " + encoded.length + " bytes, not " + KEY_LENGTH);
        }
        byte[] be = new byte[KEY_LENGTH];
        for (int i = 0; i < KEY_LENGTH; i++) {
            be[i] = encoded[KEY_LENGTH - 1 - i];
        }
        boolean xOdd = (be[0] & 0x80) != 0;
        be[0] &= 0x7f;
        EdECPoint point = new EdECPoint(xOdd, new BigInteger(1, be));
        PublicKey key;
        try {
            key = KeyFactory.getInstance("Ed25519").generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, point));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException("ssh-ed25519 key rejected: " + e.getMessage());
        }
        // RFC 8032 §5.1.3: y < p and x recoverable. The JDK's KeyFactory takes any y; its
        // Signature.initVerify decodes the point, so a trial run refuses bad keys here, not later.
        try {
            Signature.getInstance("Ed25519").initVerify(key);
        } catch (InvalidKeyException e) {
            throw new ProtocolException("ssh-ed25519 key is not a point of the curve: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available in this JDK", e);
        }
        return key;
    }

    /** RFC 8032 §5.1.2: the inverse of {@link #toJca}. */
    static byte[] encode(EdECPublicKey key) {
        EdECPoint point = key.getPoint();
        byte[] out = new byte[KEY_LENGTH];
        FixedWidth.put(point.getY(), out, 0, KEY_LENGTH);
        for (int i = 0; i < KEY_LENGTH / 2; i++) {
            byte t = out[i];
            out[i] = out[KEY_LENGTH - 1 - i];
            out[KEY_LENGTH - 1 - i] = t;
        }
        if (point.isXOdd()) {
            out[KEY_LENGTH - 1] |= (byte) 0x80;
        }
        return out;
    }
}
