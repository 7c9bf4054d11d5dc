package org.amiko.ssh.transport.packet;

import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;

/**
 * A window onto a codec's internal buffer, valid only until the next call to that codec: read it,
 * copy it ({@link #toBytes()}) or decode it ({@link #reader()}) before then. Reused to keep the
 * packet path free of allocation.
 */
public final class ByteView {

    private byte[] array;
    private int offset;
    private int length;

    void set(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    public Bytes toBytes() {
        return Bytes.of(array, offset, length);
    }

    public SshReader reader() {
        return new SshReader(array, offset, length);
    }

    @Override
    public String toString() {
        return "ByteView[" + length + " bytes]";
    }
}
