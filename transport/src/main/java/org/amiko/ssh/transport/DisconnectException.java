package org.amiko.ssh.transport;

/**
 * The connection ended with SSH_MSG_DISCONNECT (RFC 4253 §11.1), sent by the peer or by us
 * after a protocol error. Carries the reason code, which may be one RFC 4250 does not name. When
 * the peer sent it, the message quotes the peer's description unchanged: untrusted text that may
 * hold terminal escapes, to be made safe before it is printed to a terminal.
 */
public final class DisconnectException extends SshException {

    private final int reasonCode;
    private final boolean byPeer;

    public DisconnectException(int reasonCode, String description, boolean byPeer) {
        super((byPeer ? "the peer disconnected: " : "disconnected: ") + describe(reasonCode) + ": " + description);
        this.reasonCode = reasonCode;
        this.byPeer = byPeer;
    }

    private static String describe(int code) {
        DisconnectReason r = DisconnectReason.ofCode(code);
        return r == null ? "reason " + code : r.name();
    }

    /** The reason, or {@code null} for a code RFC 4250 does not assign (see {@link #reasonCode()}). */
    public DisconnectReason reason() {
        return DisconnectReason.ofCode(reasonCode);
    }

    public int reasonCode() {
        return reasonCode;
    }

    /** True when the peer sent the DISCONNECT; false when we did. */
    public boolean byPeer() {
        return byPeer;
    }
}
