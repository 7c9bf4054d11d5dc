package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code ENCRYPTED PRIVATE KEY}: PKCS#8 EncryptedPrivateKeyInfo (RFC 5208 §6) with PBES2 and
 * PBKDF2 (RFC 8018 §6.2, §5.2, §A.2, §A.4), what OpenSSL 3 and {@code ssh-keygen -m PKCS8 -N}
 * write (PBKDF2-HMAC-SHA256, AES-128-CBC or AES-256-CBC). The parameters are read here and the
 * JCA does the PBKDF2 and the cipher: the JDK's own PBES2 support through {@code
 * EncryptedPrivateKeyInfo} depends on the JDK release and fails on some OpenSSL outputs.
 */
final class Pkcs8Encryption {

    // RFC 8018 §A.2, §A.4, §B.1.2, §B.2.2, §B.2.5; NIST CSOR for AES
    private static final String OID_PBES2 = "1.2.840.113549.1.5.13";
    private static final String OID_PBKDF2 = "1.2.840.113549.1.5.12";
    private static final String OID_HMAC_SHA1 = "1.2.840.113549.2.7";
    private static final Map<String, String> PRFS = Map.of(
            OID_HMAC_SHA1, "PBKDF2WithHmacSHA1",
            "1.2.840.113549.2.8", "PBKDF2WithHmacSHA224",
            "1.2.840.113549.2.9", "PBKDF2WithHmacSHA256",
            "1.2.840.113549.2.10", "PBKDF2WithHmacSHA384",
            "1.2.840.113549.2.11", "PBKDF2WithHmacSHA512");

    private record Scheme(String jcaName, int keyLength, int ivLength) {
    }

    private static final Map<String, Scheme> SCHEMES = Map.of(
            "2.16.840.1.101.3.4.1.2", new Scheme("AES", 16, 16),
            "2.16.840.1.101.3.4.1.22", new Scheme("AES", 24, 16),
            "2.16.840.1.101.3.4.1.42", new Scheme("AES", 32, 16),
            "1.2.840.113549.3.7", new Scheme("DESede", 24, 8));

    /** A bound on PBKDF2 iterations against hostile files; OpenSSL writes 2048, careful tools a few hundred thousand. */
    static final int MAX_ITERATIONS = 10_000_000;

    private Pkcs8Encryption() {
    }

    /** The PrivateKeyInfo DER inside; a wrong passphrase is {@link WrongPassphraseException}. */
    static byte[] decrypt(byte[] der, KeySource source) throws Malformed, IOException {
        Der info = Der.of(der).sequence("EncryptedPrivateKeyInfo");
        Der algorithm = info.sequence("encryption algorithm");
        byte[] encrypted = info.octetString("encrypted data");
        info.end("EncryptedPrivateKeyInfo");
        String oid = algorithm.oid("encryption algorithm");
        if (!OID_PBES2.equals(oid)) {
            throw new Malformed("unsupported PKCS#8 encryption " + oid + " (amiko reads PBES2 with PBKDF2)");
        }
        // RFC 8018 §A.4: PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme }
        Der params = algorithm.sequence("PBES2 parameters");
        algorithm.end("PBES2 algorithm");
        Der kdf = params.sequence("key derivation function");
        Der scheme = params.sequence("encryption scheme");
        params.end("PBES2 parameters");

        String kdfOid = kdf.oid("key derivation function");
        if (!OID_PBKDF2.equals(kdfOid)) {
            throw new Malformed("unsupported PBES2 key derivation " + kdfOid + " (amiko reads PBKDF2)");
        }
        // RFC 8018 §A.2: salt OCTET STRING, iterationCount, keyLength OPTIONAL, prf DEFAULT hmacWithSHA1
        Der pbkdf2 = kdf.sequence("PBKDF2 parameters");
        kdf.end("PBKDF2 algorithm");
        byte[] salt = pbkdf2.octetString("PBKDF2 salt");
        int iterations = pbkdf2.smallInteger("PBKDF2 iteration count", MAX_ITERATIONS);
        int keyLength = -1;
        if (pbkdf2.peekTag() == Der.INTEGER) {
            keyLength = pbkdf2.smallInteger("PBKDF2 key length", 64);
        }
        String prfOid = OID_HMAC_SHA1;
        if (pbkdf2.hasMore()) {
            Der prf = pbkdf2.sequence("PBKDF2 PRF");
            prfOid = prf.oid("PBKDF2 PRF");
            if (prf.hasMore()) {
                prf.nullValue("PRF parameters");
            }
            prf.end("PBKDF2 PRF");
        }
        pbkdf2.end("PBKDF2 parameters");
        String prfName = PRFS.get(prfOid);
        if (prfName == null) {
            throw new Malformed("unsupported PBKDF2 PRF " + prfOid);
        }
        if (iterations < 1 || salt.length == 0) {
            throw new Malformed("PBKDF2 with " + iterations + " iterations and a salt of " + salt.length + " bytes");
        }

        String schemeOid = scheme.oid("encryption scheme");
        Scheme cipher = SCHEMES.get(schemeOid);
        if (cipher == null) {
            throw new Malformed("unsupported PBES2 cipher " + schemeOid + " (amiko reads AES-CBC and DES-EDE3-CBC)");
        }
        byte[] iv = scheme.octetString("IV");
        scheme.end("encryption scheme");
        if (iv.length != cipher.ivLength || (keyLength != -1 && keyLength != cipher.keyLength)) {
            throw new Malformed("PBES2 IV or key length does not fit the cipher");
        }
        if (encrypted.length == 0 || encrypted.length % cipher.ivLength != 0) {
            throw new Malformed("encrypted key of " + encrypted.length + " bytes is not whole blocks");
        }
        return decrypt(source, prfName, salt, iterations, cipher, iv, encrypted);
    }

    private static byte[] decrypt(KeySource source, String prfName, byte[] salt, int iterations, Scheme cipher,
                                  byte[] iv, byte[] encrypted) throws IOException {
        char[] passphrase = source.passphrase();
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 8 * cipher.keyLength);
        Arrays.fill(passphrase, '\0');
        byte[] key = null;
        try {
            key = SecretKeyFactory.getInstance(prfName).generateSecret(spec).getEncoded();
            return CbcDecryption.decrypt(cipher.jcaName, key, iv, encrypted, source);
        } catch (java.security.spec.InvalidKeySpecException e) {
            // The JDK's PBKDF2 refuses some passphrases (an empty one); none of them decrypts this key.
            throw source.wrongPassphrase();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(prfName + " or " + cipher.jcaName + "/CBC is not available in this JDK", e);
        } finally {
            spec.clearPassword();
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
    }
}
