package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §5.4 SSH_MSG_CHANNEL_REQUEST: a request on one channel ({@code exec}, {@code pty-req},
 * {@code exit-status}, ...); {@code data} is what the request type defines after the header
 * (see {@code org.amiko.ssh.channel.session.SessionRequest}).
 */
public record ChannelRequest(int recipientChannel, String requestType, boolean wantReply, Bytes data)
        implements ConnectionMessage {

    public static final int ID = 98;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(recipientChannel & 0xffffffffL).writeUtf8(requestType).writeBoolean(wantReply)
                .writeRaw(data.toByteArray());
    }

    static ChannelRequest decode(SshReader r) throws ProtocolException {
        return new ChannelRequest((int) r.readUint32(), r.readUtf8(), r.readBoolean(), Bytes.of(r.readRaw(r.remaining())));
    }
}
