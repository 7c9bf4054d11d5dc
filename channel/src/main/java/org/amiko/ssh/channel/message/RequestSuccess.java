package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §4 SSH_MSG_REQUEST_SUCCESS, with the request's response data (for tcpip-forward: the bound port). */
public record RequestSuccess(Bytes data) implements ConnectionMessage {

    public static final int ID = 81;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeRaw(data.toByteArray());
    }

    static RequestSuccess decode(SshReader r) throws ProtocolException {
        return new RequestSuccess(Bytes.of(r.readRaw(r.remaining())));
    }
}
