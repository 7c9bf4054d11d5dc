package org.amiko.ssh.transport.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC of RFC 4253 §6.4 (hmac-sha1), RFC 6668 (hmac-sha2-256, hmac-sha2-512) and their
 * -etm@openssh.com forms: mac = MAC(key, uint32 sequence_number || bytes). The JDK's JCA
 * provides the HMAC; checks compare in constant time.
 */
final class Hmac {

    private final Mac mac;
    private final int length;
    private final byte[] seqBytes = new byte[4];
    private final byte[] computed;

    Hmac(Macs.MacAlgorithm algorithm, byte[] key) {
        try {
            mac = Mac.getInstance(algorithm.jcaName());
            mac.init(new SecretKeySpec(key, 0, algorithm.keyLength(), algorithm.jcaName()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName() + " is not available in this JDK", e);
        }
        length = algorithm.macLength();
        computed = new byte[length];
    }

    int length() {
        return length;
    }

    /** Writes MAC(seq || buf[off, off + len)) to {@code out[outOff, outOff + length())}. */
    void compute(int seq, byte[] buf, int off, int len, byte[] out, int outOff) {
        seqBytes[0] = (byte) (seq >>> 24);
        seqBytes[1] = (byte) (seq >>> 16);
        seqBytes[2] = (byte) (seq >>> 8);
        seqBytes[3] = (byte) seq;
        mac.update(seqBytes, 0, 4);
        mac.update(buf, off, len);
        try {
            mac.doFinal(out, outOff);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code tag[tagOff, tagOff + length())} is MAC(seq || buf[off, off + len)). */
    boolean verify(int seq, byte[] buf, int off, int len, byte[] tag, int tagOff) {
        compute(seq, buf, off, len, computed, 0);
        return ConstantTime.equals(computed, 0, tag, tagOff, length);
    }
}
