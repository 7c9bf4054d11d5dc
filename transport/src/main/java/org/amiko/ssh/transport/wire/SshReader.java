package org.amiko.ssh.transport.wire;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;

/**
 * Reads the RFC 4251 §5 data types from a bounded view of a byte array. Every length field is
 * checked against what remains and against a configured maximum before anything is allocated; a
 * violation is a {@link ProtocolException}, never an out-of-bounds or out-of-memory error.
 *
 * <p>Not thread-safe: one reader belongs to one decoding call.
 */
public final class SshReader {

    /** The default bound on one string: OpenSSH's largest packet (256 KiB). */
    public static final int DEFAULT_MAX_STRING = 256 * 1024;

    private final byte[] buf;
    private final int limit;
    private final int maxString;
    private int pos;

    /** Reads {@code buf[off, off + len)} with the default string bound. */
    public SshReader(byte[] buf, int off, int len) {
        this(buf, off, len, DEFAULT_MAX_STRING);
    }

    public SshReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    /** Reads {@code buf[off, off + len)}; no string, mpint or name-list may exceed {@code maxString} bytes. */
    public SshReader(byte[] buf, int off, int len, int maxString) {
        if (off < 0 || len < 0 || off > buf.length - len) {
            throw new IndexOutOfBoundsException("view " + off + "+" + len + " of " + buf.length);
        }
        if (maxString < 0) {
            throw new IllegalArgumentException("maxString " + maxString);
        }
        this.buf = buf;
        this.pos = off;
        this.limit = off + len;
        this.maxString = maxString;
    }

    public static SshReader of(Bytes bytes) {
        return new SshReader(bytes.toByteArray());
    }

    /** Bytes left to read. */
    public int remaining() {
        return limit - pos;
    }

    /** Fails unless every byte has been read: trailing garbage is a protocol error. */
    public void ensureEnd() throws ProtocolException {
        if (pos != limit) {
            throw new ProtocolException((limit - pos) + " unexpected trailing bytes");
        }
    }

    private void need(int n, String what) throws ProtocolException {
        if (limit - pos < n) {
            throw new ProtocolException(what + " needs " + n + " bytes, " + (limit - pos) + " remain");
        }
    }

    /** RFC 4251 §5 byte. */
    public int readByte() throws ProtocolException {
        need(1, "byte");
        return buf[pos++] & 0xff;
    }

    /** RFC 4251 §5 boolean: any non-zero value is true. */
    public boolean readBoolean() throws ProtocolException {
        need(1, "boolean");
        return buf[pos++] != 0;
    }

    /** RFC 4251 §5 uint32, as an unsigned value in a long. */
    public long readUint32() throws ProtocolException {
        need(4, "uint32");
        long v = ((buf[pos] & 0xffL) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** A uint32 used as a count or size, which must fit in a non-negative int. */
    public int readUint32AsInt() throws ProtocolException {
        long v = readUint32();
        if (v > Integer.MAX_VALUE) {
            throw new ProtocolException("uint32 " + v + " is too large");
        }
        return (int) v;
    }

    /** RFC 4251 §5 uint64, as a long with the same bits (compare with {@link Long#compareUnsigned}). */
    public long readUint64() throws ProtocolException {
        need(8, "uint64");
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf[pos + i] & 0xff);
        }
        pos += 8;
        return v;
    }

    /** Reads a string's length and checks it before anything is allocated; returns its offset. */
    private int stringBody(String what) throws ProtocolException {
        long len = readUint32();
        if (len > maxString) {
            throw new ProtocolException(what + " length " + len + " exceeds the maximum " + maxString);
        }
        need((int) len, what);
        int start = pos;
        pos += (int) len;
        return start;
    }

    /** RFC 4251 §5 string, as raw bytes. */
    public byte[] readStringBytes() throws ProtocolException {
        int start = stringBody("string");
        return Arrays.copyOfRange(buf, start, pos);
    }

    /** RFC 4251 §5 string, as an immutable value. */
    public Bytes readString() throws ProtocolException {
        return Bytes.wrap(readStringBytes());
    }

    /** RFC 4251 §5 string holding UTF-8 text (RFC 3629); malformed UTF-8 is a protocol error. */
    public String readUtf8() throws ProtocolException {
        int start = stringBody("UTF-8 string");
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, start, pos - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("string is not valid UTF-8");
        }
    }

    /**
     * RFC 4251 §5 mpint: two's complement, big-endian, minimal. Zero is the empty string;
     * unnecessary leading 0x00 or 0xff bytes are rejected.
     */
    public BigInteger readMpint() throws ProtocolException {
        int start = stringBody("mpint");
        int len = pos - start;
        if (len == 0) {
            return BigInteger.ZERO;
        }
        if (len == 1 && buf[start] == 0) {
            throw new ProtocolException("mpint zero must be the empty string");
        }
        if (len > 1) {
            int b0 = buf[start];
            int b1 = buf[start + 1];
            if ((b0 == 0 && b1 >= 0) || (b0 == -1 && b1 < 0)) {
                throw new ProtocolException("mpint has an unnecessary leading byte");
            }
        }
        return new BigInteger(buf, start, len);
    }

    /** An mpint that must not be negative (DH and RSA values). */
    public BigInteger readPositiveMpint() throws ProtocolException {
        BigInteger v = readMpint();
        if (v.signum() < 0) {
            throw new ProtocolException("mpint must not be negative");
        }
        return v;
    }

    /**
     * RFC 4251 §5 name-list: comma-separated US-ASCII names, none empty. Names are checked to be
     * printable ASCII without commas or spaces (RFC 4251 §6).
     */
    public List<String> readNameList() throws ProtocolException {
        int start = stringBody("name-list");
        List<String> names = new ArrayList<>();
        if (pos == start) {
            return names;
        }
        int nameStart = start;
        for (int i = start; i <= pos; i++) {
            if (i == pos || buf[i] == ',') {
                if (i == nameStart) {
                    throw new ProtocolException("name-list contains an empty name");
                }
                names.add(new String(buf, nameStart, i - nameStart, StandardCharsets.US_ASCII));
                nameStart = i + 1;
            } else if (buf[i] <= ' ' || buf[i] >= 0x7f) {
                throw new ProtocolException("name-list contains byte 0x" + Integer.toHexString(buf[i] & 0xff));
            }
        }
        return names;
    }

    /** Reads {@code n} raw bytes (a fixed-size field such as a cookie). */
    public byte[] readRaw(int n) throws ProtocolException {
        if (n < 0) {
            throw new IllegalArgumentException("negative count " + n);
        }
        need(n, "raw field");
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }
}
