package org.amiko.ssh.transport;

/**
 * The peer (or the bytes claimed to come from it) broke the protocol. Carries the disconnect
 * reason we send before closing the connection.
 */
public class ProtocolException extends SshException {

    private final DisconnectReason reason;

    public ProtocolException(DisconnectReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ProtocolException(DisconnectReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** A plain {@link DisconnectReason#PROTOCOL_ERROR}. */
    public ProtocolException(String message) {
        this(DisconnectReason.PROTOCOL_ERROR, message);
    }

    public DisconnectReason reason() {
        return reason;
    }
}
