package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §5.1 SSH_MSG_CHANNEL_OPEN: the sender's channel number, how much it lets us send
 * before a window adjust, the largest data packet it accepts, and the type-specific data (for
 * {@code direct-tcpip}: host, port, originator address and port, §7.2).
 */
public record ChannelOpen(String channelType, int senderChannel, long initialWindowSize, long maximumPacketSize,
                          Bytes data) implements ConnectionMessage {

    public static final int ID = 90;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(channelType).writeUint32(senderChannel & 0xffffffffL)
                .writeUint32(initialWindowSize).writeUint32(maximumPacketSize).writeRaw(data.toByteArray());
    }

    static ChannelOpen decode(SshReader r) throws ProtocolException {
        return new ChannelOpen(r.readUtf8(), (int) r.readUint32(), r.readUint32(), r.readUint32(),
                Bytes.of(r.readRaw(r.remaining())));
    }
}
