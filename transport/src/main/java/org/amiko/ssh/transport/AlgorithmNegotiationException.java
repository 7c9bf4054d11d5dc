package org.amiko.ssh.transport;

import java.util.List;

/**
 * RFC 4253 §7.1: for one kind of algorithm, the two sides have nothing in common. Says which
 * kind and what each side offered, so the fix is obvious.
 */
public final class AlgorithmNegotiationException extends ProtocolException {

    private final String kind;
    private final List<String> client;
    private final List<String> server;

    public AlgorithmNegotiationException(String kind, List<String> client, List<String> server) {
        super(DisconnectReason.KEY_EXCHANGE_FAILED, "no common " + kind + " algorithm: the client offers "
                + String.join(",", client) + "; the server offers " + String.join(",", server));
        this.kind = kind;
        this.client = List.copyOf(client);
        this.server = List.copyOf(server);
    }

    public String kind() {
        return kind;
    }

    public List<String> client() {
        return client;
    }

    public List<String> server() {
        return server;
    }
}
