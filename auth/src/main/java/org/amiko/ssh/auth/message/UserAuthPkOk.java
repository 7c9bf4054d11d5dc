package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4252 §7 SSH_MSG_USERAUTH_PK_OK (60): the queried key would be accepted with a signature. */
public record UserAuthPkOk(String algorithm, Bytes keyBlob) implements UserAuthMessage {

    public static final int ID = 60;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(algorithm).writeString(keyBlob);
    }

    static UserAuthPkOk decode(SshReader r) throws ProtocolException {
        return new UserAuthPkOk(r.readUtf8(), r.readString());
    }
}
