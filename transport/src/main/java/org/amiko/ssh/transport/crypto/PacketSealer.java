package org.amiko.ssh.transport.crypto;

/**
 * The outgoing half of one direction's packet protection: a cipher and a MAC, an encrypt-then-MAC
 * pair, or an AEAD cipher, behind one interface. Swapped at each NEWKEYS. Used by one thread.
 */
public interface PacketSealer {

    /** The padded packet is a multiple of this (RFC 4253 §6: the cipher block size, at least 8). */
    int blockSize();

    /**
     * Whether the 4-byte length field counts toward the {@link #blockSize()} multiple. True for
     * plain encrypt-and-MAC (RFC 4253 §6); false for EtM and AEAD modes, whose length is not
     * part of the encrypted body (OpenSSH PROTOCOL §1.5, RFC 5647 §7.2).
     */
    boolean lengthAligned();

    /** Bytes of MAC or tag appended after the packet. */
    int tagLength();

    /**
     * Protects a packet in place. {@code buf[off, off + 4 + packetLength)} holds the plain packet
     * (uint32 packet_length, byte padding_length, payload, padding); afterwards it holds the wire
     * form, followed by {@link #tagLength()} bytes of tag, for which the buffer has room.
     *
     * @param seq the packet's sequence number (RFC 4253 §6.4), an unsigned 32-bit counter
     */
    void seal(int seq, byte[] buf, int off, int packetLength);
}
