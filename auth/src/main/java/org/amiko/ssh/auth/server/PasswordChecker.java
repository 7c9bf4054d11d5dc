package org.amiko.ssh.auth.server;

/** Decides passwords (RFC 4252 §8) for the server role. */
@FunctionalInterface
public interface PasswordChecker {

    /** What a password check says. */
    enum Result { ACCEPTED, REFUSED, CHANGE_REQUIRED }

    Result check(String user, String password);

    /** Whether a new password (answer to CHANGE_REQUIRED) is acceptable; by default none is. */
    default boolean change(String user, String oldPassword, String newPassword) {
        return false;
    }
}
