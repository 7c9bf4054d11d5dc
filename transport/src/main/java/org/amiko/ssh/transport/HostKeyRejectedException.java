package org.amiko.ssh.transport;

import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * The client refused the server's host key: a decision of local policy (known_hosts, the host key
 * policy), not a fault of the peer's protocol, so it is no {@link ProtocolException}. The
 * connection still ends with DISCONNECT HOST_KEY_NOT_VERIFIABLE (RFC 4253 §11.1).
 */
public class HostKeyRejectedException extends SshException {

    private final String host;
    private final int port;
    private final SshPublicKey key;

    public HostKeyRejectedException(String host, int port, SshPublicKey key, String why) {
        super("host key of " + host + " port " + port + " (" + key + ") refused: " + why);
        this.host = host;
        this.port = port;
        this.key = key;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public SshPublicKey key() {
        return key;
    }

    /** The reason the DISCONNECT gives: always HOST_KEY_NOT_VERIFIABLE. */
    public DisconnectReason reason() {
        return DisconnectReason.HOST_KEY_NOT_VERIFIABLE;
    }
}
