package org.amiko.ssh.auth.keys;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A reader of the few DER types (ITU-T X.690 §8, §10) that key files use: SEQUENCE, INTEGER,
 * OCTET STRING, BIT STRING, OBJECT IDENTIFIER, NULL and context-specific tags. Every length is
 * checked against what remains before anything is allocated; a violation is {@link Malformed}.
 */
final class Der {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;

    /** The largest INTEGER we accept: a 16384-bit RSA modulus and its sign byte, with room. */
    private static final int MAX_INTEGER_BYTES = 4096;

    private final byte[] buf;
    private final int limit;
    private int pos;

    private Der(byte[] buf, int off, int limit) {
        this.buf = buf;
        this.pos = off;
        this.limit = limit;
    }

    static Der of(byte[] der) {
        return new Der(der, 0, der.length);
    }

    boolean hasMore() {
        return pos < limit;
    }

    /** The next tag byte, or -1 at the end. */
    int peekTag() {
        return pos < limit ? buf[pos] & 0xff : -1;
    }

    /** Fails unless every byte has been read. */
    void end(String what) throws Malformed {
        if (pos != limit) {
            throw new Malformed(what + " has " + (limit - pos) + " unexpected trailing bytes");
        }
    }

    /** X.690 §8.1.2-§8.1.3: one-byte tag, definite length; returns the content's offset and advances past it. */
    private int element(int expectedTag, String what) throws Malformed {
        if (pos >= limit) {
            throw new Malformed(what + " missing");
        }
        int tag = buf[pos] & 0xff;
        if (tag != expectedTag) {
            throw new Malformed(what + ": expected tag 0x" + Integer.toHexString(expectedTag) + ", found 0x" + Integer.toHexString(tag));
        }
        pos++;
        if (pos >= limit) {
            throw new Malformed(what + " has no length");
        }
        int first = buf[pos++] & 0xff;
        long length;
        if (first < 0x80) {
            length = first;
        } else {
            int count = first & 0x7f;
            if (count == 0 || count > 4) {
                throw new Malformed(what + " has an unsupported length form");
            }
            if (limit - pos < count) {
                throw new Malformed(what + " length is cut short");
            }
            length = 0;
            for (int i = 0; i < count; i++) {
                length = (length << 8) | (buf[pos++] & 0xff);
            }
        }
        if (length > limit - pos) {
            throw new Malformed(what + " claims " + length + " bytes, " + (limit - pos) + " remain");
        }
        int start = pos;
        pos += (int) length;
        return start;
    }

    /** A constructed element (SEQUENCE, or a context tag such as [0] = 0xa0) as a reader of its content. */
    Der constructed(int tag, String what) throws Malformed {
        int start = element(tag, what);
        return new Der(buf, start, pos);
    }

    Der sequence(String what) throws Malformed {
        return constructed(SEQUENCE, what);
    }

    /** A primitive element's content bytes. */
    byte[] primitive(int tag, String what) throws Malformed {
        int start = element(tag, what);
        return Arrays.copyOfRange(buf, start, pos);
    }

    byte[] octetString(String what) throws Malformed {
        return primitive(OCTET_STRING, what);
    }

    /** X.690 §8.3: two's complement, minimal. */
    BigInteger integer(String what) throws Malformed {
        int start = element(INTEGER, what);
        int len = pos - start;
        if (len == 0) {
            throw new Malformed(what + " is an empty INTEGER");
        }
        if (len > MAX_INTEGER_BYTES) {
            throw new Malformed(what + " is an INTEGER of " + len + " bytes");
        }
        return new BigInteger(buf, start, len);
    }

    /** An INTEGER that must be positive (key components). */
    BigInteger positiveInteger(String what) throws Malformed {
        BigInteger v = integer(what);
        if (v.signum() <= 0) {
            throw new Malformed(what + " must be positive");
        }
        return v;
    }

    /** An INTEGER that must lie in [0, max]: versions, counts. */
    int smallInteger(String what, int max) throws Malformed {
        BigInteger v = integer(what);
        if (v.signum() < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new Malformed(what + " " + v + " is out of range");
        }
        return v.intValue();
    }

    /** X.690 §8.6: a BIT STRING with no unused bits (keys), as bytes. */
    byte[] bitString(int tag, String what) throws Malformed {
        byte[] content = primitive(tag, what);
        if (content.length == 0 || content[0] != 0) {
            throw new Malformed(what + " is not a whole number of bytes");
        }
        return Arrays.copyOfRange(content, 1, content.length);
    }

    void nullValue(String what) throws Malformed {
        if (primitive(NULL, what).length != 0) {
            throw new Malformed(what + " is a NULL with content");
        }
    }

    /** X.690 §8.19: an OBJECT IDENTIFIER in dotted form. */
    String oid(String what) throws Malformed {
        byte[] content = primitive(OID, what);
        if (content.length == 0 || content.length > 64 || (content[content.length - 1] & 0x80) != 0) {
            throw new Malformed(what + " is not a valid OBJECT IDENTIFIER");
        }
        StringBuilder sb = new StringBuilder();
        long value = 0;
        boolean first = true;
        for (byte b : content) {
            if (value > (Long.MAX_VALUE >>> 7)) {
                throw new Malformed(what + " has an arc too large");
            }
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                if (first) {
                    int top = (int) Math.min(2, value / 40);
                    sb.append(top).append('.').append(value - 40L * top);
                    first = false;
                } else {
                    sb.append('.').append(value);
                }
                value = 0;
            }
        }
        return sb.toString();
    }

    /** True when {@code der} is exactly one SEQUENCE with nothing after it: a cheap test that decryption produced DER. */
    static boolean isOneSequence(byte[] der) {
        Der d = of(der);
        try {
            d.sequence("content");
            return !d.hasMore();
        } catch (Malformed e) {
            return false;
        }
    }
}
