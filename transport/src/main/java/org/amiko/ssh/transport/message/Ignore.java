package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §11.2 SSH_MSG_IGNORE: any data, to be ignored by the receiver. */
public record Ignore(Bytes data) implements TransportMessage {

    public static final int ID = 2;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeString(data);
    }

    static Ignore decode(SshReader r) throws ProtocolException {
        return new Ignore(r.remaining() > 0 ? r.readString() : Bytes.EMPTY);
    }
}
