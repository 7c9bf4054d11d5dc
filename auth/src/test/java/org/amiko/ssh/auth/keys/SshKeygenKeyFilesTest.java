package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.stream.Stream;
import org.amiko.ssh.auth.keys.KeygenFixtures.CountingProvider;
import org.amiko.ssh.auth.keys.KeygenFixtures.Format;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Private keys written by the real {@code ssh-keygen} (OpenSSH 9.x, package openssh-client), in
 * every format it writes, read by our code: the public key equals the {@code .pub} file's, the
 * key signs what the {@code .pub} key verifies, and a wrong passphrase is {@link
 * WrongPassphraseException}. The encrypted openssh-key-v1 cases check bcrypt_pbkdf against
 * ssh-keygen's.
 */
class SshKeygenKeyFilesTest {

    @TempDir
    static Path dir;
    static KeygenFixtures keys;

    @BeforeAll
    static void fixtures() {
        keys = new KeygenFixtures(dir);
    }

    static Stream<Arguments> everyTypeAndFormat() {
        return KeygenFixtures.KEY_TYPES.stream().flatMap(t -> Stream.of(Format.values()).map(f -> Arguments.of(t, f)));
    }

    static Stream<Arguments> everyTypeAndEncryptedFormat() {
        return everyTypeAndFormat().filter(a -> ((Format) a.get()[1]).encrypted);
    }

