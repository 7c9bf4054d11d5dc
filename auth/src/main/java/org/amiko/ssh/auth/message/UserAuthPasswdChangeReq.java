package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4252 §8 SSH_MSG_USERAUTH_PASSWD_CHANGEREQ (60): the password expired; a new one is wanted. */
public record UserAuthPasswdChangeReq(String prompt, String language) implements UserAuthMessage {

    public static final int ID = 60;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(prompt).writeUtf8(language);
    }

    static UserAuthPasswdChangeReq decode(SshReader r) throws ProtocolException {
        return new UserAuthPasswdChangeReq(r.readUtf8(), r.readUtf8());
    }
}
