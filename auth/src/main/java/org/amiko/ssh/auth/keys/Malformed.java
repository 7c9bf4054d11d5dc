package org.amiko.ssh.auth.keys;

/**
 * Internal: why the bytes of a key file cannot be a key. {@link PrivateKeyFiles} turns it into a
 * {@link KeyFileException} naming the file.
 */
final class Malformed extends Exception {

    Malformed(String reason) {
        super(reason, null, false, false);
    }
}
