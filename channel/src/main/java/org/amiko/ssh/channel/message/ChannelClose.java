package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §5.3 SSH_MSG_CHANNEL_CLOSE: the sender is done with the channel. Each side answers
 * with its own CLOSE unless it sent one already; the number is free once both are out and in.
 */
public record ChannelClose(int recipientChannel) implements ConnectionMessage {

    public static final int ID = 97;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL);
    }

    static ChannelClose decode(SshReader r) throws ProtocolException {
        return new ChannelClose((int) r.readUint32());
    }
}
