package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.amiko.ssh.auth.keys.AuthorizedKeys;
import org.amiko.ssh.auth.keys.PublicKeyFile;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * authorized_keys options enforced as sshd(8) does, with OpenSSH's ssh as the client: a key
 * restricted to one command never runs another, {@code from=} and {@code expiry-time=} refuse
 * the key, {@code restrict} and its parts take away the pty and forwarding, {@code permitopen}
 * narrows forwarding, {@code environment=} only with PermitUserEnvironment.
 */
class AuthorizedKeyOptionsTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path key;
    private static String publicKey;
    /** A TCP service that says hello and closes, as a forwarding target. */
    private static ServerSocket hello;
    private static Thread helloThread;

    @BeforeAll
    static void setUp() throws IOException {
        key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        PublicKeyFile pub = PublicKeyFile.read(SshKeygen.publicKeyFile(key));
        publicKey = pub.key().keyType() + " " + java.util.Base64.getEncoder().encodeToString(pub.key().blob().toByteArray());
        hello = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        helloThread = new Thread(() -> {
            while (!hello.isClosed()) {
                try (Socket s = hello.accept(); OutputStream out = s.getOutputStream()) {
                    out.write("hello\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "hello");
        helloThread.setDaemon(true);
        helloThread.start();
    }

    @AfterAll
    static void tearDown() throws IOException {
        hello.close();
    }

    /** Runs ssh with {@code args} against a server whose only key line has {@code options}. */
    private static Command.Result ssh(String options, UnaryOperator<TestServer.Builder> server, String... args) throws IOException {
        String line = (options.isEmpty() ? "" : options + " ") + publicKey;
        try (TestServer s = server.apply(TestServer.builder()
                .authorizedKey(Users.ANY_USER, AuthorizedKeys.parseLine(line, 1, "test"))).start()) {
            Path knownHosts = s.writeKnownHosts(dir.resolve("known_hosts_" + s.port()));
            List<String> argv = new ArrayList<>(List.of(Peers.ssh().toString(), "-F", "none", "-o", "BatchMode=yes",
                    "-o", "UserKnownHostsFile=" + knownHosts, "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                    "-i", key.toString(), "-p", Integer.toString(s.port())));
            argv.addAll(Arrays.asList(args));
            return Command.run(WAIT, null, Path.of("/dev/null"), argv);
        }
    }

    private static Command.Result ssh(String options, String... args) throws IOException {
        return ssh(options, UnaryOperator.identity(), args);
    }

    @Test
    void aForcedCommandRunsWhateverWasAskedAndSeesTheOriginal() throws IOException {
        String forced = "command=\"echo forced; echo \\\"[$SSH_ORIGINAL_COMMAND]\\\"\"";
        Command.Result exec = ssh(forced, "u@127.0.0.1", "cat /etc/hostname; echo escaped");
        assertEquals(0, exec.exitCode(), exec.stderr());
        assertEquals("forced\n[cat /etc/hostname; echo escaped]\n", exec.stdout());
        Command.Result shell = ssh(forced, "-T", "u@127.0.0.1");
        assertEquals("forced\n[]\n", shell.stdout(), "a shell request runs the forced command too: " + shell.stderr());
        Command.Result subsystem = ssh(forced, "-s", "u@127.0.0.1", "sftp");
        assertEquals("forced\n[sftp]\n", subsystem.stdout(), subsystem.stderr());
    }

    @Test
    void fromRefusesOtherAddresses() throws IOException {
        assertEquals(255, ssh("from=\"10.9.8.7\"", "u@127.0.0.1", "true").exitCode());
        assertEquals(255, ssh("from=\"!127.0.0.1,*\"", "u@127.0.0.1", "true").exitCode());
        assertEquals(255, ssh("from=\"127.0.0.2/32\"", "u@127.0.0.1", "true").exitCode());
        Command.Result cidr = ssh("from=\"127.0.0.0/8\"", "u@127.0.0.1", "echo in");
        assertEquals("in\n", cidr.stdout(), cidr.stderr());
        assertEquals("in\n", ssh("from=\"10.*,127.0.0.?\"", "u@127.0.0.1", "echo in").stdout());
    }

    @Test
    void anExpiredKeyIsRefused() throws IOException {
        Command.Result expired = ssh("expiry-time=\"20000101\"", "u@127.0.0.1", "true");
        assertEquals(255, expired.exitCode());
        assertTrue(expired.stderr().contains("Permission denied"), expired.stderr());
        assertEquals("ok\n", ssh("expiry-time=\"299912312359Z\"", "u@127.0.0.1", "echo ok").stdout());
    }

    @Test
    void restrictTakesAwayThePtyAndForwardingAndPtyGivesThePtyBack() throws IOException {
        Command.Result noPty = ssh("restrict", "-tt", "u@127.0.0.1", "tty");
        // ssh -tt treats a refused pty as fatal (clientloop.c), as it does against sshd
        assertTrue(noPty.stderr().contains("PTY allocation request failed"), noPty.stderr());
        assertEquals(255, noPty.exitCode());
        assertFalse(noPty.stdout().contains("/dev/pts/"), noPty.stdout());
        Command.Result pty = ssh("restrict,pty", "-tt", "u@127.0.0.1", "tty");
        assertTrue(pty.stdout().contains("/dev/pts/"), pty.stdout() + pty.stderr());
        Command.Result forward = ssh("restrict", "-W", "127.0.0.1:" + hello.getLocalPort(), "u@127.0.0.1");
        assertEquals(255, forward.exitCode());
        assertTrue(forward.stderr().contains("administratively prohibited"), forward.stderr());
        Command.Result remote = ssh("no-port-forwarding", "-o", "ExitOnForwardFailure=yes", "-N",
                "-R", "127.0.0.1:0:127.0.0.1:" + hello.getLocalPort(), "u@127.0.0.1");
        assertEquals(255, remote.exitCode());
        assertTrue(remote.stderr().contains("remote port forwarding failed"), remote.stderr());
    }

    @Test
    void noPtyAloneKeepsForwarding() throws IOException {
        Command.Result forward = ssh("no-pty", "-W", "127.0.0.1:" + hello.getLocalPort(), "u@127.0.0.1");
        assertEquals("hello\n", forward.stdout(), forward.stderr());
    }

    @Test
    void permitOpenNarrowsForwardingToItsDestinations() throws IOException {
        String only = "permitopen=\"127.0.0.1:" + hello.getLocalPort() + "\"";
        assertEquals("hello\n", ssh(only, "-W", "127.0.0.1:" + hello.getLocalPort(), "u@127.0.0.1").stdout());
        Command.Result other = ssh(only, "-W", "127.0.0.1:" + (hello.getLocalPort() == 65535 ? 1 : hello.getLocalPort() + 1),
                "u@127.0.0.1");
        assertTrue(other.stderr().contains("administratively prohibited"), other.stderr());
        assertEquals("hello\n", ssh("permitopen=\"127.0.0.1:*\"", "-W", "127.0.0.1:" + hello.getLocalPort(), "u@127.0.0.1").stdout());
    }

    /**
     * sshd's AcceptEnv: LANG and LC_* by default; names that change how commands start never;
     * none under command=. (The commands inherit the server's own environment, so the values
     * looked for are ones only the client sets.)
     */
    @Test
    void onlyAcceptedVariablesReachTheCommand() throws IOException {
        String echo = "echo \"[$LANG][$LC_TIME][$PERL5OPT][$LD_PRELOAD][$FOO]\"";
        Command.Result plain = ssh("", "-o", "SetEnv=LANG=client-lang LC_TIME=client-time PERL5OPT=-d LD_PRELOAD=/x FOO=bar",
                "u@127.0.0.1", echo);
        assertTrue(plain.stdout().startsWith("[client-lang][client-time][][]["), plain.stdout() + plain.stderr());
        assertFalse(plain.stdout().contains("bar"), plain.stdout());
        Command.Result all = ssh("", b -> b.acceptEnv("*"), "-o", "SetEnv=PERL5OPT=-d FOO=bar", "u@127.0.0.1", echo);
        assertTrue(all.stdout().endsWith("[][][bar]\n"), "PERL5OPT never, whatever AcceptEnv says: " + all.stdout() + all.stderr());
        Command.Result forced = ssh("command=\"" + echo.replace("\"", "\\\"") + "\"",
                "-o", "SetEnv=LANG=client-lang LC_TIME=client-time", "u@127.0.0.1", "x");
        assertFalse(forced.stdout().contains("client-"), "a forced command gets no client variable: " + forced.stdout());
    }

    @Test
    void environmentOnlyWithPermitUserEnvironment() throws IOException {
        String env = "environment=\"AMIKO_KEY_ENV=set\"";
        assertEquals("[]\n", ssh(env, "u@127.0.0.1", "echo \"[$AMIKO_KEY_ENV]\"").stdout());
        assertEquals("[set]\n", ssh(env, b -> b.permitUserEnvironment(true), "u@127.0.0.1", "echo \"[$AMIKO_KEY_ENV]\"").stdout());
    }
}
