package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.1 SSH_MSG_CHANNEL_OPEN_FAILURE, with an RFC 4250 §4.3 reason code. */
public record ChannelOpenFailure(int recipientChannel, long reasonCode, String description, String languageTag)
        implements ConnectionMessage {

    public static final int ID = 92;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeUint32(reasonCode)
                .writeUtf8(description).writeUtf8(languageTag);
    }

    static ChannelOpenFailure decode(SshReader r) throws ProtocolException {
        return new ChannelOpenFailure((int) r.readUint32(), r.readUint32(), r.readUtf8(), r.readUtf8());
    }
}
