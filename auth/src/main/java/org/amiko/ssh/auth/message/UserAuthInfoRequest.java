package org.amiko.ssh.auth.message;

import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * RFC 4256 §3.2 SSH_MSG_USERAUTH_INFO_REQUEST (60): a name, an instruction, and prompts, each
 * saying whether the answer may be echoed.
 */
public record UserAuthInfoRequest(String name, String instruction, String language, List<Prompt> prompts)
        implements UserAuthMessage {

    public static final int ID = 60;
    /** A bound on the prompts we accept in one request (OpenSSH allows 100). */
    static final int MAX_PROMPTS = 100;

    public record Prompt(String text, boolean echo) {
    }

    public UserAuthInfoRequest {
        prompts = List.copyOf(prompts);
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUtf8(name).writeUtf8(instruction).writeUtf8(language).writeUint32(prompts.size());
        for (Prompt p : prompts) {
            w.writeUtf8(p.text()).writeBoolean(p.echo());
        }
    }

    static UserAuthInfoRequest decode(SshReader r) throws ProtocolException {
        String name = r.readUtf8();
        String instruction = r.readUtf8();
        String language = r.readUtf8();
        long count = r.readUint32();
        if (count > MAX_PROMPTS) {
            throw new ProtocolException("keyboard-interactive request with " + count + " prompts");
        }
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prompts.add(new Prompt(r.readUtf8(), r.readBoolean()));
        }
        return new UserAuthInfoRequest(name, instruction, language, prompts);
    }
}
