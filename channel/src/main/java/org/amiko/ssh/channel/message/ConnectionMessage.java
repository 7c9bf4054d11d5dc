package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** The connection protocol's messages (RFC 4254, numbers 80 to 100; RFC 4250 §4.1.2). */
public sealed interface ConnectionMessage permits GlobalRequest, RequestSuccess, RequestFailure, ChannelOpen,
        ChannelOpenConfirmation, ChannelOpenFailure, ChannelWindowAdjust, ChannelData, ChannelExtendedData,
        ChannelEof, ChannelClose, ChannelRequest, ChannelSuccess, ChannelFailure {

    void encode(SshWriter w);

    default byte[] toPayload() {
        SshWriter w = new SshWriter();
        encode(w);
        return w.toByteArray();
    }

    /** True for the numbers this interface decodes. */
    static boolean isConnectionMessage(int id) {
        return id >= GlobalRequest.ID && id <= RequestFailure.ID || id >= ChannelOpen.ID && id <= ChannelFailure.ID;
    }

    /** Decodes one payload; anything but a complete, well-formed message is a {@link ProtocolException}. */
    static ConnectionMessage decode(byte[] payload) throws ProtocolException {
        SshReader r = new SshReader(payload);
        int id = r.readByte();
        ConnectionMessage m = switch (id) {
            case GlobalRequest.ID -> GlobalRequest.decode(r);
            case RequestSuccess.ID -> RequestSuccess.decode(r);
            case RequestFailure.ID -> RequestFailure.INSTANCE;
            case ChannelOpen.ID -> ChannelOpen.decode(r);
            case ChannelOpenConfirmation.ID -> ChannelOpenConfirmation.decode(r);
            case ChannelOpenFailure.ID -> ChannelOpenFailure.decode(r);
            case ChannelWindowAdjust.ID -> ChannelWindowAdjust.decode(r);
            case ChannelData.ID -> ChannelData.decode(r);
            case ChannelExtendedData.ID -> ChannelExtendedData.decode(r);
            case ChannelEof.ID -> ChannelEof.decode(r);
            case ChannelClose.ID -> ChannelClose.decode(r);
            case ChannelRequest.ID -> ChannelRequest.decode(r);
            case ChannelSuccess.ID -> ChannelSuccess.decode(r);
            case ChannelFailure.ID -> ChannelFailure.decode(r);
            default -> throw new ProtocolException("message " + id + " is not a connection protocol message");
        };
        r.ensureEnd();
        return m;
    }

    /** The recipient channel of a channel message (numbers 91 to 100), which sits right after the number. */
    static int recipientOf(byte[] payload) {
        return (payload[1] & 0xff) << 24 | (payload[2] & 0xff) << 16 | (payload[3] & 0xff) << 8 | (payload[4] & 0xff);
    }
}
