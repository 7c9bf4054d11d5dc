package org.amiko.ssh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.testserver.TestServer;
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
 * bin/amiko beside OpenSSH's ssh: the same arguments against the same sshd, comparing stdout, whether
 * stderr says something, and the exit status.
 */
class AmikoVsSshTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;
    private static OpenSshd sshd;
    private static Path key;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws IOException {
        key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(SshKeygen.publicKeyFile(key), authorized);
        sshd = OpenSshd.builder().hostKeys(KeyType.ED25519, KeyType.ECDSA_256).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).start();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + sshd.port() + " " + sshd.hostKey(KeyType.ED25519).publicKeyLine() + "\n");
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    static Command.Result amiko(Path stdin, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Amiko.class.getName()));
        argv.addAll(args);
        return Command.run(WAIT, null, stdin, argv);
    }

    static Command.Result ssh(Path stdin, List<String> args) {
        List<String> argv = new ArrayList<>(List.of(Peers.ssh().toString()));
        argv.addAll(args);
        return Command.run(WAIT, null, stdin, argv);
    }

    private static List<String> base(Path hosts, String... more) {
        List<String> a = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + hosts,
                "-o", "IdentityAgent=none", "-i", key.toString(), "-p", Integer.toString(sshd.port())));
        a.addAll(List.of(more));
        return a;
    }

    /** Runs both; they must agree on exit status, stdout, and whether stderr is empty. Returns amiko's result. */
    private static Command.Result same(Path stdin, List<String> args) {
        Command.Result theirs = ssh(stdin, args);
        Command.Result ours = amiko(stdin, args);
        String both = "\nssh: " + theirs.exitCode() + " " + theirs.stderr().strip() + "\namiko: " + ours.exitCode() + " "
                + ours.stderr().strip();
        assertEquals(theirs.exitCode(), ours.exitCode(), both);
        assertEquals(theirs.stdout(), ours.stdout(), both);
        assertEquals(theirs.stderr().isBlank(), ours.stderr().isBlank(), both);
        return ours;
    }

    @Test
    void aCommandItsStdinAndItsExitStatus() throws IOException {
        Path in = dir.resolve("stdin");
        Files.writeString(in, "line one\nline two\n");
        same(in, base(knownHosts, "-o", "StrictHostKeyChecking=yes", USER + "@127.0.0.1", "cat; echo err >&2; exit 3"));
        same(null, base(knownHosts, "-o", "StrictHostKeyChecking=yes", "-l", USER, "127.0.0.1", "echo", "several", "words"));
        same(null, base(knownHosts, USER + "@127.0.0.1", "kill -TERM $$"));
    }

    @Test
    void algorithmListsWithPlusMinusAndCaret() {
        for (List<String> opts : List.of(List.of("-o", "Ciphers=^aes128-ctr"), List.of("-c", "aes256-ctr"),
                List.of("-o", "MACs=-hmac-sha2-512-etm@openssh.com", "-c", "aes128-ctr"),
                List.of("-o", "KexAlgorithms=curve25519-sha256"), List.of("-o", "HostKeyAlgorithms=ssh-ed25519,ecdsa-sha2-nistp256"),
                List.of("-C"))) {
            List<String> args = base(knownHosts, opts.toArray(String[]::new));
            args.addAll(List.of(USER + "@127.0.0.1", "echo ok"));
            same(null, args);
        }
    }

    @Test
    void aHostKnownByAnotherKeyTypeThanTheFirstAskedForIsFoundWhereSshGivesUp() {
        // ssh 9.2 keeps an explicit HostKeyAlgorithms order, negotiates ECDSA, and calls the host "changed";
        // amiko offers the types known for the host first (from the same list), so the known key is used
        List<String> args = base(knownHosts, "-o", "StrictHostKeyChecking=yes", "-o",
                "HostKeyAlgorithms=ecdsa-sha2-nistp256,ssh-ed25519", USER + "@127.0.0.1", "echo known");
        assertEquals(255, ssh(null, args).exitCode());
        Command.Result ours = amiko(null, args);
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals("known\n", ours.stdout());
    }

    @Test
    void knownHostsCasesWithEachStrictHostKeyChecking() throws IOException {
        Path empty = dir.resolve("empty_known_hosts");
        Command.Result refused = same(null, base(empty, "-o", "StrictHostKeyChecking=yes", USER + "@127.0.0.1", "true"));
        assertTrue(refused.stderr().contains("Host key verification failed."), refused.stderr());
        Path theirs = dir.resolve("accept_new_ssh");
        Path ours = dir.resolve("accept_new_amiko");
        Command.Result s = ssh(null, base(theirs, "-o", "StrictHostKeyChecking=accept-new", USER + "@127.0.0.1", "echo new"));
        Command.Result a = amiko(null, base(ours, "-o", "StrictHostKeyChecking=accept-new", USER + "@127.0.0.1", "echo new"));
        assertEquals(s.exitCode(), a.exitCode(), a.stderr());
        assertEquals(s.stdout(), a.stdout());
        assertTrue(Files.readString(ours).startsWith("[127.0.0.1]:" + sshd.port() + " "), Files.readString(ours));
        Path changed = dir.resolve("changed_known_hosts");
        Path other = dir.resolve("other");
        SshKeygen.generate(other, KeyType.ED25519);
        Files.writeString(changed, "[127.0.0.1]:" + sshd.port() + " " + Files.readString(SshKeygen.publicKeyFile(other)));
        for (String strict : List.of("yes", "accept-new")) {
            Command.Result r = same(null, base(changed, "-o", "StrictHostKeyChecking=" + strict, USER + "@127.0.0.1", "true"));
            assertTrue(r.stderr().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), r.stderr());
        }
        Path devNull = Path.of("/dev/null");
        same(null, base(devNull, "-o", "StrictHostKeyChecking=no", USER + "@127.0.0.1", "echo unsafe"));
    }

    @Test
    void configFilesWithHostAliases() throws IOException {
        Path config = dir.resolve("config");
        Files.writeString(config, "Host alias\n  HostName 127.0.0.1\n  Port " + sshd.port() + "\n  User " + USER
                + "\n  IdentityFile " + key + "\n  UserKnownHostsFile " + knownHosts + "\n  StrictHostKeyChecking yes\n"
                + "  BatchMode yes\n  IdentityAgent none\n");
        same(null, List.of("-F", config.toString(), "alias", "echo from the config"));
        same(null, List.of("-F", config.toString(), "-p", "1", "alias", "true")); // the command line wins: refused
    }

    @Test
    void connectionAndAuthenticationFailures() throws IOException {
        Command.Result refused = same(null, base(knownHosts, "-p", "1", USER + "@127.0.0.1", "true"));
        assertFalse(refused.stderr().isBlank());
        Path stranger = dir.resolve("stranger");
        SshKeygen.generate(stranger, KeyType.ED25519);
        List<String> args = new ArrayList<>(List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes", "-i", stranger.toString(), "-p",
                Integer.toString(sshd.port()), USER + "@127.0.0.1", "true"));
        Command.Result denied = same(null, args);
        assertTrue(denied.stderr().contains("Permission denied"), denied.stderr());
    }

    @Test
    void proxyJumpThroughASecondSshd() throws IOException {
        Path authorized = dir.resolve("authorized_keys");
        try (OpenSshd target = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).start()) {
            Files.writeString(knownHosts, "[127.0.0.1]:" + target.port() + " " + target.hostKey(KeyType.ED25519).publicKeyLine()
                    + "\n", StandardOpenOption.APPEND);
            Path config = dir.resolve("jump_config");
            Files.writeString(config, "Host *\n  IdentityFile " + key + "\n  UserKnownHostsFile " + knownHosts
                    + "\n  BatchMode yes\n  IdentityAgent none\n  User " + USER + "\n");
            same(null, List.of("-F", config.toString(), "-J", "127.0.0.1:" + sshd.port(), "-p", Integer.toString(target.port()),
                    "127.0.0.1", "echo jumped"));
        }
    }

    @Test
    void passwordsThroughAskpassAgainstTheTestServer() throws Exception {
        try (TestServer server = TestServer.builder().user("tess", "s3cret").start()) {
            Path hosts = server.writeKnownHosts(dir.resolve("test_server_known_hosts"));
            Path askpass = dir.resolve("askpass");
            Files.writeString(askpass, "#!/bin/sh\necho s3cret\n");
            Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
            for (String method : List.of("password", "keyboard-interactive")) {
                List<String> args = List.of("-F", "none", "-o", "UserKnownHostsFile=" + hosts, "-o", "PubkeyAuthentication=no",
                        "-o", "PreferredAuthentications=" + method, "-o", "NumberOfPasswordPrompts=1",
                        "-p", Integer.toString(server.port()), "tess@127.0.0.1", "echo in");
                List<String> envArgs = new ArrayList<>(List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force",
                        "DISPLAY=:0"));
                List<String> withSsh = new ArrayList<>(envArgs);
                withSsh.add(Peers.ssh().toString());
                withSsh.addAll(args);
                List<String> withAmiko = new ArrayList<>(envArgs);
                withAmiko.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                        System.getProperty("java.class.path"), Amiko.class.getName()));
                withAmiko.addAll(args);
                Command.Result s = Command.run(WAIT, withSsh);
                Command.Result a = Command.run(WAIT, withAmiko);
                assertEquals(0, s.exitCode(), method + " ssh: " + s.stderr());
                assertEquals(0, a.exitCode(), method + " amiko: " + a.stderr());
                assertEquals(s.stdout(), a.stdout());
            }
        }
    }
}
