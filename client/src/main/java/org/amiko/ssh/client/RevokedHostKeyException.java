package org.amiko.ssh.client;

import org.amiko.ssh.knownhosts.KnownKey;
import org.amiko.ssh.transport.HostKeyRejectedException;
import org.amiko.ssh.transport.keys.SshPublicKey;

/** The host's key is marked {@code @revoked} in known_hosts; refused under every policy but ACCEPT_ALL. */
public final class RevokedHostKeyException extends HostKeyRejectedException {

    public RevokedHostKeyException(String host, int port, SshPublicKey key, KnownKey revoked) {
        super(host, port, key, "the " + key.keyType() + " key " + key.sha256Fingerprint() + " of "
                + UnknownHostKeyException.name(host, port) + " is marked as revoked (" + revoked.location() + ")");
    }
}
