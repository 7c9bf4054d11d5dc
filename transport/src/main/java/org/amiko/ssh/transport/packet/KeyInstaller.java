package org.amiko.ssh.transport.packet;

/**
 * What key exchange uses to put its results into force (RFC 4253 §7.3): new keys for each
 * direction, taking effect at the NEWKEYS boundary of that direction.
 */
public interface KeyInstaller {

    /** Keys for the packets we send after our NEWKEYS. */
    void installOutgoing(DirectionKeys keys);

    /** Keys for the packets we receive after the peer's NEWKEYS. */
    void installIncoming(DirectionKeys keys);
}
