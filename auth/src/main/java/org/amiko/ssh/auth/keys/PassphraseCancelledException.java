package org.amiko.ssh.auth.keys;

/** The key is encrypted and the {@link PassphraseProvider} gave no passphrase (the user cancelled). */
public final class PassphraseCancelledException extends KeyFileException {

    public PassphraseCancelledException(String file) {
        super(file, "the key is encrypted and no passphrase was given");
    }
}
