package org.amiko.ssh.knownhosts;

/**
 * The optional marker that starts a known_hosts line (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"):
 * none, {@code @cert-authority} (the key is a CA trusted to sign host certificates for the
 * hosts of the line) or {@code @revoked} (the key must never be accepted).
 */
public enum Marker {

    /** A plain host key line. */
    NONE(""),
    /** {@code @cert-authority}: a CA key for host certificates. */
    CERT_AUTHORITY("@cert-authority"),
    /** {@code @revoked}: a key that is refused wherever it appears. */
    REVOKED("@revoked");

    private final String token;

    Marker(String token) {
        this.token = token;
    }

    /** The marker as written in the file; empty for {@link #NONE}. */
    public String token() {
        return token;
    }

    /** The marker spelled {@code token} (exactly, case-sensitive as in OpenSSH's hostfile.c), or null. */
    static Marker fromToken(String token) {
        for (Marker m : values()) {
            if (m != NONE && m.token.equals(token)) {
                return m;
            }
        }
        return null;
    }
}
