package org.amiko.ssh.channel;

/** RFC 4250 §4.3: the reason codes of SSH_MSG_CHANNEL_OPEN_FAILURE. */
public enum OpenFailureReason {
    ADMINISTRATIVELY_PROHIBITED(1),
    CONNECT_FAILED(2),
    UNKNOWN_CHANNEL_TYPE(3),
    RESOURCE_SHORTAGE(4);

    private final int code;

    OpenFailureReason(int code) {
        this.code = code;
    }

    /** The number sent on the wire. */
    public int code() {
        return code;
    }

    /** The reason for a wire code, or {@code null} for a code RFC 4250 does not assign. */
    public static OpenFailureReason ofCode(long code) {
        for (OpenFailureReason r : values()) {
            if (r.code == code) {
                return r;
            }
        }
        return null;
    }
}
