package org.amiko.ssh.auth.keys;

import org.amiko.ssh.transport.SshException;

/** A key file that cannot be used: malformed, of an unsupported format or key type; says which file and why. */
public class KeyFileException extends SshException {

    private final String file;
    private final String reason;

    public KeyFileException(String file, String reason) {
        super(file + ": " + reason);
        this.file = file;
        this.reason = reason;
    }

    public KeyFileException(String file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file (or the name given for content parsed from memory). */
    public String file() {
        return file;
    }

    /** Why it cannot be used, without the file name. */
    public String reason() {
        return reason;
    }
}
