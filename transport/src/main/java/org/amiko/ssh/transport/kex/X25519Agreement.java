package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshWriter;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * curve25519-sha256 and curve25519-sha256@libssh.org (RFC 8731): X25519 (RFC 7748) public
 * values of 32 bytes; K is the 32-byte X25519 output read as an unsigned big-endian number and
 * sent as an mpint. An all-zero output (a low-order peer point) is refused (RFC 8731 §3).
 * Also the classical half of the hybrid methods. X25519 comes from Bouncy Castle's raw API.
 */
final class X25519Agreement implements EcdhShapedKex.Agreement {

    static final int SIZE = X25519.POINT_SIZE;

    private final byte[] privateKey = new byte[X25519.SCALAR_SIZE];
    private final byte[] publicKey = new byte[SIZE];

    X25519Agreement(SecureRandom random) {
        X25519.generatePrivateKey(random, privateKey);
        X25519.generatePublicKey(privateKey, 0, publicKey, 0);
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The raw 32-byte X25519 output with the peer's public value. */
    byte[] rawSecret(byte[] peerPublic, int off) throws ProtocolException {
        if (peerPublic.length - off != SIZE) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "X25519 public value of " + (peerPublic.length - off) + " bytes, expected " + SIZE);
        }
        byte[] secret = new byte[SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peerPublic, off, secret, 0)) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "X25519 shared secret is zero (low-order point)");
        }
        return secret;
    }

    @Override
    public byte[] clientPublic() {
        return publicKey();
    }

    @Override
    public EcdhShapedKex.ServerShare serverShare(byte[] clientPublic) throws ProtocolException {
        return new EcdhShapedKex.ServerShare(publicKey(), mpint(rawSecret(clientPublic, 0)));
    }

    @Override
    public byte[] clientSecret(byte[] serverPublic) throws ProtocolException {
        return mpint(rawSecret(serverPublic, 0));
    }

    /** RFC 8731 §3: the X25519 output as an unsigned big-endian integer, encoded as an mpint. */
    static byte[] mpint(byte[] raw) {
        byte[] encoded = new SshWriter().writeMpint(new BigInteger(1, raw)).toByteArray();
        Arrays.fill(raw, (byte) 0);
        return encoded;
    }
}
