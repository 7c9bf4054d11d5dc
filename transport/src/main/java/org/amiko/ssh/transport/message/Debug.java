package org.amiko.ssh.transport.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4253 §11.3 SSH_MSG_DEBUG: a message for debugging, shown to the user if always_display. */
public record Debug(boolean alwaysDisplay, String message, String language) implements TransportMessage {

    public static final int ID = 4;

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeBoolean(alwaysDisplay).writeUtf8(message).writeUtf8(language);
    }

    static Debug decode(SshReader r) throws ProtocolException {
        boolean always = r.readBoolean();
        String message = r.readUtf8();
        String language = r.remaining() > 0 ? r.readUtf8() : "";
        return new Debug(always, message, language);
    }
}
