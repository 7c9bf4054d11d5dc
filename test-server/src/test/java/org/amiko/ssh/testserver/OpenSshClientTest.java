package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.amiko.ssh.auth.keys.PublicKeyFile;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** OpenSSH's ssh against the {@link TestServer}: every algorithm they share, exit statuses, 100 MiB, benign knobs, passwords. */
class OpenSshClientTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final String USER = "tester";

    @TempDir
    static Path dir;
    private static Path key;
    private static TestServer server;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws IOException {
        key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        TestServer.Builder b = TestServer.builder().legacyAlgorithms(true);
        for (String type : List.of("ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa")) {
            b.hostKey(org.amiko.ssh.transport.keys.HostKey.generate(type, new java.security.SecureRandom()));
        }
        server = b.authorizedKey(Users.ANY_USER, PublicKeyFile.read(SshKeygen.publicKeyFile(key)).key())
                .user(USER, "pass word:with colon").start();
        knownHosts = server.writeKnownHosts(dir.resolve("known_hosts"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<String> ssh(TestServer s, Path hosts, String... extra) {
        List<String> argv = new ArrayList<>(List.of(Peers.ssh().toString(), "-F", "none", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + hosts, "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-i", key.toString(), "-p", Integer.toString(s.port())));
        argv.addAll(Arrays.asList(extra));
        return argv;
    }

    private static Command.Result run(String... extra) {
        List<String> argv = ssh(server, knownHosts, extra);
        return Command.run(WAIT, argv);
    }

    private static Set<String> query(String what) {
        return Set.of(Command.run(WAIT, List.of(Peers.ssh().toString(), "-Q", what)).requireSuccess().stdout().strip()
                .split("\\s+"));
    }

    private static Stream<DynamicTest> each(String option, String query, List<String> ours) {
        Set<String> theirs = query(query);
        return ours.stream().filter(theirs::contains).map(alg -> DynamicTest.dynamicTest(option + "=" + alg, () -> {
            Command.Result r = run("-o", option + "=" + alg, "-v", USER + "@127.0.0.1", "echo ok");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("ok\n", r.stdout());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySharedKeyExchange() {
        return each("KexAlgorithms", "kex", KexMethods.supportedNames());
    }

    @TestFactory
    Stream<DynamicTest> everySharedCipher() {
        return each("Ciphers", "cipher", Ciphers.defaultNames());
    }

    @TestFactory
    Stream<DynamicTest> everySharedMac() {
        // a MAC is used only with a cipher that has none of its own
        Set<String> theirs = query("mac");
        return Macs.supportedNames().stream().filter(theirs::contains).map(mac -> DynamicTest.dynamicTest("MACs=" + mac, () -> {
            Command.Result r = run("-o", "Ciphers=aes128-ctr", "-o", "MACs=" + mac, USER + "@127.0.0.1", "echo ok");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("ok\n", r.stdout());
        }));
    }

    @TestFactory
    Stream<DynamicTest> everySharedHostKeyAlgorithm() {
        return each("HostKeyAlgorithms", "key-sig", SignatureAlgorithm.supportedNames());
    }

    @Test
    void exitStatusesPassThrough() {
        assertEquals(7, run(USER + "@127.0.0.1", "exit 7").exitCode());
        assertEquals(0, run(USER + "@127.0.0.1", "true").exitCode());
        Command.Result killed = run(USER + "@127.0.0.1", "kill -TERM $$");
        assertEquals(255, killed.exitCode(), "ssh ends with 255 after an exit-signal: " + killed.stderr());
        assertEquals(143, run(USER + "@127.0.0.1", "exit 143").exitCode());
    }

    @Test
    void hundredMebibytesThroughStdinAndStdout() throws Exception {
        Path input = dir.resolve("input");
        byte[] block = new byte[1 << 20];
        new java.util.Random(7).nextBytes(block);
        try (var out = Files.newOutputStream(input)) {
            for (int i = 0; i < 100; i++) {
                block[0] = (byte) i;
                out.write(block);
            }
        }
        Path output = dir.resolve("output");
        List<String> argv = ssh(server, knownHosts, USER + "@127.0.0.1", "cat");
        Process p = new ProcessBuilder(argv).redirectInput(input.toFile()).redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "ssh did not finish");
        assertEquals(0, p.exitValue());
        assertEquals(sha256(input), sha256(output));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) >= 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void sshDashWReachesALoopbackListenerThroughDirectTcpip() throws Exception {
        try (java.net.ServerSocket echo = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (java.net.Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException ignored) {
                    // done
                }
            });
            t.setDaemon(true);
            t.start();
            Path input = dir.resolve("w-input");
            Files.writeString(input, "through -W\n");
            Command.Result r = Command.run(WAIT, null, input,
                    ssh(server, knownHosts, "-W", "127.0.0.1:" + echo.getLocalPort(), USER + "@127.0.0.1"));
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("through -W\n", r.stdout());
        }
    }

    @Test
    void passwordThroughAskpass() throws IOException {
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho 'pass word:with colon'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> argv = new ArrayList<>(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"));
        for (String method : List.of("password", "keyboard-interactive")) {
            List<String> cmd = new ArrayList<>(argv);
            cmd.addAll(List.of(Peers.ssh().toString(), "-F", "none", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "PreferredAuthentications=" + method,
                    "-o", "PubkeyAuthentication=no", "-o", "NumberOfPasswordPrompts=1", "-p", Integer.toString(server.port()),
                    USER + "@127.0.0.1", "echo in"));
            Command.Result r = Command.run(WAIT, cmd);
            assertEquals(0, r.exitCode(), method + ": " + r.stderr());
            assertEquals("in\n", r.stdout());
        }
    }

    @Test
    void benignKnobs() throws IOException {
        for (Knobs knobs : List.of(Knobs.builder().ignoreEvery(1).debugEvery(3).build(),
                Knobs.builder().rekeyEveryBytes(1 << 20).build(),
                Knobs.builder().window(1).maxPacket(1).build(),
                Knobs.builder().guessedKexPacket().build(),
                Knobs.builder().version("SSH-2.0-Odd_1.0").preamble("hello from before the version").banner("banner\n").build())) {
            try (TestServer odd = TestServer.builder()
                    .authorizedKey(Users.ANY_USER, PublicKeyFile.read(SshKeygen.publicKeyFile(key)).key()).knobs(knobs).start()) {
                Path hosts = odd.writeKnownHosts(dir.resolve("known_hosts-" + odd.port()));
                int size = knobs.window() == 1 ? 20_000 : 8 << 20;
                Command.Result r = Command.run(WAIT, ssh(odd, hosts, USER + "@127.0.0.1", "head -c " + size + " /dev/zero | wc -c"));
                assertEquals(0, r.exitCode(), r.stderr());
                assertEquals(Integer.toString(size), r.stdout().strip());
            }
        }
    }
}
