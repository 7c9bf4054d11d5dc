package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.2 SSH_MSG_CHANNEL_WINDOW_ADJUST: the recipient may send this many more bytes. */
public record ChannelWindowAdjust(int recipientChannel, long bytesToAdd) implements ConnectionMessage {

    public static final int ID = 93;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeUint32(bytesToAdd);
    }

    static ChannelWindowAdjust decode(SshReader r) throws ProtocolException {
        return new ChannelWindowAdjust((int) r.readUint32(), r.readUint32());
    }
}
