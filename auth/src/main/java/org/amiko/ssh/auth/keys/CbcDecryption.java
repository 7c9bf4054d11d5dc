package org.amiko.ssh.auth.keys;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The last step both encrypted PEM forms share (PKCS#8 PBES2, RFC 8018 §6.2; legacy DEK-Info): CBC
 * with PKCS#5 padding, where bad padding or a body that is not one DER SEQUENCE means a wrong
 * passphrase.
 */
final class CbcDecryption {

    private CbcDecryption() {
    }

    /** Decrypts {@code body} with {@code jcaName}/CBC; the caller wipes {@code key}. */
    static byte[] decrypt(String jcaName, byte[] key, byte[] iv, byte[] body, KeySource source) throws WrongPassphraseException {
        try {
            Cipher c = Cipher.getInstance(jcaName + "/CBC/PKCS5Padding");
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, jcaName), new IvParameterSpec(iv));
            byte[] der = c.doFinal(body);
            if (!Der.isOneSequence(der)) {
                Arrays.fill(der, (byte) 0);
                throw source.wrongPassphrase();
            }
            return der;
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw source.wrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + "/CBC is not available in this JDK", e);
        }
    }
}
