package org.amiko.ssh.transport;

/**
 * A packet failed its MAC or AEAD tag check: the bytes were altered (or the keys differ). Nothing
 * of such a packet is handed upward. RFC 4253 §6.4; disconnect reason MAC_ERROR.
 */
public final class IntegrityException extends ProtocolException {

    public IntegrityException(String message) {
        super(DisconnectReason.MAC_ERROR, message);
    }
}