    /** What ssh-keygen 9.x writes: Ed25519 always in its own format, whatever -m says; RSA and ECDSA as asked. */
    private static String expectedFirstLine(KeyType type, Format format) {
        if (type == KeyType.ED25519 || format.mode == null) {
            return "-----BEGIN OPENSSH PRIVATE KEY-----";
        }
        if (format.mode.equals("PKCS8")) {
            return format.encrypted ? "-----BEGIN ENCRYPTED PRIVATE KEY-----" : "-----BEGIN PRIVATE KEY-----";
        }
        return type.type().equals("rsa") ? "-----BEGIN RSA PRIVATE KEY-----" : "-----BEGIN EC PRIVATE KEY-----";
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndFormat")
    void readsTheKeyAndSignsWhatThePubFileVerifies(KeyType type, Format format) throws Exception {
        Path file = keys.key(type, format);
        assertEquals(expectedFirstLine(type, format), KeygenFixtures.firstLine(file));
        if (format == Format.PEM_ENCRYPTED && type != KeyType.ED25519) {
            // ssh-keygen -m PEM -N encrypts the legacy way: DEK-Info, AES-128-CBC
            assertTrue(Files.readString(file).contains("DEK-Info: AES-128-CBC,"), "legacy encrypted PEM expected");
        }
        CountingProvider provider = new CountingProvider(KeygenFixtures.PASSPHRASE);
        KeyPair pair = PrivateKeyFiles.read(file, provider);
        assertEquals(format.encrypted ? 1 : 0, provider.asked.get(), "passphrase asked only for encrypted keys");

        PublicKeyFile pub = PublicKeyFile.read(PublicKeyFile.besides(file));
        assertEquals(type.keyName(), pub.key().keyType());
        assertEquals(pub.key(), SshPublicKey.of(pair.getPublic()));

        Signer signer = PrivateKeyFiles.signer(file, PassphraseProvider.of(KeygenFixtures.PASSPHRASE.toCharArray()));
        assertEquals(pub.key(), signer.publicKey());
        assertEquals(file.toString(), signer.description());
        byte[] data = ("data signed by " + file.getFileName()).getBytes(StandardCharsets.UTF_8);
        for (SignatureAlgorithm algorithm : signer.algorithms()) {
            Bytes signature = signer.sign(algorithm, data);
            assertTrue(algorithm.verify(pub.key(), data, signature), algorithm.wireName());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndEncryptedFormat")
    void aWrongPassphraseIsWrongPassphraseException(KeyType type, Format format) {
        Path file = keys.key(type, format);
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(file, PassphraseProvider.of(KeygenFixtures.WRONG.toCharArray())));
        assertEquals(file.toString(), e.file());
        assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(file, PassphraseProvider.of(new char[0])));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyTypeAndEncryptedFormat")
    void aCancelledPassphraseIsPassphraseCancelledException(KeyType type, Format format) {
        Path file = keys.key(type, format);
        CountingProvider cancel = new CountingProvider(null);
        assertThrows(PassphraseCancelledException.class, () -> PrivateKeyFiles.read(file, cancel));
        assertEquals(1, cancel.asked.get());
    }

    /** bcrypt_pbkdf at other round counts ({@code ssh-keygen -a}) and a passphrase beyond ASCII. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 33, 100})
    void bcryptPbkdfAgreesWithSshKeygenAtAnyRounds(int rounds) throws Exception {
        String passphrase = "pässphrase " + rounds;
        Path file = keys.key("ed25519-a" + rounds, "-t", "ed25519", "-a", Integer.toString(rounds), "-N", passphrase, "-C", "");
        KeyPair pair = PrivateKeyFiles.read(file, PassphraseProvider.of(passphrase.toCharArray()));
        assertEquals(PublicKeyFile.read(PublicKeyFile.besides(file)).key(), SshPublicKey.of(pair.getPublic()));
        assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(file, PassphraseProvider.of("passphrase".toCharArray())));
    }

    /** {@code ssh-keygen -Z}: the other ciphers OpenSSH can protect its keys with. */
    @ParameterizedTest
    @ValueSource(strings = {"aes128-ctr", "aes192-ctr", "aes256-ctr", "aes128-cbc", "aes256-cbc", "aes256-gcm@openssh.com"})
    void readsOtherOpenSshKeyCiphers(String cipher) throws Exception {
        Path file = keys.key("ecdsa-" + cipher, "-t", "ecdsa", "-Z", cipher, "-N", KeygenFixtures.PASSPHRASE);
        KeyPair pair = PrivateKeyFiles.read(file, PassphraseProvider.of(KeygenFixtures.PASSPHRASE.toCharArray()));
        assertEquals(PublicKeyFile.read(PublicKeyFile.besides(file)).key(), SshPublicKey.of(pair.getPublic()));
        assertThrows(WrongPassphraseException.class,
                () -> PrivateKeyFiles.read(file, PassphraseProvider.of(KeygenFixtures.WRONG.toCharArray())));
    }

    @Test
    void chaCha20ProtectedKeysAreRefusedByName() {
        Path file = keys.key("ed25519-chacha", "-t", "ed25519", "-Z", "chacha20-poly1305@openssh.com", "-N", KeygenFixtures.PASSPHRASE);
        KeyFileException e = assertThrows(KeyFileException.class,
                () -> PrivateKeyFiles.read(file, PassphraseProvider.of(KeygenFixtures.PASSPHRASE.toCharArray())));
        assertEquals("unsupported cipher \"chacha20-poly1305@openssh.com\"", e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"RFC4716", "PEM", "PKCS8"})
    void rsaUnder2048BitsIsRefusedWithAClearMessage(String mode) {
        // -m RFC4716 only changes how public keys are exported: the private key is openssh-key-v1
        Path file = keys.key("rsa1024-" + mode, "-t", "rsa", "-b", "1024", "-m", mode, "-N", "");
        KeyFileException e = assertThrows(KeyFileException.class, () -> PrivateKeyFiles.read(file, PassphraseProvider.none()));
        assertTrue(e.reason().startsWith("RSA key of 1024 bits refused: amiko requires at least 2048 bits"), e.reason());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    }

    @Test
    void rsa2048IsAccepted() throws Exception {
        Path file = keys.key("rsa2048", "-t", "rsa", "-b", "2048", "-N", "");
        KeyPair pair = PrivateKeyFiles.read(file, PassphraseProvider.none());
        assertEquals(PublicKeyFile.read(PublicKeyFile.besides(file)).key(), SshPublicKey.of(pair.getPublic()));
    }

    @Test
    void aPublicKeyFileGivenAsThePrivateKeyIsNamedAsSuch() {
        Path pub = PublicKeyFile.besides(keys.key(KeyType.ED25519, Format.OPENSSH));
        KeyFileException e = assertThrows(KeyFileException.class, () -> PrivateKeyFiles.read(pub, PassphraseProvider.none()));
        assertEquals("this is a public key (a .pub file), not a private key", e.reason());
    }
}
