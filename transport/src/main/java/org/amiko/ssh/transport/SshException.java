package org.amiko.ssh.transport;

import java.io.IOException;

/**
 * The root of amiko's errors. Every failure the protocol defines is a subclass that carries the
 * protocol's own code, never a code hidden in the message text.
 */
public class SshException extends IOException {

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }
}
