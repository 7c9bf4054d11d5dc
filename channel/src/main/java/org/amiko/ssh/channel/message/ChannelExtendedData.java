package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §5.2 SSH_MSG_CHANNEL_EXTENDED_DATA: bytes of another stream of the channel; the one
 * type defined is {@link #STDERR} (1). It counts against the same window as CHANNEL_DATA.
 */
public record ChannelExtendedData(int recipientChannel, long dataTypeCode, Bytes data) implements ConnectionMessage {

    public static final int ID = 95;
    /** RFC 4254 §5.2 SSH_EXTENDED_DATA_STDERR. */
    public static final long STDERR = 1;
    /** Bytes of an EXTENDED_DATA payload around the data: number, recipient, type code, string length. */
    public static final int OVERHEAD = 1 + 4 + 4 + 4;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeUint32(dataTypeCode).writeString(data);
    }

    /** The payload of an EXTENDED_DATA carrying {@code buf[off, off + len)}, built without an intermediate copy. */
    public static byte[] payload(int recipientChannel, long dataTypeCode, byte[] buf, int off, int len) {
        return new SshWriter(OVERHEAD + len).writeByte(ID).writeUint32(recipientChannel & 0xffffffffL)
                .writeUint32(dataTypeCode).writeString(buf, off, len).toByteArray();
    }

    static ChannelExtendedData decode(SshReader r) throws ProtocolException {
        return new ChannelExtendedData((int) r.readUint32(), r.readUint32(), r.readString());
    }
}
