package org.amiko.ssh.auth.server;

import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * Decides which public keys may log in as a user (RFC 4252 §7), like an authorized_keys file.
 * The server asks before it verifies any signature.
 */
@FunctionalInterface
public interface PublicKeyChecker {

    boolean isAuthorized(String user, SshPublicKey key);
}
