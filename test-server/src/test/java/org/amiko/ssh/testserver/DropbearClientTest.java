package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Peers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Dropbear's dbclient against the {@link TestServer}, with a password from DROPBEAR_PASSWORD. dbclient
 * asks for zlib@openssh.com, so this also proves delayed compression starting at USERAUTH_SUCCESS.
 */
class DropbearClientTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.builder().legacyAlgorithms(true).user("db", "dropbear-pw").start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Command.Result dbclient(String... extra) {
        // -y -y: accept the unknown host key (a test only); the password comes from the environment
        List<String> argv = new ArrayList<>(List.of("env", "DROPBEAR_PASSWORD=dropbear-pw", Peers.dbclient().toString(),
                "-y", "-y", "-p", Integer.toString(server.port())));
        argv.addAll(List.of(extra));
        return Command.run(WAIT, argv);
    }

    @TestFactory
    Stream<DynamicTest> everyCipherAndMacDropbearHas() {
        List<String[]> combos = List.of(new String[] {"chacha20-poly1305@openssh.com", "hmac-sha2-256"},
                new String[] {"aes128-ctr", "hmac-sha2-256"}, new String[] {"aes256-ctr", "hmac-sha2-256"},
                new String[] {"aes128-ctr", "hmac-sha1"});
        return combos.stream().map(c -> DynamicTest.dynamicTest(c[0] + " " + c[1], () -> {
            Command.Result r = dbclient("-c", c[0], "-m", c[1], "db@127.0.0.1", "echo ok");
            assertEquals(0, r.exitCode(), r.stderr());
            assertEquals("ok\n", r.stdout());
        }));
    }

    @Test
    void exitStatusesAndBulkOutput() {
        assertEquals(5, dbclient("db@127.0.0.1", "exit 5").exitCode());
        Command.Result r = dbclient("db@127.0.0.1", "head -c 20000000 /dev/zero | wc -c");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("20000000", r.stdout().strip());
    }
}
