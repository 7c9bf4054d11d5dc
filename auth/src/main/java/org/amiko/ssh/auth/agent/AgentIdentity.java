package org.amiko.ssh.auth.agent;

import java.util.Objects;
import org.amiko.ssh.transport.keys.SshPublicKey;

/** One key an agent holds (draft-miller-ssh-agent, "Requesting a list of keys"): its public key and the comment it was added with. */
public record AgentIdentity(SshPublicKey key, String comment) {

    public AgentIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(comment, "comment");
    }
}
