package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §10 SSH_MSG_SERVICE_REQUEST: the client asks for a service, such as "ssh-userauth". */
public record ServiceRequest(String serviceName) implements TransportMessage {

    public static final int ID = 5;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(serviceName);
    }

    static ServiceRequest decode(SshReader r) throws ProtocolException {
        return new ServiceRequest(r.readUtf8());
    }
}
