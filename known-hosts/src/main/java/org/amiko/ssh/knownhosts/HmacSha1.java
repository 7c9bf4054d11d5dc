package org.amiko.ssh.knownhosts;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) with reused buffers, for hashed host names: one instance per lookup checks
 * every hashed line without allocating. Not thread-safe; cheap to create.
 */
final class HmacSha1 {

    static final int LENGTH = 20;
    private static final int BLOCK = 64;

    private final MessageDigest sha1;
    private final byte[] pad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private final byte[] outer = new byte[LENGTH];

    HmacSha1() {
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Whether HMAC-SHA1(key, message) equals {@code expected}; keys are at most 64 bytes (ours are 20). */
    boolean matches(byte[] key, byte[] message, byte[] expected) {
        compute(key, message, outer);
        return MessageDigest.isEqual(outer, expected);
    }

    /** HMAC-SHA1(key, message) as a new array. */
    byte[] compute(byte[] key, byte[] message) {
        byte[] out = new byte[LENGTH];
        compute(key, message, out);
        return out;
    }

    private void compute(byte[] key, byte[] message, byte[] out) {
        if (key.length > BLOCK) {
            throw new IllegalArgumentException("HMAC key longer than a block");
        }
        try {
            fillPad(key, (byte) 0x36);
            sha1.update(pad);
            sha1.update(message);
            sha1.digest(inner, 0, LENGTH);
            fillPad(key, (byte) 0x5c);
            sha1.update(pad);
            sha1.update(inner);
            sha1.digest(out, 0, LENGTH);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fillPad(byte[] key, byte value) {
        int i = 0;
        for (; i < key.length; i++) {
            pad[i] = (byte) (key[i] ^ value);
        }
        for (; i < BLOCK; i++) {
            pad[i] = value;
        }
    }
}
