package org.amiko.ssh.client;

import java.io.IOException;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * What to do with a host whose key no known_hosts file lists (OpenSSH's StrictHostKeyChecking).
 * A key that is listed for the host goes through; a revoked key is refused whatever the policy; a
 * changed key is refused too, except under a policy that {@link #acceptsChangedKeys() accepts
 * changed keys} (like {@code StrictHostKeyChecking=no}): then, as ssh(1) does, the connection goes
 * on without password and keyboard-interactive authentication and without port forwarding, so a
 * man in the middle learns no password and reaches nothing.
 */
@FunctionalInterface
public interface HostKeyPolicy {

    /** An unknown host: the name, port and key, and where a new entry would go (null when no user file is set). */
    record UnknownHost(String host, int port, SshPublicKey key, KnownHostsEditor userFile, boolean hashNames) {
    }

    /** Returns normally to trust the host, or throws (the connection then ends with HOST_KEY_NOT_VERIFIABLE). */
    void unknownHost(UnknownHost host) throws IOException;

    /**
     * Whether a changed key may pass (never a revoked one), with password, keyboard-interactive
     * and forwarding then disabled; only {@link #ACCEPT_ALL} says yes among the built-in policies.
     */
    default boolean acceptsChangedKeys() {
        return false;
    }

    /** Told when {@link #acceptsChangedKeys} let a changed key through; by default logs the warning. */
    default void changedKeyAccepted(ChangedHostKeyException changed) {
        System.getLogger(HostKeyPolicy.class.getName()).log(System.Logger.Level.WARNING, changed.getMessage()
                + "\n" + MITM_DISABLED);
    }

    /** What ssh(1) says when it goes on with a changed key. */
    String MITM_DISABLED = "Password authentication is disabled to avoid man-in-the-middle attacks.\n"
            + "Keyboard-interactive authentication is disabled to avoid man-in-the-middle attacks.\n"
            + "Port forwarding is disabled to avoid man-in-the-middle attacks.";

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
        // decided again under the file's lock: another process may have recorded a key meanwhile
        KnownHostsEditor.AddResult r = host.userFile().addIfUnknown(host.host(), host.port(), host.key().keyType(),
                host.key().blob().toByteArray(), host.hashNames(), "");
        if (r instanceof KnownHostsEditor.AddResult.Conflict c) {
            throw new ChangedHostKeyException(host.host(), host.port(), host.key(), c.keys());
        }
    };

    /**
     * UNSAFE, like {@code StrictHostKeyChecking=no}: any unknown key is accepted, and so is a
     * changed one (without password, keyboard-interactive or forwarding), so anyone in the middle
     * can pose as the server. A revoked key is still refused. For throw-away test machines only.
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
