package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.4 SSH_MSG_CHANNEL_SUCCESS: the oldest unanswered request on the channel succeeded. */
public record ChannelSuccess(int recipientChannel) implements ConnectionMessage {

    public static final int ID = 99;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL);
    }

    static ChannelSuccess decode(SshReader r) throws ProtocolException {
        return new ChannelSuccess((int) r.readUint32());
    }
}
