package org.amiko.ssh.channel.message;

import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4254 §4 SSH_MSG_REQUEST_FAILURE: the reply to a global request that was refused or not understood. */
public record RequestFailure() implements ConnectionMessage {

    public static final int ID = 82;
    public static final RequestFailure INSTANCE = new RequestFailure();

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID);
    }
}
