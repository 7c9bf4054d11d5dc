package org.amiko.ssh.transport.testing;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A fuzz input read from the front, in a layout simple enough that real transcripts can be
 * written as seeds: single bytes, big-endian shorts, and frames ({@code uint16 length, bytes}).
 * Past the end every read yields zeros or empty frames, so any mutation stays readable.
 */
public final class FuzzInput {

    private final byte[] data;
    private int pos;

    public FuzzInput(byte[] data) {
        this.data = data;
    }

    public boolean hasMore() {
        return pos < data.length;
    }

    public int u8() {
        return pos < data.length ? data[pos++] & 0xff : 0;
    }

    public int u16() {
        return u8() << 8 | u8();
    }

    /** {@code n} modulo {@code bound}, from one byte. */
    public int pick(int bound) {
        return u8() % bound;
    }

    /** A frame: a uint16 length, then that many bytes (fewer at the end of the input). */
    public byte[] frame() {
        int n = u16();
        int end = Math.min(data.length, pos + n);
        byte[] out = Arrays.copyOfRange(data, Math.min(pos, data.length), end);
        pos = end;
        return out;
    }

    /** Every remaining frame that is not empty, at most {@code max}. */
    public List<byte[]> frames(int max) {
        List<byte[]> out = new ArrayList<>();
        while (hasMore() && out.size() < max) {
            byte[] f = frame();
            if (f.length > 0) {
                out.add(f);
            }
        }
        return out;
    }

    /** Writes inputs in this layout: a seed from a header and a transcript of payloads. */
    public static byte[] seed(byte[] header, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        for (byte[] f : frames) {
            int n = Math.min(f.length, 0xffff);
            out.write(n >>> 8);
            out.write(n);
            out.write(f, 0, n);
        }
        return out.toByteArray();
    }
}
