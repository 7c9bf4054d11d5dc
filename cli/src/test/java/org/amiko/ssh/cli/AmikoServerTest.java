package org.amiko.ssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amiko-server} as a process: its first lines, OpenSSH's ssh logging in with a key from
 * {@code -a} and a password from {@code -u}, host keys from {@code -h}, {@code --shell}, {@code --legacy},
 * and SIGTERM.
 */
class AmikoServerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts the server's main class in a JVM of its own; returns its first lines (listening, then host keys). */
    private List<String> start(int keyLines, String... args) throws IOException {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AmikoServer.class.getName()));
        argv.addAll(List.of(args));
        server = new ProcessBuilder(argv).redirectError(dir.resolve("server.err").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1 + keyLines; i++) {
            String line = out.readLine();
            if (line == null) {
                throw new AssertionError("amiko-server ended early: " + Files.readString(dir.resolve("server.err")));
            }
            lines.add(line);
        }
        return lines;
    }

    private static int port(String listening) {
        assertTrue(listening.matches("listening on 127\\.0\\.0\\.1:\\d+"), listening);
        return Integer.parseInt(listening.substring(listening.lastIndexOf(':') + 1));
    }

    private Path key() {
        Path key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        return key;
    }

    private List<String> ssh(int port, String... rest) {
        List<String> argv = new ArrayList<>(List.of(Peers.ssh().toString(), "-F", "none",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes",
                "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR", "-p", Integer.toString(port)));
        argv.addAll(List.of(rest));
        return argv;
    }

    @Test
    void printsWhereItListensAndItsGeneratedKeysThenServesKeysFromAuthorizedKeys() throws Exception {
        Path key = key();
        List<String> lines = start(3, "-a", SshKeygen.publicKeyFile(key).toString());
        int port = port(lines.get(0));
        assertTrue(lines.get(1).matches("ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}"), lines.get(1));
        assertTrue(lines.get(2).startsWith("ecdsa-sha2-nistp256 SHA256:"), lines.get(2));
        assertTrue(lines.get(3).startsWith("ssh-rsa SHA256:"), lines.get(3));
        Command.Result r = Command.run(WAIT, ssh(port, "-o", "BatchMode=yes", "-i", key.toString(),
                "anybody@127.0.0.1", "echo hi; exit 3"));
        assertEquals(3, r.exitCode(), r.stderr());
        assertEquals("hi\n", r.stdout());
    }

    @Test
    void hostKeysFromFilesPasswordsAndShells() throws Exception {
        Path ed = dir.resolve("host_ed25519");
        Path rsa = dir.resolve("host_rsa");
        SshKeygen.run(dir, "-q", "-t", "ed25519", "-N", "", "-f", ed.toString());
        SshKeygen.run(dir, "-q", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", "", "-f", rsa.toString());
        List<String> lines = start(2, "-p", "0", "-b", "127.0.0.1", "-h", ed.toString(), "-h", rsa.toString(),
                "-u", "alice:pa:ss", "--shell");
        int port = port(lines.get(0));
        assertEquals("ssh-ed25519 " + SshKeygen.fingerprint(ed), lines.get(1));
        assertEquals("ssh-rsa " + SshKeygen.fingerprint(rsa), lines.get(2));
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho 'pa:ss'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> argv = new ArrayList<>(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"));
        argv.addAll(ssh(port, "-o", "PubkeyAuthentication=no", "alice@127.0.0.1"));
        Path script = dir.resolve("script");
        Files.writeString(script, "echo from the shell\nexit 4\n");
        Command.Result shell = Command.run(WAIT, null, script, argv);
        assertEquals(4, shell.exitCode(), shell.stderr());
        assertEquals("from the shell\n", shell.stdout());
    }

    @Test
    void sha1AlgorithmsOnlyWithLegacyAndShellsOnlyWithShell() throws Exception {
        Path key = key();
        int port = port(start(3, "-a", SshKeygen.publicKeyFile(key).toString()).get(0));
        for (String[] option : new String[][] {{"KexAlgorithms", "diffie-hellman-group14-sha1"},
                {"HostKeyAlgorithms", "ssh-rsa"}, {"Ciphers", "aes128-ctr", "MACs", "hmac-sha1"}}) {
            List<String> argv = new ArrayList<>(ssh(port, "-o", "BatchMode=yes", "-i", key.toString()));
            for (int i = 0; i < option.length; i += 2) {
                argv.addAll(List.of("-o", option[i] + "=" + option[i + 1]));
            }
            argv.addAll(List.of("u@127.0.0.1", "true"));
            Command.Result r = Command.run(WAIT, argv);
            assertEquals(255, r.exitCode(), String.join(" ", option) + " should not be offered without --legacy");
        }
        Path script = dir.resolve("script");
        Files.writeString(script, "echo from the shell\n");
        Command.Result shell = Command.run(WAIT, null, script, ssh(port, "-o", "BatchMode=yes", "-i", key.toString(),
                "-o", "LogLevel=INFO", "u@127.0.0.1"));
        assertTrue(shell.exitCode() != 0 && !shell.stdout().contains("from the shell"), "a shell without --shell: " + shell.stdout());
        assertTrue(shell.stderr().contains("shell request failed"), shell.stderr());
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
        int legacy = port(start(3, "-a", SshKeygen.publicKeyFile(key).toString(), "--legacy").get(0));
        Command.Result r = Command.run(WAIT, ssh(legacy, "-o", "BatchMode=yes", "-i", key.toString(),
                "-o", "KexAlgorithms=diffie-hellman-group14-sha1", "-o", "MACs=hmac-sha1", "-o", "Ciphers=aes128-ctr",
                "u@127.0.0.1", "echo legacy"));
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("legacy\n", r.stdout());
    }

    @Test
    void sigtermEndsItWithinFiveSecondsAndFreesThePort() throws Exception {
        int port = port(start(3).get(0));
        long start = System.nanoTime();
        server.destroy(); // SIGTERM
        assertTrue(server.waitFor(5, TimeUnit.SECONDS), "still running 5 s after SIGTERM");
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
    }

    @Test
    void badArgumentsSayWhatIsWrong() throws Exception {
        List<String> argv = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AmikoServer.class.getName(), "-u", "nocolon");
        Command.Result r = Command.run(WAIT, argv);
        assertEquals(255, r.exitCode());
        assertTrue(r.stderr().contains("-u wants user:password"), r.stderr());
    }
}
