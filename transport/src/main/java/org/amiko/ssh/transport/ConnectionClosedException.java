package org.amiko.ssh.transport;

/** The connection is gone: the peer closed the stream without a DISCONNECT, or it was closed locally. */
public final class ConnectionClosedException extends SshException {

    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
