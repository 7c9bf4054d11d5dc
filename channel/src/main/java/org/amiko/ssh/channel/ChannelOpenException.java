package org.amiko.ssh.channel;

import org.amiko.ssh.transport.SshException;

/** The peer refused to open a channel (RFC 4254 §5.1), with its reason code and description. */
public final class ChannelOpenException extends SshException {

    private final long reasonCode;
    private final String description;

    public ChannelOpenException(String channelType, long reasonCode, String description) {
        super("the peer refused to open a " + channelType + " channel: " + name(reasonCode)
                + (description.isEmpty() ? "" : " (" + description + ")"));
        this.reasonCode = reasonCode;
        this.description = description;
    }

    private static String name(long code) {
        OpenFailureReason r = OpenFailureReason.ofCode(code);
        return r == null ? "reason " + code : r.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** The wire code (RFC 4250 §4.3). */
    public long reasonCode() {
        return reasonCode;
    }

    /** The reason, or {@code null} when the peer sent a code RFC 4250 does not assign. */
    public OpenFailureReason reason() {
        return OpenFailureReason.ofCode(reasonCode);
    }

    /** The peer's own words. */
    public String description() {
        return description;
    }
}
