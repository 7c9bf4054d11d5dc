package org.amiko.ssh.channel;

import org.amiko.ssh.transport.SshException;

/** The peer answered a channel or global request with FAILURE (RFC 4254 §4, §5.4). */
public final class RequestRefusedException extends SshException {

    private final String requestType;

    public RequestRefusedException(String requestType, String message) {
        super(message);
        this.requestType = requestType;
    }

    /** The request that was refused: {@code exec}, {@code pty-req}, {@code tcpip-forward}, ... */
    public String requestType() {
        return requestType;
    }
}
