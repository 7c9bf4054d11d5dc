package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.amiko.ssh.auth.keys.Signer;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A {@link Signer} whose private key stays in an agent: each signature is a SIGN_REQUEST, so the
 * key never enters this process. Publickey authentication (RFC 4252 §7) uses it like any other.
 */
public final class AgentSigner implements Signer {

    private final Agent agent;
    private final AgentIdentity identity;
    private final List<SignatureAlgorithm> algorithms;

    public AgentSigner(Agent agent, AgentIdentity identity) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.identity = Objects.requireNonNull(identity, "identity");
        String keyType = identity.key().keyType();
        // The enum's order is the preference: for RSA rsa-sha2-512, rsa-sha2-256, then ssh-rsa (RFC 8332 §3).
        this.algorithms = Arrays.stream(SignatureAlgorithm.values()).filter(a -> a.keyType().equals(keyType)).toList();
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no signature algorithm for " + keyType);
        }
    }

    /** One signer for each key the agent holds, in the agent's order. */
    public static List<AgentSigner> all(Agent agent) throws IOException {
        List<AgentSigner> signers = new ArrayList<>();
        for (AgentIdentity identity : agent.identities()) {
            signers.add(new AgentSigner(agent, identity));
        }
        return signers;
    }

    public AgentIdentity identity() {
        return identity;
    }

    @Override
    public SshPublicKey publicKey() {
        return identity.key();
    }

    @Override
    public List<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    @Override
    public Bytes sign(SignatureAlgorithm algorithm, byte[] data) throws IOException {
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException(algorithm.wireName() + " does not fit a " + identity.key().keyType() + " key");
        }
        return agent.sign(identity.key(), data, algorithm);
    }

    /** {@code agent: COMMENT}, as OpenSSH names agent keys in its messages. */
    @Override
    public String description() {
        return "agent: " + identity.comment();
    }

    @Override
    public String toString() {
        return description() + " (" + identity.key() + ")";
    }
}
