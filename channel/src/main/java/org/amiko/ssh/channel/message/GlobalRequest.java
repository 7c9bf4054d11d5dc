package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4254 §4 SSH_MSG_GLOBAL_REQUEST: a request about the whole connection ({@code tcpip-forward},
 * {@code keepalive@openssh.com}, ...). {@code data} is what the request type defines after the header.
 */
public record GlobalRequest(String name, boolean wantReply, Bytes data) implements ConnectionMessage {

    public static final int ID = 80;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(name).writeBoolean(wantReply).writeRaw(data.toByteArray());
    }

    static GlobalRequest decode(SshReader r) throws ProtocolException {
        return new GlobalRequest(r.readUtf8(), r.readBoolean(), Bytes.of(r.readRaw(r.remaining())));
    }
}
