package org.amiko.ssh.client;

import java.io.IOException;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * What to do with a host whose key no known_hosts file lists (OpenSSH's StrictHostKeyChecking).
 * A key that is listed for the host goes through; a changed or revoked key is refused whatever
 * the policy, except under {@link #ACCEPT_ALL}, which accepts anything and is unsafe.
 */
@FunctionalInterface
public interface HostKeyPolicy {

    /** An unknown host: the name, port and key, and where a new entry would go (null when no user file is set). */
    record UnknownHost(String host, int port, SshPublicKey key, KnownHostsEditor userFile, boolean hashNames) {
    }

    /** Returns normally to trust the host, or throws (the connection then ends with HOST_KEY_NOT_VERIFIABLE). */
    void unknownHost(UnknownHost host) throws IOException;

    /** Whether a changed or revoked key may pass too; only {@link #ACCEPT_ALL} says yes. */
    default boolean acceptsChangedKeys() {
        return false;
    }

    /** The default, like {@code StrictHostKeyChecking=yes}: an unknown host is refused, with the explanation. */
    HostKeyPolicy REJECT = host -> {
        throw new UnknownHostKeyException(host.host(), host.port(), host.key(), null);
    };

    /**
     * Trust on first use, like {@code StrictHostKeyChecking=accept-new}: an unknown host's key is
     * recorded in the user known_hosts file (hashed if asked) and accepted; a changed key is still refused.
     */
    HostKeyPolicy ACCEPT_NEW = host -> {
        if (host.userFile() == null) {
            throw new UnknownHostKeyException(host.host(), host.port(), host.key(),
                    "ACCEPT_NEW needs a user known_hosts file to record the key in");
        }
        host.userFile().add(host.host(), host.port(), host.key().keyType(), host.key().blob().toByteArray(),
                host.hashNames(), "");
    };

    /**
     * UNSAFE, like {@code StrictHostKeyChecking=no} with a /dev/null known_hosts: every key is
     * accepted, changed and revoked ones too, so anyone in the middle can pose as the server.
     * For throw-away test machines only.
     */
    HostKeyPolicy ACCEPT_ALL = new HostKeyPolicy() {
        @Override
        public void unknownHost(UnknownHost host) {
        }

        @Override
        public boolean acceptsChangedKeys() {
            return true;
        }
    };
}
