package org.amiko.ssh.transport.wire;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the RFC 4251 §5 data types into a growable buffer. Not thread-safe.
 */
public final class SshWriter {

    private byte[] buf;
    private int size;

    public SshWriter() {
        this(64);
    }

    public SshWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (buf.length - size < extra) {
            long wanted = Math.max((long) buf.length * 2, (long) size + extra);
            if (wanted > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("message too large: " + wanted);
            }
            buf = Arrays.copyOf(buf, (int) wanted);
        }
    }

    /** RFC 4251 §5 byte (the low 8 bits of {@code v}). */
    public SshWriter writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    /** RFC 4251 §5 boolean: 1 or 0. */
    public SshWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    /** RFC 4251 §5 uint32 (the low 32 bits of {@code v}). */
    public SshWriter writeUint32(long v) {
        ensure(4);
        buf[size] = (byte) (v >>> 24);
        buf[size + 1] = (byte) (v >>> 16);
        buf[size + 2] = (byte) (v >>> 8);
        buf[size + 3] = (byte) v;
        size += 4;
        return this;
    }

    /** RFC 4251 §5 uint64 (the bits of {@code v}, unsigned). */
    public SshWriter writeUint64(long v) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** RFC 4251 §5 string of raw bytes. */
    public SshWriter writeString(byte[] v, int off, int len) {
        writeUint32(len);
        return writeRaw(v, off, len);
    }

    public SshWriter writeString(byte[] v) {
        return writeString(v, 0, v.length);
    }

    public SshWriter writeString(Bytes v) {
        writeUint32(v.length());
        ensure(v.length());
        v.copyTo(buf, size);
        size += v.length();
        return this;
    }

    /** RFC 4251 §5 string holding UTF-8 text. */
    public SshWriter writeUtf8(String v) {
        return writeString(v.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4251 §5 mpint: minimal two's complement; zero is the empty string. */
    public SshWriter writeMpint(BigInteger v) {
        if (v.signum() == 0) {
            return writeUint32(0);
        }
        // BigInteger.toByteArray is already the minimal two's-complement form.
        return writeString(v.toByteArray());
    }

    /** RFC 4251 §5 name-list. Names must be non-empty printable ASCII without commas. */
    public SshWriter writeNameList(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c >= 0x7f || c == ',')) {
                throw new IllegalArgumentException("not a valid name for a name-list: \"" + name + "\"");
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(name);
        }
        return writeString(sb.toString().getBytes(StandardCharsets.US_ASCII));
    }

    /** Bytes with no length prefix. */
    public SshWriter writeRaw(byte[] v, int off, int len) {
        ensure(len);
        System.arraycopy(v, off, buf, size, len);
        size += len;
        return this;
    }

    public SshWriter writeRaw(byte[] v) {
        return writeRaw(v, 0, v.length);
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** Forgets the content, keeping the buffer for reuse. */
    public void reset() {
        size = 0;
    }

    /** The internal buffer; valid bytes are {@code [0, size())}. Changes as the writer grows. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    public Bytes toBytes() {
        return Bytes.wrap(toByteArray());
    }
}
