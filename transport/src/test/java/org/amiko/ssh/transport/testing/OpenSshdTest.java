package org.amiko.ssh.transport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sshd fixture against the real sshd: it listens, serves our host keys, and is gone after close. */
class OpenSshdTest {

    private static final int READ_TIMEOUT_MILLIS = 10_000;

    @Test
    void speaksSsh2AndStopsOnClose() throws IOException {
        long pid;
        Path dir;
        try (OpenSshd sshd = OpenSshd.builder().start()) {
            pid = sshd.pid();
            dir = sshd.dir();
            assertTrue(sshd.log().contains("Server listening on 127.0.0.1 port " + sshd.port()), sshd.log());
            assertEquals(List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.RSA_3072),
                    List.copyOf(sshd.hostKeys().keySet()));
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", sshd.port()), READ_TIMEOUT_MILLIS);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                String identification = in.readLine();
                assertTrue(identification.startsWith("SSH-2.0-OpenSSH_"), identification);
            }
        }
        assertGone(pid);
        assertFalse(Files.exists(dir), "temp dir left behind");
    }

    /** sshd forks a child per connection, which outlives the listener unless the fixture stops it. */
    @Test
    void closeStopsTheChildOfAnOpenConnection() throws IOException {
        try (Socket socket = new Socket()) {
            List<Long> pids;
            try (OpenSshd sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).start()) {
                socket.connect(new InetSocketAddress("127.0.0.1", sshd.port()), READ_TIMEOUT_MILLIS);
                socket.setSoTimeout(READ_TIMEOUT_MILLIS);
                String identification = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                assertTrue(identification.startsWith("SSH-2.0-OpenSSH_"), identification);
                pids = ProcessHandle.of(sshd.pid()).orElseThrow().descendants().map(ProcessHandle::pid).toList();
                assertFalse(pids.isEmpty(), "no child for the connection");
            }
            pids.forEach(OpenSshdTest::assertGone);
            assertEquals(-1, socket.getInputStream().read(), "the connection outlived sshd");
        }
    }

    private static void assertGone(long pid) {
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "sshd " + pid + " still runs");
    }

    @Test
    void servesTheGeneratedHostKey() {
        try (OpenSshd sshd = OpenSshd.builder().hostKeys(KeyType.ED25519, KeyType.ECDSA_384).start()) {
            Command.Result scan = Command.run(Duration.ofSeconds(20), List.of(
                    Peers.sshKeyscan().toString(), "-p", Integer.toString(sshd.port()), "-t", "ed25519",
                    "127.0.0.1")).requireSuccess();
            String line = scan.stdout().lines().filter(l -> !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new AssertionError("ssh-keyscan printed no key: " + scan.stderr()));
            // known_hosts form: [127.0.0.1]:PORT ssh-ed25519 BASE64
            String[] fields = line.split(" ");
            assertEquals("[127.0.0.1]:" + sshd.port(), fields[0], line);
            assertEquals("ssh-ed25519", fields[1], line);
            assertEquals(sshd.hostKey(KeyType.ED25519).base64(), fields[2], line);
        }
    }

    @Test
    void badConfigLineIsAnAssertionErrorNamingIt() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> OpenSshd.builder().hostKeys(KeyType.ED25519).config("NoSuchOption yes").start().close());
        assertTrue(error.getMessage().contains("NoSuchOption"), error.getMessage());
        assertTrue(error.getMessage().contains("Bad configuration option"), error.getMessage());
    }

    @Test
    void settersAndConfigLinesReachTheConfig() throws IOException {
        try (OpenSshd sshd = OpenSshd.builder().hostKeys(KeyType.ED25519)
                .ciphers("aes128-ctr").macs("hmac-sha2-256").kexAlgorithms("curve25519-sha256")
                .config("LogLevel DEBUG2").config("Subsystem sftp internal-sftp").start()) {
            String config = Files.readString(sshd.configFile());
            assertTrue(config.contains("\nCiphers aes128-ctr\n"), config);
            assertTrue(config.contains("\nLogLevel DEBUG2\n"), config);
            assertFalse(config.contains("DEBUG1"), config);
            assertTrue(config.endsWith("Subsystem sftp internal-sftp\n"), config);
            assertFalse(config.contains(System.getProperty("user.home") + "/.ssh"), config);
        }
    }

    @Test
    void fixedKeywordsCannotBeOverridden() {
        assertThrows(IllegalArgumentException.class, () -> OpenSshd.builder().config("Port 22"));
    }
}
