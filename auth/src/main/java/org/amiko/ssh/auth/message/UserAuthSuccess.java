package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4252 §5.1 SSH_MSG_USERAUTH_SUCCESS: authentication is complete. */
public record UserAuthSuccess() implements UserAuthMessage {

    public static final int ID = 52;
    public static final UserAuthSuccess INSTANCE = new UserAuthSuccess();

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID);
    }
}
