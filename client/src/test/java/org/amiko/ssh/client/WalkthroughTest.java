package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paramiko walkthrough this project exists for, against amiko's test server: an unknown host
 * is refused with an explanation, trust on first use records it, a changed key is refused even
 * then, and a command's output comes line by line.
 */
class WalkthroughTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().user("fakeuser", "secret").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private SshClient.Builder client(Path knownHosts) {
        return SshClient.builder().user("fakeuser").password("secret").agent(false).lookForKeys(false)
                .loadHostKeys(knownHosts);
    }

    @Test
    void anUnknownHostIsRefusedWithWhatToDo() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        UnknownHostKeyException e = assertThrows(UnknownHostKeyException.class,
                () -> client(knownHosts).build().connect("127.0.0.1", server.port()));
        String m = e.getMessage();
        assertTrue(m.contains("[127.0.0.1]:" + server.port()), m);
        assertTrue(m.contains(server.hostKey().keyType()) && m.contains(server.hostKey().sha256Fingerprint()), m);
        assertTrue(m.contains(knownHosts.toString()), m);
        assertTrue(m.contains("ACCEPT_NEW"), m);
        assertEquals(List.of(knownHosts), e.searchedFiles());
    }

    @Test
    void trustOnFirstUseRecordsTheKeyThenTheDefaultPolicyFindsIt() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        try (SshConnection c = client(knownHosts).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build()
                .connect("127.0.0.1", server.port())) {
            assertEquals(List.of("first", "second"), c.exec("printf 'first\\nsecond\\n'").lines().toList());
        }
        String recorded = Files.readString(knownHosts);
        assertTrue(recorded.startsWith("[127.0.0.1]:" + server.port() + " "), recorded);
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", server.port())) {
            CommandResult r = c.run("echo again; exit 3", WAIT);
            assertEquals("again\n", r.stdoutText());
            assertEquals(3, r.exitCode());
        }
    }

    @Test
    void aChangedKeyIsRefusedEvenUnderTrustOnFirstUse() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        SshPublicKey other = HostKey.generate(server.hostKey().keyType(), new java.security.SecureRandom()).publicKey();
        KnownHostsEditor.of(knownHosts).add("127.0.0.1", server.port(), other.keyType(), other.blob().toByteArray(), false, "");
        ChangedHostKeyException e = assertThrows(ChangedHostKeyException.class,
                () -> client(knownHosts).hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build().connect("127.0.0.1", server.port()));
        assertTrue(e.getMessage().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), e.getMessage());
        assertTrue(e.getMessage().contains(other.sha256Fingerprint()), e.getMessage());
    }

    @Test
    void hashedEntriesAndAHostKnownOnlyByAnotherKeyType() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        // only the server's second key (ecdsa), hashed: the client must offer ecdsa first and find it
        SshPublicKey ecdsa = server.hostKeys().get(1).publicKey();
        KnownHostsEditor.of(knownHosts).add("127.0.0.1", server.port(), ecdsa.keyType(), ecdsa.blob().toByteArray(), true, "");
        assertTrue(Files.readString(knownHosts).startsWith("|1|"));
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", server.port())) {
            assertEquals("ecdsa-sha2-nistp256", c.negotiated().hostKey());
        }
    }

    @Test
    void runNeverDeadlocksOnBigOutputInBothStreams() throws Exception {
        Path knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", server.port())) {
            CommandResult r = c.run("head -c 20000000 /dev/zero >&2; head -c 30000000 /dev/zero", WAIT);
            assertEquals(30_000_000, r.stdout().length());
            assertEquals(20_000_000, r.stderr().length());
            assertTrue(r.isSuccess());
        }
    }

    @Test
    void sshConfigIsOptInThroughConfigure() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        Path config = Files.writeString(dir.resolve("config"), "Host alias\n  HostName 127.0.0.1\n  Port " + server.port()
                + "\n  User fakeuser\n  UserKnownHostsFile " + knownHosts + "\n  StrictHostKeyChecking accept-new\n");
        org.amiko.ssh.client.config.HostConfig h = org.amiko.ssh.client.config.SshConfig.load(config).resolve("alias", List.of());
        try (SshConnection c = SshClient.builder().configure(h).password("secret").agent(false).lookForKeys(false).build()
                .connect(h.hostName(), h.port())) {
            assertEquals("fakeuser", c.user());
            assertEquals("configured\n", c.run("echo configured", WAIT).stdoutText());
        }
        assertTrue(Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port()));
    }

    @Test
    void oneConnectionRunsCommandsFromSeveralThreadsAtOnce() throws Exception {
        Path knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));
        try (SshConnection c = client(knownHosts).build().connect("127.0.0.1", server.port())) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
            try {
                List<java.util.concurrent.Future<String>> runs = new java.util.ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    String word = "thread" + i;
                    runs.add(pool.submit(() -> c.run("sleep 0.2; echo " + word, WAIT).stdoutText()));
                }
                for (int i = 0; i < 20; i++) {
                    assertEquals("thread" + i + "\n", runs.get(i).get(60, java.util.concurrent.TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    static String base64(SshPublicKey k) {
        return Base64.getEncoder().encodeToString(k.blob().toByteArray());
    }
}
