package org.amiko.ssh.transport;

import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * The client's decision on the server's host key, made once the key has proved itself by
 * signing the exchange hash and before the connection proceeds. There is no default: a client
 * must say how it trusts hosts (the client module plugs known_hosts in here).
 */
@FunctionalInterface
public interface HostKeyVerifier {

    /**
     * Accepts the key by returning, refuses it by throwing (the transport then disconnects with
     * HOST_KEY_NOT_VERIFIABLE and the caller receives this exception).
     */
    void verify(String host, int port, SshPublicKey key) throws SshException;

    /** Accepts every key. Unsafe outside tests: anyone in the middle can pose as the server. */
    static HostKeyVerifier acceptAnyInsecurely() {
        return (host, port, key) -> { };
    }

    /** Accepts exactly this key. */
    static HostKeyVerifier exactly(SshPublicKey expected) {
        return (host, port, key) -> {
            if (!key.equals(expected)) {
                throw new HostKeyRejectedException(host, port, key, "the host key is not the expected " + expected);
            }
        };
    }
}
