package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §10 SSH_MSG_SERVICE_ACCEPT: the server grants the requested service. */
public record ServiceAccept(String serviceName) implements TransportMessage {

    public static final int ID = 6;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(serviceName);
    }

    static ServiceAccept decode(SshReader r) throws ProtocolException {
        return new ServiceAccept(r.readUtf8());
    }
}
