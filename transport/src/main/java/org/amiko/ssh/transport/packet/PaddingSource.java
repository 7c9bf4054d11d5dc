package org.amiko.ssh.transport.packet;

import java.security.SecureRandom;

/**
 * Random bytes for packet padding (RFC 4253 §6: "arbitrary-length padding ... SHOULD be random"),
 * drawn from a pool refilled from the configured {@link SecureRandom}, so a small packet does not
 * pay for a call into the random generator.
 */
final class PaddingSource {

    private final SecureRandom random;
    private final byte[] pool = new byte[512];
    private int used = pool.length;

    PaddingSource(SecureRandom random) {
        this.random = random;
    }

    void fill(byte[] buf, int off, int len) {
        if (pool.length - used < len) {
            random.nextBytes(pool);
            used = 0;
        }
        System.arraycopy(pool, used, buf, off, len);
        used += len;
    }
}
