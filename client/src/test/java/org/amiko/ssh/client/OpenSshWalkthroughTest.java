package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walkthrough against a real OpenSSH sshd, with known_hosts files made by OpenSSH's own tools:
 * {@code ssh-keyscan} lines ({@code [127.0.0.1]:PORT}), the same hashed by {@code ssh-keygen -H},
 * and a file that knows the host only by a key type the server does not offer first.
 */
class OpenSshWalkthroughTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static OpenSshd sshd;
    private static Path userKey;

    @BeforeAll
    static void start() throws IOException {
        userKey = dir.resolve("id_ed25519");
        SshKeygen.generate(userKey, KeyType.ED25519);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(SshKeygen.publicKeyFile(userKey), authorized);
        sshd = OpenSshd.builder().hostKeys(KeyType.ED25519, KeyType.ECDSA_256, KeyType.RSA_3072)
                .authorizedKeysFile(authorized).pubkeyAuthentication(true).start();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static SshClient.Builder client(Path knownHosts) {
        return SshClient.builder().identityFile(userKey).agent(false).lookForKeys(false).loadHostKeys(knownHosts);
    }

    private static Path keyscan(String name, String type) throws IOException {
        Command.Result r = Command.run(WAIT, List.of(Peers.sshKeyscan().toString(), "-p", Integer.toString(sshd.port()),
                "-t", type, "127.0.0.1"));
        assertTrue(r.stdout().startsWith("[127.0.0.1]:" + sshd.port() + " "), r.stdout() + r.stderr());
        Path file = dir.resolve(name);
        Files.writeString(file, r.stdout());
        return file;
    }

    @Test
    void unknownThenRecordedThenFound() throws Exception {
        Path knownHosts = dir.resolve("empty_known_hosts");
        UnknownHostKeyException refused = assertThrows(UnknownHostKeyException.class,
                () -> client(knownHosts).build().connect("127.0.0.1", sshd.port()));
        assertTrue(refused.getMessage().contains("[127.0.0.1]:" + sshd.port()), refused.getMessage());
        try (SshConnection c = client(knownHosts).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).hashKnownHosts(true).build()
                .connect("127.0.0.1", sshd.port())) {
            assertEquals(List.of("one", "two"), c.exec("printf 'one\\ntwo\\n'").lines().toList());
        }
        // what we recorded, hashed, is what ssh-keygen -F finds
        Command.Result found = Command.run(WAIT, List.of(Peers.sshKeygen().toString(), "-F",
                "[127.0.0.1]:" + sshd.port(), "-f", knownHosts.toString()));
        assertEquals(0, found.exitCode(), found.stderr());
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", sshd.port())) {
            assertEquals(0, c.run("true", WAIT).exitCode());
        }
    }

    @Test
    void aPlainBracketedEntryFromSshKeyscan() throws Exception {
        Path knownHosts = keyscan("keyscan_ed25519", "ed25519");
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", sshd.port())) {
            assertEquals("ssh-ed25519", c.negotiated().hostKey());
        }
    }

    @Test
    void aHashedEntryFromSshKeygen() throws Exception {
        Path knownHosts = keyscan("hashed", "ed25519");
        Command.run(WAIT, List.of(Peers.sshKeygen().toString(), "-H", "-f", knownHosts.toString())).requireSuccess();
        assertTrue(Files.readString(knownHosts).startsWith("|1|"));
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", sshd.port())) {
            assertTrue(c.isOpen());
        }
    }

    @Test
    void aHostKnownOnlyByAnotherKeyTypeThanTheServersFirst() throws Exception {
        Path knownHosts = keyscan("keyscan_rsa", "rsa");
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", sshd.port())) {
            assertTrue(c.negotiated().hostKey().startsWith("rsa-sha2-"), c.negotiated().hostKey());
        }
    }

    @Test
    void proxyJumpThroughASecondSshd() throws Exception {
        Path authorized = dir.resolve("authorized_keys");
        try (OpenSshd target = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).start()) {
            Path knownHosts = keyscan("jump_known_hosts", "ed25519");
            Files.writeString(knownHosts, "[127.0.0.1]:" + target.port() + " " + target.hostKey(KeyType.ED25519).publicKeyLine()
                    + "\n", java.nio.file.StandardOpenOption.APPEND);
            SshClient client = client(knownHosts).build();
            try (SshConnection jump = client.connect("127.0.0.1", sshd.port());
                 SshConnection via = client.connectVia(jump, "127.0.0.1", target.port())) {
                assertEquals("through the jump\n", via.run("echo through the jump", WAIT).stdoutText());
            }
            target.awaitLog("Accepted publickey", WAIT);
        }
    }

    @Test
    void keepalivesDetectAServerThatStopsAnswering() throws Exception {
        Path knownHosts = keyscan("keepalive_known_hosts", "ed25519");
        try (SshConnection c = client(knownHosts).keepalive(Duration.ofMillis(300), 3).build()
                .connect("127.0.0.1", sshd.port())) {
            RemoteProcess p = c.exec("sleep 20");
            // freeze sshd's processes for this connection: the server stops answering, its socket stays open
            List<ProcessHandle> frozen = ProcessHandle.of(sshd.pid()).orElseThrow().descendants().toList();
            assertTrue(!frozen.isEmpty());
            for (ProcessHandle h : frozen) {
                Command.run(WAIT, List.of("/bin/sh", "-c", "kill -STOP " + h.pid()));
            }
            try {
                IOException e = assertThrows(IOException.class, () -> p.stdout().read());
                assertTrue(e.getMessage().contains("not responding"), e.getMessage());
            } finally {
                for (ProcessHandle h : frozen) {
                    Command.run(WAIT, List.of("/bin/sh", "-c", "kill -CONT " + h.pid()));
                }
            }
        }
    }

    @Test
    void aChangedKeyIsRefusedWithTheFingerprints() throws Exception {
        Path knownHosts = dir.resolve("changed");
        Path other = dir.resolve("other_host_key");
        SshKeygen.generate(other, KeyType.ED25519);
        String line = Files.readString(SshKeygen.publicKeyFile(other)).strip();
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + line + "\n");
        ChangedHostKeyException e = assertThrows(ChangedHostKeyException.class,
                () -> client(knownHosts).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build().connect("127.0.0.1", sshd.port()));
        assertTrue(e.getMessage().contains(SshKeygen.fingerprint(other)), e.getMessage());
    }
}
