package org.amiko.ssh.transport;

import org.amiko.ssh.transport.keys.SshPublicKey;

/** The client refused the server's host key (disconnect reason HOST_KEY_NOT_VERIFIABLE). */
public class HostKeyRejectedException extends ProtocolException {

    private final String host;
    private final int port;
    private final SshPublicKey key;

    public HostKeyRejectedException(String host, int port, SshPublicKey key, String why) {
        super(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, "host key of " + host + " port " + port + " (" + key + ") refused: " + why);
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
}
