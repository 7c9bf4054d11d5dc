package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §7.3 SSH_MSG_NEWKEYS: the sender uses the new keys from its next packet on. */
public record NewKeys() implements TransportMessage {

    public static final int ID = 21;
    public static final NewKeys INSTANCE = new NewKeys();

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID);
    }
}
