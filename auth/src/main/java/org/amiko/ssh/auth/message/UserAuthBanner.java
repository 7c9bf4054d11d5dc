package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4252 §5.4 SSH_MSG_USERAUTH_BANNER: text the server wants shown before authentication. */
public record UserAuthBanner(String message, String language) implements UserAuthMessage {

    public static final int ID = 53;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(message).writeUtf8(language);
    }

    static UserAuthBanner decode(SshReader r) throws ProtocolException {
        return new UserAuthBanner(r.readUtf8(), r.readUtf8());
    }
}
