package org.amiko.ssh.auth.keys;

/**
 * A private key file that others may read: refused, as OpenSSH refuses it (sshkey_perm_ok), with
 * ssh's warning. A key others can read is no longer the owner's alone.
 */
public final class UnprotectedKeyFileException extends KeyFileException {

    private final String mode;

    public UnprotectedKeyFileException(String file, String mode) {
        super(file, "permissions " + mode + " are too open");
        this.mode = mode;
    }

    /** The file's permissions in octal, e.g. {@code 0644}. */
    public String mode() {
        return mode;
    }

    /** ssh(1)'s words, for a command-line tool to print. */
    public String warning() {
        return "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "@         WARNING: UNPROTECTED PRIVATE KEY FILE!          @\n"
                + "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
                + "Permissions " + mode + " for '" + file() + "' are too open.\n"
                + "It is required that your private key files are NOT accessible by others.\n"
                + "This private key will be ignored.";
    }
}
