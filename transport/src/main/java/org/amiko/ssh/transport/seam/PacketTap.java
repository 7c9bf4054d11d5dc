package org.amiko.ssh.transport.seam;

import java.util.List;

/**
 * A test seam on what a transport sends, for conformance testing of peers: lines before the
 * identification, noise between packets, a packet replaced, dropped or damaged. The default tap
 * changes nothing; a transport without one behaves exactly as the RFC says. Its methods run
 * under the transport's write lock, on whichever thread sends, and must not block.
 */
public interface PacketTap {

    /** Changes nothing. */
    PacketTap NONE = new PacketTap() { };

    /** Lines sent before our identification line (a server may send them, RFC 4253 §4.2). */
    default List<String> preamble() {
        return List.of();
    }

    /**
     * The payloads to send in place of {@code payload}: usually just it; with noise before it
     * (IGNORE, DEBUG), another payload instead, or none at all (the packet, and so the step it
     * belongs to, never happens). The payloads returned are not tapped again.
     */
    default List<byte[]> outgoing(byte[] payload) {
        return List.of(payload);
    }

    /** May change an encoded packet in place before it is written; a flipped bit breaks its MAC. */
    default void encoded(byte[] payload, byte[] wire, int offset, int length) {
    }
}
