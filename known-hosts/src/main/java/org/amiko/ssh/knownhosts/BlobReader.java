package org.amiko.ssh.knownhosts;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A bounded reader of the RFC 4251 §5 types in a key or certificate blob: every length is checked
 * against what remains before anything is allocated; every failure is a {@link LineFormatException}.
 * Also the matching writer of canonical values ({@link Out}).
 */
final class BlobReader {

    /** OpenSSH refuses bignums over 16384 bits (SSHBUF_MAX_BIGNUM) plus a sign byte. */
    static final int MAX_MPINT = 2049;

    private final byte[] data;
    private int pos;

    BlobReader(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos == data.length;
    }

    void requireEnd(String what) throws LineFormatException {
        if (pos != data.length) {
            throw new LineFormatException(what + " has " + (data.length - pos) + " trailing bytes");
        }
    }

    int u8() throws LineFormatException {
        need(1, "byte");
        return data[pos++] & 0xff;
    }

    long u32() throws LineFormatException {
        need(4, "uint32");
        long v = ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xffL) << 16) | ((data[pos + 2] & 0xffL) << 8) | (data[pos + 3] & 0xffL);
        pos += 4;
        return v;
    }

    /** A uint64 as a Java long holding the same 64 bits (compare with {@link Long#compareUnsigned}). */
    long u64() throws LineFormatException {
        long hi = u32();
        long lo = u32();
        return (hi << 32) | lo;
    }

    byte[] string() throws LineFormatException {
        long len = u32();
        if (len > data.length - pos) {
            throw new LineFormatException("string of " + len + " bytes with only " + (data.length - pos) + " left");
        }
        byte[] out = new byte[(int) len];
        System.arraycopy(data, pos, out, 0, out.length);
        pos += out.length;
        return out;
    }

    /** A string holding UTF-8 text without NUL (OpenSSH's sshbuf_get_cstring). */
    String text() throws LineFormatException {
        byte[] b = string();
        for (byte x : b) {
            if (x == 0) {
                throw new LineFormatException("text contains a NUL byte");
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * A non-negative mpint, returned as its magnitude without leading zeros (OpenSSH's
     * sshbuf_get_bignum2_bytes_direct: negative values are refused, leading zeros skipped).
     */
    byte[] mpint() throws LineFormatException {
        byte[] raw = string();
        if (raw.length > MAX_MPINT) {
            throw new LineFormatException("mpint of " + raw.length + " bytes is too large");
        }
        if (raw.length > 0 && (raw[0] & 0x80) != 0) {
            throw new LineFormatException("negative mpint");
        }
        int skip = 0;
        while (skip < raw.length && raw[skip] == 0) {
            skip++;
        }
        byte[] out = new byte[raw.length - skip];
        System.arraycopy(raw, skip, out, 0, out.length);
        return out;
    }

    private void need(int n, String what) throws LineFormatException {
        if (data.length - pos < n) {
            throw new LineFormatException("truncated " + what);
        }
    }

    /** Bits in a magnitude without leading zeros. */
    static int bitLength(byte[] magnitude) {
        if (magnitude.length == 0) {
            return 0;
        }
        return (magnitude.length - 1) * 8 + (32 - Integer.numberOfLeadingZeros(magnitude[0] & 0xff));
    }

    /** A writer of canonical blobs: strings and minimal mpints. */
    static final class Out {
        private final ByteArrayOutputStream out;

        Out() {
            this(false);
        }

        /** {@code discard}: a writer that keeps nothing, for a reader that only checks. */
        Out(boolean discard) {
            out = discard ? null : new ByteArrayOutputStream(64);
        }

        Out string(byte[] b) {
            if (out != null) {
                u32(b.length);
                out.writeBytes(b);
            }
            return this;
        }

        Out string(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        /** An mpint from a magnitude without leading zeros (a zero byte is prefixed when the top bit is set). */
        Out mpint(byte[] magnitude) {
            if (out == null) {
                return this;
            }
            boolean pad = magnitude.length > 0 && (magnitude[0] & 0x80) != 0;
            u32(magnitude.length + (pad ? 1 : 0));
            if (pad) {
                out.write(0);
            }
            out.writeBytes(magnitude);
            return this;
        }

        private void u32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
