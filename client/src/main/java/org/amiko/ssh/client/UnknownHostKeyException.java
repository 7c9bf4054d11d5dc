package org.amiko.ssh.client;

import java.nio.file.Path;
import java.util.List;
import org.amiko.ssh.transport.HostKeyRejectedException;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * No known_hosts file lists the host, and the policy refused it. The message says which files
 * were searched, the key type and SHA256 fingerprint, and what to do.
 */
public final class UnknownHostKeyException extends HostKeyRejectedException {

    private final List<Path> searched;

    public UnknownHostKeyException(String host, int port, SshPublicKey key, String why) {
        this(host, port, key, List.of(), why);
    }

    public UnknownHostKeyException(String host, int port, SshPublicKey key, List<Path> searched, String why) {
        super(host, port, key, explain(host, port, key, searched, why));
        this.searched = List.copyOf(searched);
    }

    /** The known_hosts files that were consulted. */
    public List<Path> searchedFiles() {
        return searched;
    }

    static String name(String host, int port) {
        return port == 22 || port == 0 ? host : "[" + host + "]:" + port;
    }

    private static String explain(String host, int port, SshPublicKey key, List<Path> searched, String why) {
        return "no known_hosts entry for " + name(host, port) + (why == null ? "" : " (" + why + ")")
                + "; searched " + (searched.isEmpty() ? "no file" : searched) + ". If " + key.sha256Fingerprint()
                + " is the server's key (ask its administrator, or run ssh-keyscan on the server itself), add it"
                + " to known_hosts, or connect once with HostKeyPolicy.ACCEPT_NEW (trust on first use) to record it";
    }
}
