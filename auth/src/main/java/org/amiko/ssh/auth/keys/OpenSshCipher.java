package org.amiko.ssh.auth.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ciphers of openssh-key-v1 files (OpenSSH PROTOCOL.key; names and sizes of OpenSSH's
 * {@code cipher.c}). ssh-keygen writes {@code aes256-ctr}; the others are read.
 */
enum OpenSshCipher {
    NONE("none", 8, 0, 0, 0, null),
    AES128_CTR("aes128-ctr", 16, 16, 16, 0, "AES/CTR/NoPadding"),
    AES192_CTR("aes192-ctr", 16, 24, 16, 0, "AES/CTR/NoPadding"),
    AES256_CTR("aes256-ctr", 16, 32, 16, 0, "AES/CTR/NoPadding"),
    AES128_CBC("aes128-cbc", 16, 16, 16, 0, "AES/CBC/NoPadding"),
    AES192_CBC("aes192-cbc", 16, 24, 16, 0, "AES/CBC/NoPadding"),
    AES256_CBC("aes256-cbc", 16, 32, 16, 0, "AES/CBC/NoPadding"),
    // RFC 5647 as OpenSSH uses it: 12-byte IV, the 16-byte tag after the encrypted string.
    AES256_GCM("aes256-gcm@openssh.com", 16, 32, 12, 16, "AES/GCM/NoPadding");

    final String wireName;
    final int blockSize;
    final int keyLength;
    final int ivLength;
    final int tagLength;
    private final String transformation;

    OpenSshCipher(String wireName, int blockSize, int keyLength, int ivLength, int tagLength, String transformation) {
        this.wireName = wireName;
        this.blockSize = blockSize;
        this.keyLength = keyLength;
        this.ivLength = ivLength;
        this.tagLength = tagLength;
        this.transformation = transformation;
    }

    static Optional<OpenSshCipher> find(String wireName) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(wireName)).findFirst();
    }

    /**
     * Encrypts or decrypts with {@code keyAndIv} (key, then IV, as bcrypt_pbkdf derives them).
     *
     * @return the output, or null when decryption's authentication tag does not match
     */
    byte[] apply(boolean encrypt, byte[] keyAndIv, byte[] input) {
        if (this == NONE) {
            return input.clone();
        }
        SecretKeySpec key = new SecretKeySpec(keyAndIv, 0, keyLength, "AES");
        byte[] iv = Arrays.copyOfRange(keyAndIv, keyLength, keyLength + ivLength);
        try {
            Cipher c = Cipher.getInstance(transformation);
            int mode = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            if (tagLength > 0) {
                c.init(mode, key, new GCMParameterSpec(8 * tagLength, iv));
            } else {
                c.init(mode, key, new IvParameterSpec(iv));
            }
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(transformation + " failed", e);
        } finally {
            Arrays.fill(iv, (byte) 0);
        }
    }
}
