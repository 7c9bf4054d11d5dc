package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Dropbear;
import org.amiko.ssh.transport.testing.KeyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against dropbear (its small 24 KiB default window included), logging in with a
 * password as a dedicated local test account that exists only during this class (created as root).
 */
class DropbearServerTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String USER = "amikodbtest";
    private static final String PASSWORD = "Db-pass-3141";

    @TempDir
    static Path dir;
    private static Dropbear dropbear;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        Command.run(WAIT, List.of("userdel", "-r", USER)); // left over from an aborted run, if any
        Command.run(WAIT, List.of("useradd", "-m", "-s", "/bin/sh", USER)).requireSuccess();
        Command.run(WAIT, List.of("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd")).requireSuccess();
        dropbear = Dropbear.builder().hostKeys(KeyType.ED25519, KeyType.ECDSA_256).start();
        knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, "[127.0.0.1]:" + dropbear.port() + " "
                + dropbear.hostKey(KeyType.ECDSA_256).publicKeyLine() + "\n");
    }

    @AfterAll
    static void stop() {
        if (dropbear != null) {
            dropbear.close();
        }
        Command.run(WAIT, List.of("userdel", "-r", USER));
    }

    private static SshClient.Builder client() {
        return SshClient.builder().user(USER).password(PASSWORD).agent(false).lookForKeys(false).loadHostKeys(knownHosts);
    }

    @Test
    void commandsExitStatusesAndBulkOutputThroughASmallWindow() throws Exception {
        try (SshConnection c = client().build().connect("127.0.0.1", dropbear.port())) {
            // known only by its ECDSA key, which is not dropbear's first: offered first, so found
            assertEquals("ecdsa-sha2-nistp256", c.negotiated().hostKey());
            CommandResult r = c.run("echo $USER; echo err >&2; exit 6", WAIT);
            assertEquals(USER + "\n", r.stdoutText());
            assertEquals("err\n", r.stderrText());
            assertEquals(6, r.exitCode());
            CommandResult big = c.run("head -c 20000000 /dev/zero", WAIT);
            assertEquals(20_000_000, big.stdout().length());
            assertTrue(c.exec("printf 'a\\nb\\n'").lines().toList().equals(List.of("a", "b")));
        }
    }

    @Test
    void anUnknownDropbearIsRefusedAndAWrongPasswordFails() throws Exception {
        Path empty = dir.resolve("empty");
        assertThrows(UnknownHostKeyException.class, () -> SshClient.builder().user(USER).password(PASSWORD).agent(false)
                .lookForKeys(false).loadHostKeys(empty).build().connect("127.0.0.1", dropbear.port()));
        assertThrows(org.amiko.ssh.auth.AuthenticationException.class,
                () -> client().password("wrong").build().connect("127.0.0.1", dropbear.port()));
    }
}
