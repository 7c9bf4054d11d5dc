package org.amiko.ssh.auth.keys;

import java.io.IOException;

/**
 * Supplies the passphrase of an encrypted private key file, typically by asking the user. It is
 * called only for keys that are encrypted, once per attempt.
 *
 * <p>The caller takes the returned array and wipes it (fills it with zeros) once the key is
 * decrypted; return a fresh array each time.
 */
@FunctionalInterface
public interface PassphraseProvider {

    /**
     * The passphrase for a key.
     *
     * @param keyDescription what the key is, for a prompt (the file name)
     * @return the passphrase, or null when the user cancelled
     */
    char[] passphrase(String keyDescription) throws IOException;

    /** A provider for unencrypted keys only: any encrypted key ends in {@link PassphraseCancelledException}. */
    static PassphraseProvider none() {
        return description -> null;
    }

    /** Always answers a copy of {@code passphrase} (copied now, so the caller may wipe its array). */
    static PassphraseProvider of(char[] passphrase) {
        char[] copy = passphrase.clone();
        return description -> copy.clone();
    }
}
