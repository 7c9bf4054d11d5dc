package org.amiko.ssh.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.auth.message.UserAuthSuccess;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.Transport;

/**
 * The client side of RFC 4252: asks for the ssh-userauth service, sends "none" to learn which
 * methods can continue, then tries the given methods in order, only those the server lists,
 * following partial success (a server that wants publickey and then password) to the end.
 */
public final class ClientAuthenticator {

    private static final System.Logger LOG = System.getLogger(ClientAuthenticator.class.getName());

    /** RFC 4252 §5: the service started after authentication. */
    public static final String CONNECTION_SERVICE = "ssh-connection";

    private ClientAuthenticator() {
    }

    /**
     * Authenticates {@code user}; returns when the server says SUCCESS.
     *
     * @param methods in the order to try them (OpenSSH: publickey, keyboard-interactive, password)
     * @throws AuthenticationException when no method is left that the server accepts
     */
    public static void authenticate(Transport transport, String user, List<AuthMethod> methods,
                                    BannerListener banners, Duration timeout) throws IOException {
        transport.requestService("ssh-userauth", timeout);
        AuthExchange ex = new AuthExchange(transport, user, CONNECTION_SERVICE, banners, timeout);
        UserAuthMessage answer = ex.request(new UserAuthRequest.None());
        List<AuthMethod> remaining = new ArrayList<>(methods);
        while (true) {
            if (answer instanceof UserAuthSuccess) {
                LOG.log(System.Logger.Level.DEBUG, "authenticated as {0} (RFC 4252 §5.1 USERAUTH_SUCCESS)", user);
                return;
            }
            if (!(answer instanceof UserAuthFailure failure)) {
                throw new ProtocolException("unexpected answer during user authentication: " + answer);
            }
            LOG.log(System.Logger.Level.DEBUG, "the server accepts: {0}{1}", String.join(",", failure.methodsThatCanContinue()),
                    failure.partialSuccess() ? " (partial success: more methods required)" : "");
            AuthMethod next = remaining.stream()
                    .filter(m -> failure.methodsThatCanContinue().contains(m.name())).findFirst().orElse(null);
            if (next == null) {
                throw new AuthenticationException(user, ex.tried(), failure.methodsThatCanContinue());
            }
            remaining.remove(next);
            answer = next.attempt(ex);
        }
    }
}
