package org.amiko.ssh.auth.message;

import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/** RFC 4256 §3.4 SSH_MSG_USERAUTH_INFO_RESPONSE (61): one answer per prompt, in order. */
public record UserAuthInfoResponse(List<String> responses) implements UserAuthMessage {

    public static final int ID = 61;

    public UserAuthInfoResponse {
        responses = List.copyOf(responses);
    }

    @Override
    public void encode(SshWriter w) {
        w.writeByte(ID).writeUint32(responses.size());
        for (String s : responses) {
            w.writeUtf8(s);
        }
    }

    static UserAuthInfoResponse decode(SshReader r) throws ProtocolException {
        long count = r.readUint32();
        if (count > UserAuthInfoRequest.MAX_PROMPTS) {
            throw new ProtocolException("keyboard-interactive response with " + count + " answers");
        }
        List<String> responses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            responses.add(r.readUtf8());
        }
        return new UserAuthInfoResponse(responses);
    }

    @Override
    public String toString() {
        return "UserAuthInfoResponse[" + responses.size() + " answers, redacted]";
    }
}
