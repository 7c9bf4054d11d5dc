package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.4 SSH_MSG_CHANNEL_FAILURE: the oldest unanswered request on the channel failed or was not understood. */
public record ChannelFailure(int recipientChannel) implements ConnectionMessage {

    public static final int ID = 100;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL);
    }

    static ChannelFailure decode(SshReader r) throws ProtocolException {
        return new ChannelFailure((int) r.readUint32());
    }
}
