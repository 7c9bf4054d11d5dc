package org.amiko.ssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** More of bin/amiko beside ssh: known_hosts patterns and markers, passphrases and the agent, -L with -N, broken servers. */
class AmikoVsSshMoreTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    private static OpenSshd sshd;
    private static Path key;
    private static Path encrypted;
    private static String hostLine;

    @BeforeAll
    static void start() throws IOException {
        key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        encrypted = dir.resolve("id_encrypted");
        SshKeygen.run(dir, "-q", "-t", "ecdsa", "-b", "256", "-N", "open sesame", "-f", encrypted.toString());
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, Files.readString(SshKeygen.publicKeyFile(key)) + Files.readString(dir.resolve("id_encrypted.pub")));
        sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized).pubkeyAuthentication(true).start();
        hostLine = sshd.hostKey(KeyType.ED25519).publicKeyLine();
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static List<String> args(Path knownHosts, String... more) {
        List<String> a = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "StrictHostKeyChecking=yes", "-o", "IdentityAgent=none", "-i", key.toString(),
                "-p", Integer.toString(sshd.port())));
        a.addAll(List.of(more));
        return a;
    }

    private static Command.Result same(List<String> env, List<String> args) {
        List<String> s = new ArrayList<>(env);
        s.add(Peers.ssh().toString());
        s.addAll(args);
        List<String> a = new ArrayList<>(env);
        a.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Amiko.class.getName()));
        a.addAll(args);
        Command.Result theirs = Command.run(WAIT, s);
        Command.Result ours = Command.run(WAIT, a);
        String both = "\nssh: " + theirs.exitCode() + " " + theirs.stderr().strip() + "\namiko: " + ours.exitCode() + " "
                + ours.stderr().strip();
        assertEquals(theirs.exitCode(), ours.exitCode(), both);
        assertEquals(theirs.stdout(), ours.stdout(), both);
        return ours;
    }

    @Test
    void knownHostsWildcardsNegationAndRevoked() throws IOException {
        Path wildcard = Files.writeString(dir.resolve("wildcard"), "[127.0.0.*]:" + sshd.port() + " " + hostLine + "\n");
        assertEquals(0, same(List.of(), args(wildcard, USER + "@127.0.0.1", "true")).exitCode());
        Path negated = Files.writeString(dir.resolve("negated"), "[127.0.0.*]:" + sshd.port() + ",![127.0.0.1]:" + sshd.port()
                + " " + hostLine + "\n");
        assertEquals(255, same(List.of(), args(negated, USER + "@127.0.0.1", "true")).exitCode());
        Path revoked = Files.writeString(dir.resolve("revoked"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n"
                + "@revoked * " + hostLine + "\n");
        Command.Result r = same(List.of(), args(revoked, USER + "@127.0.0.1", "true"));
        assertEquals(255, r.exitCode());
        assertTrue(r.stderr().contains("revoked"), r.stderr());
    }

    @Test
    void aPassphraseThroughAskpassAndKeysFromAnAgent() throws Exception {
        Path known = Files.writeString(dir.resolve("known"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n");
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho 'open sesame'\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> withPassphrase = List.of("-F", "none", "-o", "UserKnownHostsFile=" + known, "-o", "IdentityAgent=none",
                "-o", "IdentitiesOnly=yes", "-o", "PasswordAuthentication=no", "-o", "KbdInteractiveAuthentication=no",
                "-i", encrypted.toString(), "-p", Integer.toString(sshd.port()), USER + "@127.0.0.1", "echo unlocked");
        Command.Result r = same(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0"),
                withPassphrase);
        assertEquals(0, r.exitCode(), r.stderr());

        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder(Peers.sshAgent().toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Command.run(WAIT, List.of("env", "SSH_AUTH_SOCK=" + socket, Peers.sshAdd().toString(), key.toString()))
                    .requireSuccess();
            List<String> viaAgent = List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + known,
                    "-o", "IdentityAgent=" + socket, "-p", Integer.toString(sshd.port()), USER + "@127.0.0.1", "echo agent");
            assertEquals(0, same(List.of(), viaAgent).exitCode());
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void keysInEachFileFormatAndPubkeyAcceptedAlgorithms() throws IOException {
        Path known = Files.writeString(dir.resolve("known_k"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n");
        Path authorized = dir.resolve("authorized_keys");
        String[][] files = {{"rsa", "3072", "PEM"}, {"ecdsa", "384", "PKCS8"}, {"ecdsa", "521", null}, {"rsa", "2048", null}};
        for (String[] f : files) {
            Path k = dir.resolve("key-" + String.join("-", f[0], f[1], String.valueOf(f[2])));
            List<String> gen = new ArrayList<>(List.of("-q", "-t", f[0], "-b", f[1], "-N", "", "-f", k.toString()));
            if (f[2] != null) {
                gen.addAll(List.of("-m", f[2]));
            }
            SshKeygen.run(dir, gen.toArray(String[]::new));
            Files.writeString(authorized, Files.readString(Path.of(k + ".pub")), java.nio.file.StandardOpenOption.APPEND);
            List<String> a = List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + known,
                    "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes", "-i", k.toString(),
                    "-p", Integer.toString(sshd.port()), USER + "@127.0.0.1", "echo " + f[0]);
            assertEquals(0, same(List.of(), a).exitCode(), String.join(" ", f));
            if (f[0].equals("ecdsa")) {
                List<String> refused = new ArrayList<>(a);
                refused.addAll(0, List.of("-o", "PubkeyAcceptedAlgorithms=ssh-ed25519"));
                Command.Result r = same(List.of(), refused);
                assertEquals(255, r.exitCode());
                assertTrue(r.stderr().contains("Permission denied"), r.stderr());
            }
        }
    }

    @Test
    void logLevelFromTheCommandLine() throws IOException {
        Path known = Files.writeString(dir.resolve("known_v"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n");
        Command.Result r = same(List.of(), args(known, "-o", "LogLevel=DEBUG1", USER + "@127.0.0.1", "true"));
        assertTrue(r.stderr().contains("debug1:"), r.stderr());
    }

    @Test
    void remoteForwardingWithDashN() throws Exception {
        Path known = Files.writeString(dir.resolve("known_r"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n");
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!echo.isClosed()) {
                    try (Socket s = echo.accept()) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Amiko.class.getName()));
            argv.addAll(args(known, "-N", "-R", "0:127.0.0.1:" + echo.getLocalPort(), USER + "@127.0.0.1"));
            Process amiko = new ProcessBuilder(argv).start();
            try {
                java.io.BufferedReader err = new java.io.BufferedReader(new java.io.InputStreamReader(amiko.getErrorStream(),
                        StandardCharsets.UTF_8));
                String line = err.readLine();
                assertTrue(line != null && line.startsWith("Allocated port "), String.valueOf(line));
                int port = Integer.parseInt(line.split(" ")[2]);
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("through -R\n".getBytes(StandardCharsets.UTF_8));
                    s.shutdownOutput();
                    assertEquals("through -R\n", new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                }
            } finally {
                amiko.destroy();
                amiko.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void localForwardingWithDashN() throws Exception {
        Path known = Files.writeString(dir.resolve("known_l"), "[127.0.0.1]:" + sshd.port() + " " + hostLine + "\n");
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!echo.isClosed()) {
                    try (Socket s = echo.accept()) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            int port;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = free.getLocalPort();
            }
            List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Amiko.class.getName()));
            argv.addAll(args(known, "-N", "-L", port + ":127.0.0.1:" + echo.getLocalPort(), USER + "@127.0.0.1"));
            Process amiko = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                String answer = null;
                for (int i = 0; i < 100 && answer == null; i++) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        out.write("through -L\n".getBytes(StandardCharsets.UTF_8));
                        s.shutdownOutput();
                        answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException notYet) {
                        Thread.sleep(100);
                    }
                }
                assertEquals("through -L\n", answer);
            } finally {
                amiko.destroy();
                amiko.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aServerThatSendsGarbageOrNothing() throws Exception {
        Path known = Files.writeString(dir.resolve("known_g"), "");
        try (ServerSocket garbage = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!garbage.isClosed()) {
                    try (Socket s = garbage.accept()) {
                        s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            List<String> g = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + known,
                    "-p", Integer.toString(garbage.getLocalPort()), "127.0.0.1", "true"));
            Command.Result r = same(List.of(), g);
            assertEquals(255, r.exitCode());
            // a server that accepts and never speaks: ConnectTimeout covers the handshake too (ssh_config(5))
            List<String> s = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "ConnectTimeout=2",
                    "-o", "UserKnownHostsFile=" + known, "-p", Integer.toString(silent.getLocalPort()), "127.0.0.1", "true"));
            long start = System.nanoTime();
            assertEquals(255, same(List.of(), s).exitCode());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
        }
    }
}
