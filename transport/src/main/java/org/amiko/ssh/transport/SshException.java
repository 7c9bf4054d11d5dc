package org.amiko.ssh.transport;

import java.io.IOException;

/**
 * The root of amiko's errors. Every failure the protocol defines is a subclass that carries the
 * protocol's own code, never a code hidden in the message text.
 */
public class SshException extends IOException implements Cloneable {

    public SshException(String message) {
        super(message);
    }

    public SshException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * This exception again, of the same class and with the same message, cause and stack, as a
     * distinct object: what a stored failure is rethrown as. Two calls that fail for one reason (a
     * read, then the close of a try-with-resources) must not throw one instance, which Java
     * cannot add to itself as suppressed (fuzzing the client found that).
     */
    public SshException again() {
        try {
            SshException copy = (SshException) super.clone();
            copy.setStackTrace(getStackTrace());
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }
}
