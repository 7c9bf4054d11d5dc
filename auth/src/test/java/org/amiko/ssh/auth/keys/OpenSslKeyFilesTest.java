package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.amiko.ssh.transport.wire.SshReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key files made by the real {@code openssl} (OpenSSL 3, package openssl) in the forms ssh-keygen
 * does not write: legacy DEK-Info PEM with AES-192/256 and DES-EDE3, PKCS#8 under other PBES2
 * ciphers and PRFs, Ed25519 in PKCS#8. The public key is checked against {@code ssh-keygen -y}
 * (or, for Ed25519 PKCS#8, which ssh-keygen cannot read, against {@code openssl pkey -pubout}).
 */
class OpenSslKeyFilesTest {

    private static final String PASSPHRASE = "correct horse";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static Path rsa;
    static Path ec;

    @BeforeAll
    static void baseKeys() throws Exception {
        rsa = dir.resolve("rsa.pem");
        openssl("genrsa", "-out", rsa.toString(), "2048");
        ec = dir.resolve("ec.pem");
        openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", ec.toString());
        assertEquals("-----BEGIN EC PRIVATE KEY-----", KeygenFixtures.firstLine(ec));
    }

    /** The openssl binary; missing, the test fails with the install hint (never skips). */
    static String opensslBinary() {
        List<String> dirs = new ArrayList<>(List.of("/usr/bin"));
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(File.pathSeparator)));
        }
        for (String d : dirs) {
            Path candidate = Path.of(d.isEmpty() ? "." : d, "openssl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("openssl not found in " + dirs + ": install the Debian package openssl (apt-get install -y openssl)");
    }

    static String openssl(String... args) {
        List<String> argv = new ArrayList<>(List.of(opensslBinary()));
        argv.addAll(List.of(args));
        return Command.run(TIMEOUT, dir, null, argv).requireSuccess().stdout();
    }

    /** What ssh-keygen derives from the file: the public key OpenSSH sees. */
    static SshPublicKey sshKeygenPublicKey(Path file, String passphrase) throws Exception {
        String line = SshKeygen.run(dir, "-y", "-P", passphrase, "-f", file.toString()).strip();
        return PublicKeyFile.parse(line, "ssh-keygen -y").key();
    }

    static KeyPair read(Path file, String passphrase) throws Exception {
        return PrivateKeyFiles.read(file, PassphraseProvider.of(passphrase.toCharArray()));
    }

    @ParameterizedTest
    @CsvSource({
            "rsa, -aes128, AES-128-CBC", "rsa, -aes192, AES-192-CBC", "rsa, -aes256, AES-256-CBC", "rsa, -des3, DES-EDE3-CBC",
            "ec, -aes128, AES-128-CBC", "ec, -aes256, AES-256-CBC", "ec, -des3, DES-EDE3-CBC"})
    void legacyDekInfoPem(String kind, String cipherOption, String dekName) throws Exception {
        Path file = dir.resolve(kind + cipherOption + ".pem");
        Path base = kind.equals("rsa") ? rsa : ec;
        if (kind.equals("rsa")) {
            // OpenSSL 3's rsa command writes PKCS#8 unless told otherwise; its ec command writes SEC1 always
            openssl("rsa", "-in", base.toString(), cipherOption, "-traditional", "-passout", "pass:" + PASSPHRASE, "-out", file.toString());
        } else {
            openssl("ec", "-in", base.toString(), cipherOption, "-passout", "pass:" + PASSPHRASE, "-out", file.toString());
        }
        String text = Files.readString(file);
        assertTrue(text.contains("Proc-Type: 4,ENCRYPTED\nDEK-Info: " + dekName + ","), text);

        assertEquals(sshKeygenPublicKey(file, PASSPHRASE), SshPublicKey.of(read(file, PASSPHRASE).getPublic()));
        assertEquals(sshKeygenPublicKey(base, ""), SshPublicKey.of(read(base, "").getPublic()));
        assertThrows(WrongPassphraseException.class, () -> read(file, "correct horsf"));
    }

    @ParameterizedTest
    @CsvSource({
            "rsa, aes-256-cbc, hmacWithSHA512", "rsa, des3, hmacWithSHA1", "ec, aes-192-cbc, hmacWithSHA384",
            "ec, aes-128-cbc, hmacWithSHA224", "ec, aes-256-cbc, hmacWithSHA256"})
    void pkcs8UnderOtherPbes2Choices(String kind, String cipher, String prf) throws Exception {
        Path file = dir.resolve(kind + "-" + cipher + "-" + prf + ".p8");
        Path base = kind.equals("rsa") ? rsa : ec;
        openssl("pkcs8", "-topk8", "-in", base.toString(), "-v2", cipher, "-v2prf", prf, "-iter", "1000",
                "-passout", "pass:" + PASSPHRASE, "-out", file.toString());
        assertEquals("-----BEGIN ENCRYPTED PRIVATE KEY-----", KeygenFixtures.firstLine(file));
        assertEquals(sshKeygenPublicKey(file, PASSPHRASE), SshPublicKey.of(read(file, PASSPHRASE).getPublic()));
        assertThrows(WrongPassphraseException.class, () -> read(file, "correct horsf"));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ed25519InPkcs8(boolean encrypted) throws Exception {
        Path file = dir.resolve("ed25519" + (encrypted ? "-enc" : "") + ".p8");
        if (encrypted) {
            openssl("genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:" + PASSPHRASE, "-out", file.toString());
        } else {
            openssl("genpkey", "-algorithm", "ed25519", "-out", file.toString());
        }
        Path spki = dir.resolve(file.getFileName() + ".spki");
        openssl("pkey", "-in", file.toString(), "-passin", "pass:" + PASSPHRASE, "-pubout", "-outform", "DER", "-out", spki.toString());
        byte[] der = Files.readAllBytes(spki);
        byte[] expected = Arrays.copyOfRange(der, der.length - 32, der.length); // RFC 8410 §4: the key ends the SPKI

        KeyPair pair = read(file, PASSPHRASE);
        SshReader blob = SshReader.of(SshPublicKey.of(pair.getPublic()).blob());
        assertEquals(SshPublicKey.SSH_ED25519, blob.readUtf8());
        assertArrayEquals(expected, blob.readStringBytes());
        if (encrypted) {
            assertThrows(WrongPassphraseException.class, () -> read(file, "correct horsf"));
        }
    }

    @Test
    void sec1AfterAnEcParametersBlock() throws Exception {
        Path file = dir.resolve("ec-with-params.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", file.toString());
        assertEquals("-----BEGIN EC PARAMETERS-----", KeygenFixtures.firstLine(file));
        assertEquals(sshKeygenPublicKey(file, ""), SshPublicKey.of(read(file, "").getPublic()));
    }

    @Test
    void explicitCurveParametersAreRefusedByName() throws Exception {
        Path file = dir.resolve("ec-explicit.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-param_enc", "explicit", "-out", file.toString());
        KeyFileException e = assertThrows(KeyFileException.class, () -> read(file, ""));
        assertEquals("EC keys with explicit curve parameters are not supported; use a named curve", e.reason());
    }

    @Test
    void otherCurvesAndAlgorithmsAreRefusedByName() throws Exception {
        Path k1 = dir.resolve("secp256k1.pem");
        openssl("ecparam", "-name", "secp256k1", "-genkey", "-noout", "-out", k1.toString());
        assertEquals("unsupported EC curve 1.3.132.0.10 (SSH uses NIST P-256, P-384 and P-521)",
                assertThrows(KeyFileException.class, () -> read(k1, "")).reason());
        Path ed448 = dir.resolve("ed448.pem");
        openssl("genpkey", "-algorithm", "ed448", "-out", ed448.toString());
        assertEquals("unsupported key algorithm 1.3.101.113 (amiko reads Ed25519, ECDSA and RSA keys)",
                assertThrows(KeyFileException.class, () -> read(ed448, "")).reason());
    }

    @Test
    void pbes1AndScryptAreRefusedByName() throws Exception {
        Path pbes1 = dir.resolve("pbes1.p8");
        openssl("pkcs8", "-topk8", "-in", ec.toString(), "-v1", "PBE-SHA1-3DES", "-passout", "pass:" + PASSPHRASE, "-out", pbes1.toString());
        assertTrue(assertThrows(KeyFileException.class, () -> read(pbes1, PASSPHRASE)).reason()
                .startsWith("unsupported PKCS#8 encryption 1.2.840.113549.1.12.1.3"));
        Path scrypt = dir.resolve("scrypt.p8");
        openssl("pkcs8", "-topk8", "-in", ec.toString(), "-scrypt", "-passout", "pass:" + PASSPHRASE, "-out", scrypt.toString());
        assertEquals("unsupported PBES2 key derivation 1.3.6.1.4.1.11591.4.11 (amiko reads PBKDF2)",
                assertThrows(KeyFileException.class, () -> read(scrypt, PASSPHRASE)).reason());
    }
}
