package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.Arrays;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * OpenSSH's own private key format, openssh-key-v1 (OpenSSH PROTOCOL.key), read and written:
 *
 * <pre>
 * byte[]  "openssh-key-v1\0"
 * string  ciphername          "none" or "aes256-ctr" (see {@link OpenSshCipher})
 * string  kdfname             "none" or "bcrypt"
 * string  kdfoptions          "" or (string salt, uint32 rounds)
 * uint32  number of keys      1
 * string  public key blob
 * string  private section     encrypted when ciphername is not "none"
 *
 * private section:
 * uint32  checkint            random; the same value twice, so that a wrong passphrase shows
 * uint32  checkint
 * string  key type, then the private fields of that type, then string comment
 * byte[]  padding             1, 2, 3, ... up to the cipher's block size
 * </pre>
 */
final class OpenSshKeyV1 {

    static final String PEM_LABEL = "OPENSSH PRIVATE KEY";
    /** ssh-keygen's base64 line width for this format. */
    static final int LINE_WIDTH = 70;
    /** ssh-keygen's defaults: {@code -a 16}, a 16-byte salt, aes256-ctr. */
    static final int DEFAULT_ROUNDS = 16;
    static final int SALT_BYTES = 16;
    static final OpenSshCipher DEFAULT_CIPHER = OpenSshCipher.AES256_CTR;
    /** A bound on bcrypt rounds, so that a hostile file cannot keep us busy for hours (each round costs milliseconds). */
    static final int MAX_ROUNDS = 10_000;
    static final int MAX_SALT_BYTES = 1024;

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);
    private static final String KDF_NONE = "none";
    private static final String KDF_BCRYPT = "bcrypt";

    /** What a file holds. */
    record Contents(KeyPair pair, String comment) {
    }

    private OpenSshKeyV1() {
    }

    // ---- reading

    static Contents decode(byte[] body, KeySource source) throws Malformed, IOException {
        if (body.length < MAGIC.length || !Arrays.equals(MAGIC, Arrays.copyOf(body, MAGIC.length))) {
            throw new Malformed("not an openssh-key-v1 key (bad magic)");
        }
        try {
            SshReader r = new SshReader(body, MAGIC.length, body.length - MAGIC.length);
            String cipherName = r.readUtf8();
            String kdfName = r.readUtf8();
            byte[] kdfOptions = r.readStringBytes();
            long keys = r.readUint32();
            if (keys != 1) {
                throw new Malformed("holds " + keys + " keys; openssh-key-v1 files hold exactly one");
            }
            SshPublicKey publicKey = publicKey(r.readString());
            byte[] encrypted = r.readStringBytes();
            OpenSshCipher cipher = OpenSshCipher.find(cipherName)
                    .orElseThrow(() -> new Malformed("unsupported cipher \"" + Printable.of(cipherName) + "\""));
            byte[] tag = r.readRaw(cipher.tagLength);
            r.ensureEnd();
            if (encrypted.length % cipher.blockSize != 0) {
                throw new Malformed("private section of " + encrypted.length + " bytes is not a multiple of "
                        + cipher.blockSize);
            }
            byte[] plain = decrypt(cipher, kdfName, kdfOptions, encrypted, tag, source);
            try {
                return privateSection(plain, cipher, publicKey, source);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        } catch (ProtocolException e) {
            throw new Malformed("malformed openssh-key-v1 key: " + e.getMessage());
        }
    }

    private static SshPublicKey publicKey(Bytes blob) throws Malformed {
        try {
            return SshPublicKey.decode(blob);
        } catch (ProtocolException e) {
            throw new Malformed("public key: " + e.getMessage());
        }
    }

    private static byte[] decrypt(OpenSshCipher cipher, String kdfName, byte[] kdfOptions, byte[] encrypted,
                                  byte[] tag, KeySource source) throws Malformed, ProtocolException, IOException {
        if (cipher == OpenSshCipher.NONE) {
            if (!KDF_NONE.equals(kdfName) || kdfOptions.length != 0) {
                throw new Malformed("unencrypted key with kdf \"" + Printable.of(kdfName) + "\"");
            }
            return encrypted.clone();
        }
        if (!KDF_BCRYPT.equals(kdfName)) {
            throw new Malformed("unsupported kdf \"" + Printable.of(kdfName) + "\"");
        }
        // PROTOCOL.key: kdfoptions of bcrypt are string salt, uint32 rounds.
        SshReader options = new SshReader(kdfOptions);
        byte[] salt = options.readStringBytes();
        long rounds = options.readUint32();
        options.ensureEnd();
        if (salt.length == 0 || salt.length > MAX_SALT_BYTES) {
            throw new Malformed("bcrypt salt of " + salt.length + " bytes");
        }
        if (rounds < 1 || rounds > MAX_ROUNDS) {
            throw new Malformed("bcrypt rounds " + rounds + " outside 1.." + MAX_ROUNDS);
        }
        byte[] passphrase = source.passphraseUtf8();
        byte[] keyAndIv = BcryptPbkdf.derive(passphrase, salt, (int) rounds, cipher.keyLength + cipher.ivLength);
        byte[] input = concat(encrypted, tag);
        try {
            byte[] plain = cipher.apply(false, keyAndIv, input);
            if (plain == null) {
                throw source.wrongPassphrase();
            }
            return plain;
        } finally {
            Arrays.fill(passphrase, (byte) 0);
            Arrays.fill(keyAndIv, (byte) 0);
        }
    }

    private static Contents privateSection(byte[] plain, OpenSshCipher cipher, SshPublicKey publicKey, KeySource source)
            throws Malformed, ProtocolException, WrongPassphraseException {
        SshReader r = new SshReader(plain);
        long check1 = r.readUint32();
        long check2 = r.readUint32();
        if (check1 != check2) {
            if (cipher != OpenSshCipher.NONE) {
                throw source.wrongPassphrase();
            }
            throw new Malformed("check integers differ in an unencrypted key");
        }
        String keyType = r.readUtf8();
        if (!keyType.equals(publicKey.keyType())) {
            throw new Malformed("private key of type " + Printable.of(keyType) + " under a " + publicKey.keyType() + " public key");
        }
        KeyPair pair = privateFields(keyType, r);
        String comment = new String(r.readStringBytes(), StandardCharsets.UTF_8);
        // PROTOCOL.key: padding bytes are 1, 2, 3, ... and fill less than one block.
        int padding = r.remaining();
        if (padding >= cipher.blockSize) {
            throw new Malformed(padding + " bytes after the key: more than one block of padding");
        }
        for (int i = 1; i <= padding; i++) {
            if (r.readByte() != i) {
                throw new Malformed("padding is not 1, 2, 3, ...");
            }
        }
        if (!SshPublicKey.of(pair.getPublic()).equals(publicKey)) {
            throw new Malformed("the public key does not match the private key");
        }
        return new Contents(pair, comment);
    }

    /** The private fields of each key type (OpenSSH sshkey.c, sshkey_private_serialize). */
    private static KeyPair privateFields(String keyType, SshReader r) throws Malformed, ProtocolException {
        if (SshPublicKey.SSH_ED25519.equals(keyType)) {
            // string ENC(A), string k || ENC(A)  (RFC 8032 §5.1.5 seed k, public key A)
            byte[] pk = r.readStringBytes();
            byte[] sk = r.readStringBytes();
            if (pk.length != 32 || sk.length != 64 || !Arrays.equals(pk, Arrays.copyOfRange(sk, 32, 64))) {
                throw new Malformed("malformed ssh-ed25519 private key");
            }
            byte[] seed = Arrays.copyOf(sk, 32);
            try {
                return JcaKeys.ed25519(seed, pk);
            } finally {
                Arrays.fill(seed, (byte) 0);
                Arrays.fill(sk, (byte) 0);
            }
        }
        if (SshPublicKey.SSH_RSA.equals(keyType)) {
            // mpint n, mpint e, mpint d, mpint iqmp, mpint p, mpint q
            BigInteger n = r.readPositiveMpint();
            BigInteger e = r.readPositiveMpint();
            BigInteger d = r.readPositiveMpint();
            r.readPositiveMpint(); // iqmp: recomputed from p and q
            BigInteger p = r.readPositiveMpint();
            BigInteger q = r.readPositiveMpint();
            return JcaKeys.rsa(n, e, d, p, q);
        }
        EcCurves curve = EcCurves.byKeyType(keyType)
                .orElseThrow(() -> new Malformed("unsupported key type \"" + Printable.of(keyType) + "\""));
        // RFC 5656 §3.1 public part (string identifier, string Q), then mpint d
        String identifier = r.readUtf8();
        if (!curve.identifier.equals(identifier)) {
            throw new Malformed(keyType + " private key names curve \"" + Printable.of(identifier) + "\"");
        }
        byte[] q = r.readStringBytes();
        BigInteger d = r.readPositiveMpint();
        return JcaKeys.ec(curve, d, q);
    }

    // ---- writing

    /**
     * The file content of a key pair, as ssh-keygen writes it: unencrypted when {@code passphrase}
     * is null or empty, else bcrypt_pbkdf with {@value #DEFAULT_ROUNDS} rounds and aes256-ctr.
     */
    static String write(KeyPair pair, String comment, char[] passphrase, SecureRandom random) {
        int checkInt = random.nextInt();
        if (passphrase == null || passphrase.length == 0) {
            return armor(encode(pair, comment, checkInt, OpenSshCipher.NONE, null, 0, null));
        }
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] utf8 = KeySource.utf8(passphrase);
        try {
            return armor(encode(pair, comment, checkInt, DEFAULT_CIPHER, salt, DEFAULT_ROUNDS, utf8));
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    static String armor(byte[] body) {
        return Pem.encode(PEM_LABEL, body, LINE_WIDTH);
    }

    /** The binary form; {@code salt}, {@code rounds} and {@code passphrase} are ignored for {@link OpenSshCipher#NONE}. */
    static byte[] encode(KeyPair pair, String comment, int checkInt, OpenSshCipher cipher, byte[] salt, int rounds,
                         byte[] passphrase) {
        SshPublicKey publicKey = SshPublicKey.of(pair.getPublic());
        SshWriter section = new SshWriter(4096);
        section.writeUint32(checkInt).writeUint32(checkInt);
        section.writeUtf8(publicKey.keyType());
        writePrivateFields(publicKey, pair.getPrivate(), section);
        section.writeUtf8(comment);
        for (int i = 1; section.size() % cipher.blockSize != 0; i++) {
            section.writeByte(i);
        }
        byte[] plain = section.toByteArray();
        Arrays.fill(section.array(), (byte) 0);

        SshWriter out = new SshWriter(plain.length + 512);
        out.writeRaw(MAGIC).writeUtf8(cipher.wireName);
        byte[] sealed;
        if (cipher == OpenSshCipher.NONE) {
            out.writeUtf8(KDF_NONE).writeString(new byte[0]);
            sealed = plain;
        } else {
            out.writeUtf8(KDF_BCRYPT).writeString(new SshWriter().writeString(salt).writeUint32(rounds).toByteArray());
            byte[] keyAndIv = BcryptPbkdf.derive(passphrase, salt, rounds, cipher.keyLength + cipher.ivLength);
            sealed = cipher.apply(true, keyAndIv, plain);
            Arrays.fill(keyAndIv, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
        int encryptedLength = sealed.length - cipher.tagLength;
        out.writeUint32(1).writeString(publicKey.blob());
        out.writeString(sealed, 0, encryptedLength).writeRaw(sealed, encryptedLength, cipher.tagLength);
        Arrays.fill(sealed, (byte) 0);
        return out.toByteArray();
    }

    private static void writePrivateFields(SshPublicKey publicKey, PrivateKey key, SshWriter w) {
        SshReader pub = SshReader.of(publicKey.blob());
        try {
            pub.readUtf8();
            switch (publicKey.keyType()) {
                case SshPublicKey.SSH_ED25519 -> {
                    byte[] a = pub.readStringBytes();
                    byte[] seed = ((EdECPrivateKey) key).getBytes()
                            .orElseThrow(() -> new IllegalArgumentException("Ed25519 private key without its seed"));
                    byte[] sk = concat(seed, a);
                    w.writeString(a).writeString(sk);
                    Arrays.fill(seed, (byte) 0);
                    Arrays.fill(sk, (byte) 0);
                }
                case SshPublicKey.SSH_RSA -> {
                    if (!(key instanceof RSAPrivateCrtKey rsa)) {
                        throw new IllegalArgumentException("an RSA private key without its CRT values cannot be saved");
                    }
                    w.writeMpint(rsa.getModulus()).writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getPrivateExponent())
                            .writeMpint(rsa.getCrtCoefficient()).writeMpint(rsa.getPrimeP()).writeMpint(rsa.getPrimeQ());
                }
                default -> {
                    String identifier = pub.readUtf8();
                    byte[] q = pub.readStringBytes();
                    w.writeUtf8(identifier).writeString(q).writeMpint(((ECPrivateKey) key).getS());
                }
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("our own public key blob is unreadable", e);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("the private key is not a " + publicKey.keyType() + " key", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
