package org.amiko.ssh.transport.wire;

import java.util.Arrays;

/**
 * Key material: never printed, and wiped when no longer needed. Equality is identity on purpose, so
 * that secrets are not compared in variable time by accident.
 */
public final class SecretBytes implements AutoCloseable {

    private final byte[] data;
    private volatile boolean wiped;

    private SecretBytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}; the caller may wipe its own array afterwards. */
    public static SecretBytes copyOf(byte[] data) {
        return new SecretBytes(data.clone());
    }

    /** A copy of {@code data[off, off + len)}. */
    public static SecretBytes copyOf(byte[] data, int off, int len) {
        return new SecretBytes(Arrays.copyOfRange(data, off, off + len));
    }

    public int length() {
        return data.length;
    }

    /** A fresh copy, which the caller should wipe when done. */
    public byte[] toByteArray() {
        if (wiped) {
            throw new IllegalStateException("secret already wiped");
        }
        return data.clone();
    }

    /** Overwrites the content with zeros; later reads fail. */
    public void wipe() {
        Arrays.fill(data, (byte) 0);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "SecretBytes[" + data.length + " bytes, redacted]";
    }
}
