package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.security.KeyPair;
import java.util.List;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * An ssh-agent (draft-miller-ssh-agent): it holds private keys and signs with them, so the keys
 * never enter the process that asks. {@link UnixSocketAgent} talks to a running agent; {@link
 * InMemoryAgent} is one, for tests.
 *
 * <p>A refusal is an {@link AgentException} naming the request; an agent that breaks the protocol
 * is a {@link org.amiko.ssh.transport.ProtocolException}; an agent that does not answer in time,
 * or whose connection is gone, a {@link org.amiko.ssh.transport.ConnectionClosedException}.
 */
public interface Agent extends AutoCloseable {

    /** "Requesting a list of keys": the keys the agent holds, in its order (keys of types amiko cannot use are left out). */
    List<AgentIdentity> identities() throws IOException;

    /**
     * "Private key operations": signs {@code data} with the agent's key; returns the SSH signature blob (string
     * algorithm name, string signature). For an RSA key, {@code algorithm} picks rsa-sha2-256,
     * rsa-sha2-512 or ssh-rsa through the request's flags.
     *
     * @throws IllegalArgumentException if {@code algorithm} does not fit the key's type
     */
    Bytes sign(SshPublicKey key, byte[] data, SignatureAlgorithm algorithm) throws IOException;

    /**
     * "Adding keys to the agent": gives the agent a key pair (the one case where a private key passes through this
     * process). Adding a key the agent holds already replaces its comment.
     *
     * @throws IllegalArgumentException for a key SSH does not use, or one whose private values
     *     the JCA does not reveal
     */
    void add(KeyPair pair, String comment) throws IOException;

    /** "Removing keys from the agent": removes one key; an {@link AgentException} if the agent does not hold it. */
    void remove(SshPublicKey key) throws IOException;

    /** "Removing keys from the agent": removes every key. */
    void removeAll() throws IOException;

    @Override
    void close() throws IOException;
}
