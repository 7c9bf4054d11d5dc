package org.amiko.ssh.auth;

import java.io.IOException;
import org.amiko.ssh.auth.message.UserAuthMessage;

/**
 * One way to authenticate (RFC 4252 §7, §8; RFC 4256). An attempt may send several requests
 * (one per key, say) and ends with the server's last word: SUCCESS, or FAILURE (perhaps a
 * partial success).
 */
public sealed interface AuthMethod permits PublicKeyAuth, PasswordAuth, KeyboardInteractiveAuth {

    /** The method's name on the wire. */
    String name();

    UserAuthMessage attempt(AuthExchange exchange) throws IOException;
}
