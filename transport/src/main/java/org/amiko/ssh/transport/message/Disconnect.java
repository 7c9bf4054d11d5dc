package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §11.1 SSH_MSG_DISCONNECT: the reason code (RFC 4250 §4.2.2), a description, a language tag. */
public record Disconnect(int reasonCode, String description, String language) implements TransportMessage {

    public static final int ID = 1;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(reasonCode).writeUtf8(description).writeUtf8(language);
    }

    static Disconnect decode(SshReader r) throws ProtocolException {
        int code = (int) r.readUint32();
        String description = r.readUtf8();
        // Some peers omit the language tag.
        String language = r.remaining() > 0 ? r.readUtf8() : "";
        return new Disconnect(code, description, language);
    }
}
