package org.amiko.ssh.transport.keys;

import java.math.BigInteger;

/** Non-negative integers as big-endian octet strings of a fixed width (SEC1 §2.3.5, IEEE P1363). */
final class FixedWidth {

    private FixedWidth() {
    }

    /** Writes {@code v} into {@code out[off, off + width)}, left-padded with zeros. */
    static void put(BigInteger v, byte[] out, int off, int width) {
        if (v.signum() < 0 || v.bitLength() > 8 * width) {
            throw new IllegalArgumentException("value does not fit in " + width + " bytes");
        }
        byte[] raw = v.toByteArray();
        // toByteArray may carry one leading sign byte of zero; skip it.
        int skip = raw.length > width ? raw.length - width : 0;
        System.arraycopy(raw, skip, out, off + width - (raw.length - skip), raw.length - skip);
    }

    /** Left-pads {@code b} with zeros to {@code width} bytes; {@code b} must not be longer. */
    static byte[] leftPad(byte[] b, int width) {
        if (b.length == width) {
            return b;
        }
        byte[] out = new byte[width];
        System.arraycopy(b, 0, out, width - b.length, b.length);
        return out;
    }
}
