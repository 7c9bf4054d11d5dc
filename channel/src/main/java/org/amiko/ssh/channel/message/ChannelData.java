package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §5.2 SSH_MSG_CHANNEL_DATA: bytes for the channel's main stream (a command's stdin or stdout). */
public record ChannelData(int recipientChannel, Bytes data) implements ConnectionMessage {

    public static final int ID = 94;
    /** Bytes of a CHANNEL_DATA payload around the data: number, recipient, string length. */
    public static final int OVERHEAD = 1 + 4 + 4;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeString(data);
    }

    /** The payload of a CHANNEL_DATA carrying {@code buf[off, off + len)}, built without an intermediate copy. */
    public static byte[] payload(int recipientChannel, byte[] buf, int off, int len) {
        return new SshWriter(OVERHEAD + len).writeByte(ID).writeUint32(recipientChannel & 0xffffffffL)
                .writeString(buf, off, len).toByteArray();
    }

    static ChannelData decode(SshReader r) throws ProtocolException {
        return new ChannelData((int) r.readUint32(), r.readString());
    }
}
