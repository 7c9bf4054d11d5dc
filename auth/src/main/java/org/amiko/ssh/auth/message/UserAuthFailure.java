package org.amiko.ssh.auth.message;

import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4252 §5.1 SSH_MSG_USERAUTH_FAILURE: the methods that can continue, and whether the
 * request that failed was in fact a partial success (more methods are required).
 */
public record UserAuthFailure(List<String> methodsThatCanContinue, boolean partialSuccess) implements UserAuthMessage {

    public static final int ID = 51;

    public UserAuthFailure {
        methodsThatCanContinue = List.copyOf(methodsThatCanContinue);
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeNameList(methodsThatCanContinue).writeBoolean(partialSuccess);
    }

    static UserAuthFailure decode(SshReader r) throws ProtocolException {
        return new UserAuthFailure(r.readNameList(), r.readBoolean());
    }
}
