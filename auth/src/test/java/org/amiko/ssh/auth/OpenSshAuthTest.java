package org.amiko.ssh.auth;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.keys.Signer;
import org.amiko.ssh.auth.keys.WrongPassphraseException;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publickey authentication against a real OpenSSH sshd with keys that ssh-keygen wrote in each
 * file format, plain and encrypted; an RSA key against a server that accepts only rsa-sha2-256;
 * keys we wrote ourselves; and the clear failures (a key sshd does not know, a wrong passphrase).
 */
class OpenSshAuthTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String USER = System.getProperty("user.name");
    private static final String PASSPHRASE = "correct horse";

    @TempDir
    static Path dir;
    private static Path authorized;
    private static OpenSshd sshd;
    private static final List<Path> KEYS = new ArrayList<>();

    /** type, bits, ssh-keygen format option (null: openssh-key-v1), encrypted */
    private static final Object[][] FILES = {
        {"ed25519", 0, null, false}, {"ed25519", 0, null, true},
        {"ecdsa", 256, null, true}, {"ecdsa", 384, "PEM", false}, {"ecdsa", 521, "PKCS8", true},
        {"rsa", 3072, null, true}, {"rsa", 3072, "PEM", true}, {"rsa", 3072, "PKCS8", false},
    };

    @BeforeAll
    static void keysAndSshd() throws IOException {
        authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, "");
        for (Object[] f : FILES) {
            Path key = dir.resolve(f[0] + "-" + f[1] + "-" + f[2] + "-" + f[3]);
            List<String> args = new ArrayList<>(List.of("-q", "-t", (String) f[0], "-N", (Boolean) f[3] ? PASSPHRASE : "", "-f", key.toString()));
            if ((Integer) f[1] > 0) {
                args.addAll(List.of("-b", f[1].toString()));
            }
            if (f[2] != null) {
                args.addAll(List.of("-m", (String) f[2]));
            }
            SshKeygen.run(dir, args.toArray(String[]::new));
            Files.writeString(authorized, Files.readString(key.resolveSibling(key.getFileName() + ".pub")), StandardOpenOption.APPEND);
            KEYS.add(key);
        }
        sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized).pubkeyAuthentication(true).start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    static Transport connect(OpenSshd server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        return Transport.client(socket, TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.acceptAnyInsecurely()).build(),
                "127.0.0.1", server.port());
    }

    static void login(OpenSshd server, Signer signer) throws IOException {
        try (Transport t = connect(server)) {
            ClientAuthenticator.authenticate(t, USER, List.of(new PublicKeyAuth(List.of(signer))), BannerListener.IGNORE, WAIT);
        }
    }

    private static PassphraseProvider passphrase() {
        return PassphraseProvider.of(PASSPHRASE.toCharArray());
    }

    @TestFactory
    Stream<DynamicTest> everyKeyFileFormatLogsIn() {
        return KEYS.stream().map(key -> DynamicTest.dynamicTest(key.getFileName().toString(), () -> {
            login(sshd, PrivateKeyFiles.signer(key, passphrase()));
            sshd.awaitLog("Accepted publickey for " + USER, WAIT);
        }));
    }

    @Test
    void rsaAgainstAServerThatAcceptsOnlyRsaSha2256() throws IOException {
        try (OpenSshd strict = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).config("PubkeyAcceptedAlgorithms rsa-sha2-256").start()) {
            Path rsa = KEYS.stream().filter(k -> k.getFileName().toString().startsWith("rsa")).findFirst().orElseThrow();
            login(strict, PrivateKeyFiles.signer(rsa, passphrase()));
            strict.awaitLog("Accepted publickey for " + USER, WAIT);
            strict.awaitLog("RSA SHA256:", WAIT);
        }
    }

    @Test
    void keysWeWriteAreAcceptedBySshd() throws IOException {
        Path ours = dir.resolve("written-by-amiko");
        PrivateKeyFiles.writeOpenSsh(ours, PrivateKeyFiles.generate("ssh-ed25519", new java.security.SecureRandom()), "amiko", PASSPHRASE.toCharArray());
        Files.writeString(authorized, Files.readString(dir.resolve("written-by-amiko.pub")), StandardOpenOption.APPEND);
        login(sshd, PrivateKeyFiles.signer(ours, passphrase()));
    }

    @Test
    void anUnknownKeyFailsClearly() throws IOException {
        Signer stranger = new org.amiko.ssh.auth.keys.KeyPairSigner(
                PrivateKeyFiles.generate("ssh-ed25519", new java.security.SecureRandom()), "stranger.key");
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> login(sshd, stranger));
        assertTrue(e.getMessage().contains("stranger.key") && e.getMessage().contains("refused"), e.getMessage());
        assertTrue(e.allowed().contains("publickey"), e.allowed().toString());
    }

    @Test
    void aWrongPassphraseFailsClearly() {
        Path encrypted = KEYS.get(1);
        assertThrows(WrongPassphraseException.class, () -> PrivateKeyFiles.signer(encrypted, PassphraseProvider.of("wrong".toCharArray())));
    }
}
