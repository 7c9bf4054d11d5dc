package org.amiko.ssh.auth.server;

import java.time.Instant;
import java.util.Optional;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.keys.AuthorizedKeys;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * Decides which public keys may log in as a user (RFC 4252 §7), like an authorized_keys file,
 * and under which restrictions. The server asks before it verifies any signature.
 */
@FunctionalInterface
public interface PublicKeyChecker {

    boolean isAuthorized(String user, SshPublicKey key);

    /**
     * The restrictions under which {@code key} may log in as {@code user} from {@code clientAddress},
     * or empty when it may not. By default: {@link #isAuthorized}, unrestricted.
     */
    default Optional<KeyRestrictions> authorize(String user, SshPublicKey key, String clientAddress) {
        return isAuthorized(user, key) ? Optional.of(KeyRestrictions.NONE) : Optional.empty();
    }

    /**
     * The keys of an authorized_keys file, for every user, with their options as sshd(8) applies
     * them: the first line that lists the key and whose {@code from=} and {@code expiry-time=}
     * admit the login decides, and its other options restrict the session.
     */
    static PublicKeyChecker authorizedKeys(AuthorizedKeys keys) {
        return new PublicKeyChecker() {
            @Override
            public boolean isAuthorized(String user, SshPublicKey key) {
                return false; // only through authorize: a decision without the client's address could skip from=
            }

            @Override
            public Optional<KeyRestrictions> authorize(String user, SshPublicKey key, String clientAddress) {
                return firstAdmitting(keys.find(key), clientAddress);
            }
        };
    }

    /** The restrictions of the first of {@code lines} that admits a login from {@code clientAddress} now. */
    static Optional<KeyRestrictions> firstAdmitting(Iterable<AuthorizedKey> lines, String clientAddress) {
        Instant now = Instant.now();
        for (AuthorizedKey line : lines) {
            if (line.has("cert-authority")) {
                continue; // a CA line vouches for certificates, never for the plain key (sshd)
            }
            Optional<KeyRestrictions> r = KeyRestrictions.authorize(line, clientAddress, now);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }
}
