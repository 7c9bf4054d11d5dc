package org.amiko.ssh.transport.crypto;

import org.amiko.ssh.transport.IntegrityException;

/**
 * The incoming half of one direction's packet protection, the mirror of {@link PacketSealer}.
 * The decoder first asks for the packet length from the first {@link #headerLength()} bytes,
 * waits for the whole packet, then asks to {@link #open} it. Used by one thread.
 */
public interface PacketOpener {

    int blockSize();

    boolean lengthAligned();

    int tagLength();

    /** Bytes that must be present before {@link #packetLength} can be called. */
    int headerLength();

    /**
     * The packet_length field of the packet that starts at {@code off}. May decrypt the header
     * in place (encrypt-and-MAC modes must, since the length is encrypted in the first block). Called
     * once per packet, before {@link #open}; the value is not yet authenticated.
     */
    int packetLength(int seq, byte[] buf, int off);

    /**
     * Authenticates and decrypts a whole packet in place. Afterwards {@code buf[off + 4, off + 4 +
     * packetLength)} holds padding_length, payload and padding in the clear. Nothing is decrypted
     * for the caller unless the tag matched.
     *
     * @throws IntegrityException if the MAC or AEAD tag does not match
     */
    void open(int seq, byte[] buf, int off, int packetLength) throws IntegrityException;
}
