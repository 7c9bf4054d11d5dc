package org.amiko.ssh.auth;

import java.util.List;
import org.amiko.ssh.transport.SshException;

/**
 * User authentication failed: says what was tried (method by method, with what each key or
 * answer got) and what the server would still accept, so the fix is clear.
 */
public final class AuthenticationException extends SshException {

    private final List<String> tried;
    private final List<String> allowed;

    public AuthenticationException(String user, List<String> tried, List<String> allowed) {
        super("authentication of " + user + " failed; tried: " + (tried.isEmpty() ? "nothing" : String.join("; ", tried))
                + "; the server accepts: " + (allowed.isEmpty() ? "nothing more" : String.join(",", allowed)));
        this.tried = List.copyOf(tried);
        this.allowed = List.copyOf(allowed);
    }

    /** One line per attempt, such as "publickey ssh-ed25519 SHA256:... from id_ed25519: refused". */
    public List<String> tried() {
        return tried;
    }

    /** The methods the server last listed as able to continue. */
    public List<String> allowed() {
        return allowed;
    }
}
