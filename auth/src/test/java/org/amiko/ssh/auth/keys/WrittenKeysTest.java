package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.amiko.ssh.auth.keys.KeygenFixtures.Format;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.amiko.ssh.transport.wire.SshReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys we write are keys OpenSSH reads: {@code ssh-keygen -y -f FILE} (with {@code -P} when
 * encrypted) prints our {@code .pub} line. And our writer is ssh-keygen's writer: given the same
 * random check integer and salt, it reproduces ssh-keygen's files byte for byte.
 */
class WrittenKeysTest {

    private static final String PASSPHRASE = "pässphrase for amiko";

    @TempDir
    static Path dir;
    static KeygenFixtures keys;

    @BeforeAll
    static void fixtures() {
        keys = new KeygenFixtures(dir);
    }

    static Stream<Arguments> keyTypesPlainAndEncrypted() {
        return SshPublicKey.KEY_TYPES.stream().flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0} encrypted={1}")
    @MethodSource("keyTypesPlainAndEncrypted")
    void sshKeygenReadsWhatWeWrite(String keyType, boolean encrypted) throws Exception {
        KeyPair pair = PrivateKeyFiles.generate(keyType, new SecureRandom());
        Path file = dir.resolve("ours-" + keyType + (encrypted ? "-enc" : ""));
        String comment = "amiko@test " + keyType;
        PrivateKeyFiles.writeOpenSsh(file, pair, comment, encrypted ? PASSPHRASE.toCharArray() : null);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Path pub = PublicKeyFile.besides(file);
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(pub)));
        String pubLine = Files.readString(pub, StandardCharsets.UTF_8);
        assertTrue(pubLine.endsWith(" " + comment + "\n"), pubLine);

        String derived = sshKeygenY(file, encrypted ? PASSPHRASE : null).requireSuccess().stdout();
        assertEquals(pubLine, derived, "ssh-keygen -y prints our .pub line");

        KeyPair back = PrivateKeyFiles.read(file, PassphraseProvider.of(PASSPHRASE.toCharArray()));
        assertEquals(SshPublicKey.of(pair.getPublic()), SshPublicKey.of(back.getPublic()));
        assertEquals(SshPublicKey.of(pair.getPublic()), PublicKeyFile.read(pub).key());
        if (encrypted) {
            assertNotEquals(0, sshKeygenY(file, "not the passphrase").exitCode(), "ssh-keygen refuses a wrong passphrase");
            assertThrows(WrongPassphraseException.class,
                    () -> PrivateKeyFiles.read(file, PassphraseProvider.of("not the passphrase".toCharArray())));
        }
    }

    private static Command.Result sshKeygenY(Path file, String passphrase) {
        // -P is given even for plain keys ("" then), so that ssh-keygen never waits for a terminal.
        return SshKeygen.runWithInput(dir, null, "-y", "-P", passphrase == null ? "" : passphrase, "-f", file.toString());
    }

    @Test
    void anEmptyPassphraseWritesAnUnencryptedKey() throws Exception {
        KeyPair pair = PrivateKeyFiles.generate(SshPublicKey.SSH_ED25519, new SecureRandom());
        Path file = dir.resolve("empty-passphrase");
        PrivateKeyFiles.writeOpenSsh(file, pair, "", new char[0]);
        KeygenFixtures.CountingProvider provider = new KeygenFixtures.CountingProvider(null);
        PrivateKeyFiles.read(file, provider);
        assertEquals(0, provider.asked.get());
        assertTrue(Files.readString(PublicKeyFile.besides(file)).matches("ssh-ed25519 [A-Za-z0-9+/=]+\n"));
    }

    @Test
    void writingReplacesAnExistingFile() throws Exception {
        Path file = dir.resolve("replaced");
        PrivateKeyFiles.writeOpenSsh(file, PrivateKeyFiles.generate(SshPublicKey.SSH_ED25519, new SecureRandom()), "one", null);
        KeyPair second = PrivateKeyFiles.generate(SshPublicKey.ECDSA_SHA2_NISTP256, new SecureRandom());
        PrivateKeyFiles.writeOpenSsh(file, second, "two", null);
        assertEquals(SshPublicKey.of(second.getPublic()),
                SshPublicKey.of(PrivateKeyFiles.read(file, PassphraseProvider.none()).getPublic()));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(), left.filter(p -> p.getFileName().toString().startsWith(".amiko-key-")).toList());
        }
    }

    static Stream<Arguments> sshKeygenFiles() {
        return KeygenFixtures.KEY_TYPES.stream().flatMap(t -> Stream.of(
                Arguments.of(t, Format.OPENSSH), Arguments.of(t, Format.OPENSSH_ENCRYPTED)));
    }

    /**
     * Byte-exact: ssh-keygen's openssh-key-v1 file, decoded, and encoded again with its random
     * parts (check integer, salt) and comment, is the same file, armor and line breaks included.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sshKeygenFiles")
    void reencodingSshKeygenFilesGivesTheSameBytes(KeyType type, Format format) throws Exception {
        Path file = keys.key(type, format);
        String original = Files.readString(file, StandardCharsets.US_ASCII);
        byte[] body = Pem.parse(original).get(0).body();
        byte[] passphrase = KeygenFixtures.PASSPHRASE.getBytes(StandardCharsets.UTF_8);

        // The random parts, read field by field (PROTOCOL.key).
        SshReader r = new SshReader(body, 15, body.length - 15);
        OpenSshCipher cipher = OpenSshCipher.find(r.readUtf8()).orElseThrow();
        String kdf = r.readUtf8();
        SshReader kdfOptions = new SshReader(r.readStringBytes());
        assertEquals(1, r.readUint32());
        r.readString();
        byte[] section = r.readStringBytes();
        byte[] salt = null;
        int rounds = 0;
        if (format.encrypted) {
            assertEquals(OpenSshCipher.AES256_CTR, cipher);
            assertEquals("bcrypt", kdf);
            salt = kdfOptions.readStringBytes();
            rounds = (int) kdfOptions.readUint32();
            assertEquals(OpenSshKeyV1.SALT_BYTES, salt.length);
            assertEquals(OpenSshKeyV1.DEFAULT_ROUNDS, rounds);
            byte[] keyAndIv = BcryptPbkdf.derive(passphrase, salt, rounds, 48);
            section = cipher.apply(false, keyAndIv, section);
        } else {
            assertEquals(OpenSshCipher.NONE, cipher);
            assertEquals("none", kdf);
        }
        int checkInt = (int) new SshReader(section).readUint32();

        OpenSshKeyV1.Contents contents = OpenSshKeyV1.decode(body,
                new KeySource(file.toString(), PassphraseProvider.of(KeygenFixtures.PASSPHRASE.toCharArray())));
        assertEquals("amiko " + file.getFileName(), contents.comment());
        byte[] again = OpenSshKeyV1.encode(contents.pair(), contents.comment(), checkInt, cipher, salt, rounds, passphrase);
        assertArrayEquals(body, again, () -> "differs at byte " + Arrays.mismatch(body, again));
        assertEquals(original, OpenSshKeyV1.armor(again));
    }
}
