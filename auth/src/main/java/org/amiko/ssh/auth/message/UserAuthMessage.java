package org.amiko.ssh.auth.message;

import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The user authentication messages (RFC 4252 §5-§8, RFC 4256 §3). Numbers 60 to 79 mean
 * different things to different methods (RFC 4252 §6), so {@link #decode} needs the method in use.
 */
public sealed interface UserAuthMessage permits UserAuthRequest, UserAuthFailure, UserAuthSuccess, UserAuthBanner,
        UserAuthPkOk, UserAuthPasswdChangeReq, UserAuthInfoRequest, UserAuthInfoResponse {

    void encode(SshWriter w);

    default byte[] toPayload() {
        SshWriter w = new SshWriter();
        encode(w);
        return w.toByteArray();
    }

    /**
     * Decodes a payload. {@code method} is the method of the request outstanding (for 60 and 61):
     * "publickey", "password" or "keyboard-interactive"; null when none is.
     */
    static UserAuthMessage decode(byte[] payload, String method) throws ProtocolException {
        SshReader r = new SshReader(payload);
        int id = r.readByte();
        UserAuthMessage m = switch (id) {
            case UserAuthRequest.ID -> UserAuthRequest.decode(r);
            case UserAuthFailure.ID -> UserAuthFailure.decode(r);
            case UserAuthSuccess.ID -> UserAuthSuccess.INSTANCE;
            case UserAuthBanner.ID -> UserAuthBanner.decode(r);
            case 60 -> switch (method == null ? "" : method) {
                case "publickey" -> UserAuthPkOk.decode(r);
                case "password" -> UserAuthPasswdChangeReq.decode(r);
                case "keyboard-interactive" -> UserAuthInfoRequest.decode(r);
                default -> throw new ProtocolException("message 60 while no method that uses it is in progress");
            };
            case UserAuthInfoResponse.ID -> {
                if (!"keyboard-interactive".equals(method)) {
                    throw new ProtocolException("SSH_MSG_USERAUTH_INFO_RESPONSE outside keyboard-interactive");
                }
                yield UserAuthInfoResponse.decode(r);
            }
            default -> throw new ProtocolException("message " + id + " is not a user authentication message");
        };
        r.ensureEnd();
        return m;
    }
}
