package org.amiko.ssh.client;

import java.util.List;
import java.util.stream.Collectors;
import org.amiko.ssh.knownhosts.KnownKey;
import org.amiko.ssh.transport.HostKeyRejectedException;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * The host is known with other keys: OpenSSH's "REMOTE HOST IDENTIFICATION HAS CHANGED". Someone
 * may be in the middle, or the host was reinstalled. Refused under every policy but ACCEPT_ALL.
 */
public final class ChangedHostKeyException extends HostKeyRejectedException {

    private final List<KnownKey> knownKeys;

    public ChangedHostKeyException(String host, int port, SshPublicKey key, List<KnownKey> knownKeys) {
        super(host, port, key, "REMOTE HOST IDENTIFICATION HAS CHANGED: " + UnknownHostKeyException.name(host, port)
                + " presented " + key.keyType() + " " + key.sha256Fingerprint() + ", but known_hosts lists "
                + knownKeys.stream().map(k -> k.keyType() + " " + k.fingerprint() + " (" + k.location() + ")")
                        .collect(Collectors.joining(", "))
                + ". Someone could be eavesdropping on you right now (a man-in-the-middle attack), or the host"
                + " key has just been changed. If the change is expected, remove the old entry (ssh-keygen -R "
                + UnknownHostKeyException.name(host, port) + ") and connect again");
        this.knownKeys = List.copyOf(knownKeys);
    }

    public List<KnownKey> knownKeys() {
        return knownKeys;
    }
}
