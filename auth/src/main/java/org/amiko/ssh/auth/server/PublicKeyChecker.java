package org.amiko.ssh.auth.server;

import org.amiko.ssh.auth.keys.AuthorizedKeys;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * Decides which public keys may log in as a user (RFC 4252 §7), like an authorized_keys file.
 * The server asks before it verifies any signature.
 */
@FunctionalInterface
public interface PublicKeyChecker {

    boolean isAuthorized(String user, SshPublicKey key);

    /** The keys of an authorized_keys file, for every user (sshd(8) AUTHORIZED_KEYS FILE FORMAT; options not enforced here). */
    static PublicKeyChecker authorizedKeys(AuthorizedKeys keys) {
        return (user, key) -> !keys.find(key).isEmpty();
    }
}
