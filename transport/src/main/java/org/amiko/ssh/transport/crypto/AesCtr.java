package org.amiko.ssh.transport.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * aes128-ctr, aes192-ctr, aes256-ctr (RFC 4344 §4): AES in counter mode over the whole stream,
 * the counter starting at the derived IV. The JDK's JCA provides the cipher.
 */
final class AesCtr implements StreamCipher {

    private final Cipher cipher;
    // The JDK copies the input of an in-place update (an allocation per packet); going through a
    // reused scratch array costs one memory copy instead.
    private byte[] scratch = new byte[0];

    /** Uses {@code key[0, keyLength)} and {@code iv[0, 16)}. */
    AesCtr(byte[] key, int keyLength, byte[] iv, boolean encrypt) {
        try {
            cipher = Cipher.getInstance("AES/CTR/NoPadding");
            cipher.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE,
                    new SecretKeySpec(key, 0, keyLength, "AES"), new IvParameterSpec(iv, 0, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CTR is not available in this JDK", e);
        }
    }

    @Override
    public int blockSize() {
        return 16;
    }

    @Override
    public void apply(byte[] buf, int off, int len) {
        try {
            if (scratch.length < len) {
                scratch = new byte[Math.max(len, 1024)];
            }
            int n = cipher.update(buf, off, len, scratch, 0);
            if (n != len) {
                throw new IllegalStateException("AES/CTR produced " + n + " of " + len + " bytes");
            }
            System.arraycopy(scratch, 0, buf, off, len);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
