package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §11.4 SSH_MSG_UNIMPLEMENTED: the sequence number of the packet that was not understood. */
public record Unimplemented(long sequenceNumber) implements TransportMessage {

    public static final int ID = 3;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(sequenceNumber);
    }

    static Unimplemented decode(SshReader r) throws ProtocolException {
        return new Unimplemented(r.readUint32());
    }
}
