package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.1 SSH_MSG_CHANNEL_OPEN_CONFIRMATION: the opener's number, ours, our window and packet size. */
public record ChannelOpenConfirmation(int recipientChannel, int senderChannel, long initialWindowSize,
                                      long maximumPacketSize, Bytes data) implements ConnectionMessage {

    public static final int ID = 91;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeUint32(senderChannel & 0xffffffffL)
                .writeUint32(initialWindowSize).writeUint32(maximumPacketSize).writeRaw(data.toByteArray());
    }

    static ChannelOpenConfirmation decode(SshReader r) throws ProtocolException {
        return new ChannelOpenConfirmation((int) r.readUint32(), (int) r.readUint32(), r.readUint32(), r.readUint32(),
                Bytes.of(r.readRaw(r.remaining())));
    }
}
