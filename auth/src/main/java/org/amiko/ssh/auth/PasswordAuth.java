package org.amiko.ssh.auth;

import java.io.IOException;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthPasswdChangeReq;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.transport.ProtocolException;

/**
 * RFC 4252 §8 password, including the server's request to change an expired password, which
 * goes to {@link PasswordSource#newPassword}.
 */
public record PasswordAuth(PasswordSource passwords) implements AuthMethod {

    /** Where passwords come from: the user, a vault, a test. */
    public interface PasswordSource {
        /** The password for {@code user}; null to skip the method. */
        String password(String user) throws IOException;

        /** A new password after the server's change request (RFC 4252 §8); null to give up. */
        default String newPassword(String user, String prompt) throws IOException {
            return null;
        }
    }

    public static PasswordAuth of(String password) {
        return new PasswordAuth(user -> password);
    }

    @Override
    public String name() {
        return "password";
    }

    @Override
    public UserAuthMessage attempt(AuthExchange ex) throws IOException {
        String password = passwords.password(ex.user());
        if (password == null) {
            ex.tried("password: none given");
            return new org.amiko.ssh.auth.message.UserAuthFailure(java.util.List.of(name()), false);
        }
        UserAuthMessage answer = ex.request(new UserAuthRequest.Password(password, null));
        if (answer instanceof UserAuthPasswdChangeReq change) {
            String fresh = passwords.newPassword(ex.user(), change.prompt());
            if (fresh == null) {
                ex.tried("password: the server asks for a new password (" + change.prompt() + "); none given");
                return new org.amiko.ssh.auth.message.UserAuthFailure(java.util.List.of(), false);
            }
            answer = ex.request(new UserAuthRequest.Password(password, fresh));
            if (answer instanceof UserAuthPasswdChangeReq) {
                throw new ProtocolException("the server refused the new password twice");
            }
        }
        ex.tried("password: " + PublicKeyAuth.describe(answer));
        return answer;
    }
}
