package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;

/**
 * OpenSSL's legacy encrypted PEM (RFC 1421 §4.6.1.1 {@code Proc-Type: 4,ENCRYPTED}, §4.6.1.3
 * {@code DEK-Info: ALGORITHM,IV}), which {@code ssh-keygen -m PEM -N} and {@code openssl rsa
 * -aes256} write: CBC with PKCS#7 padding under a key from OpenSSL's {@code EVP_BytesToKey} (MD5,
 * one iteration, salt = the first 8 bytes of the IV).
 */
final class LegacyPemEncryption {

    private enum Algorithm {
        AES_128_CBC("AES-128-CBC", "AES", 16, 16),
        AES_192_CBC("AES-192-CBC", "AES", 24, 16),
        AES_256_CBC("AES-256-CBC", "AES", 32, 16),
        DES_EDE3_CBC("DES-EDE3-CBC", "DESede", 24, 8);

        final String dekName;
        final String jcaName;
        final int keyLength;
        final int ivLength;

        Algorithm(String dekName, String jcaName, int keyLength, int ivLength) {
            this.dekName = dekName;
            this.jcaName = jcaName;
            this.keyLength = keyLength;
            this.ivLength = ivLength;
        }
    }

    private LegacyPemEncryption() {
    }

    static boolean isEncrypted(Map<String, String> headers) {
        return headers.containsKey("Proc-Type") || headers.containsKey("DEK-Info");
    }

    static byte[] decrypt(Map<String, String> headers, byte[] body, KeySource source) throws Malformed, IOException {
        String procType = headers.get("Proc-Type");
        String dekInfo = headers.get("DEK-Info");
        if (!"4,ENCRYPTED".equals(procType) || dekInfo == null) {
            throw new Malformed("PEM headers are not Proc-Type: 4,ENCRYPTED with a DEK-Info");
        }
        int comma = dekInfo.indexOf(',');
        String name = comma < 0 ? dekInfo : dekInfo.substring(0, comma);
        Algorithm algorithm = Arrays.stream(Algorithm.values()).filter(a -> a.dekName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new Malformed("unsupported PEM encryption \"" + Printable.of(name)
                        + "\" (amiko reads AES-128/192/256-CBC and DES-EDE3-CBC)"));
        byte[] iv;
        try {
            iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).strip());
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw new Malformed("DEK-Info IV is not hexadecimal");
        }
        if (comma < 0 || iv.length != algorithm.ivLength) {
            throw new Malformed("DEK-Info IV of " + (comma < 0 ? 0 : iv.length) + " bytes for " + algorithm.dekName);
        }
        if (body.length == 0 || body.length % algorithm.ivLength != 0) {
            throw new Malformed("encrypted PEM body of " + body.length + " bytes is not whole blocks");
        }
        byte[] passphrase = source.passphraseUtf8();
        byte[] key = bytesToKey(passphrase, Arrays.copyOf(iv, 8), algorithm.keyLength);
        try {
            return CbcDecryption.decrypt(algorithm.jcaName, key, iv, body, source);
        } finally {
            Arrays.fill(passphrase, (byte) 0);
            Arrays.fill(key, (byte) 0);
        }
    }

    /** OpenSSL's EVP_BytesToKey with MD5 and one iteration: D_i = MD5(D_{i-1} || passphrase || salt), key = D_1 || D_2 ... */
    static byte[] bytesToKey(byte[] passphrase, byte[] salt, int keyLength) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] key = new byte[keyLength];
            byte[] previous = new byte[0];
            for (int filled = 0; filled < keyLength; ) {
                md5.update(previous);
                md5.update(passphrase);
                md5.update(salt);
                Arrays.fill(previous, (byte) 0);
                previous = md5.digest();
                int n = Math.min(previous.length, keyLength - filled);
                System.arraycopy(previous, 0, key, filled, n);
                filled += n;
            }
            Arrays.fill(previous, (byte) 0);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available in this JDK", e);
        }
    }
}
