package org.amiko.ssh.transport.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes, for message fields: compares by content and prints as hex, where
 * a bare {@code byte[]} compares by reference and prints as {@code [B@1f2a}.
 */
public final class Bytes {

    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** A copy of {@code data}. */
    public static Bytes of(byte... data) {
        return new Bytes(data.clone());
    }

    /** A copy of {@code data[off, off + len)}. */
    public static Bytes of(byte[] data, int off, int len) {
        return new Bytes(Arrays.copyOfRange(data, off, off + len));
    }

    /** Parses hex digits, ignoring whitespace. */
    public static Bytes ofHex(String hex) {
        return new Bytes(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    /** Takes ownership of {@code data} without copying; the caller must not change it afterwards. */
    static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte get(int index) {
        return data[index];
    }

    /** A fresh copy of the content. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** Copies the content into {@code dst} at {@code off}. */
    public void copyTo(byte[] dst, int off) {
        System.arraycopy(data, 0, dst, off, data.length);
    }

    /** Copies {@code len} bytes from {@code srcOff} of the content into {@code dst} at {@code dstOff}. */
    public void copyTo(int srcOff, byte[] dst, int dstOff, int len) {
        System.arraycopy(data, srcOff, dst, dstOff, len);
    }

    public String hex() {
        return HexFormat.of().formatHex(data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length <= 64) {
            return "[" + hex() + "]";
        }
        return "[" + HexFormat.of().formatHex(data, 0, 32) + "... " + data.length + " bytes]";
    }
}
