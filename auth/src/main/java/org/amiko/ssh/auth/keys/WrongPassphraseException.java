package org.amiko.ssh.auth.keys;

/**
 * The passphrase does not decrypt the key: OpenSSH's check integers differ, or the PEM or PKCS#8
 * ciphertext does not decrypt to a key. Asking again may help; the file itself looked sound.
 */
public final class WrongPassphraseException extends KeyFileException {

    public WrongPassphraseException(String file) {
        super(file, "wrong passphrase (or the encrypted key is corrupt)");
    }
}
