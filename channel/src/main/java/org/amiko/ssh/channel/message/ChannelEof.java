package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.3 SSH_MSG_CHANNEL_EOF: the sender sends no more data on the channel; the other direction stays open. */
public record ChannelEof(int recipientChannel) implements ConnectionMessage {

    public static final int ID = 96;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL);
    }

    static ChannelEof decode(SshReader r) throws ProtocolException {
        return new ChannelEof((int) r.readUint32());
    }
}
