package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.ChannelClosedException;
import org.amiko.ssh.testserver.Fault;
import org.amiko.ssh.testserver.Knobs;
import org.amiko.ssh.testserver.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ServerAliveInterval/CountMax against a server that stops answering, and ProxyJump chains through test servers. */
class KeepaliveAndJumpTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private SshClient.Builder client(Path knownHosts) {
        return SshClient.builder().user("u").password("pw").agent(false).lookForKeys(false).loadHostKeys(knownHosts);
    }

    private Path knownHosts(TestServer... servers) throws IOException {
        List<String> lines = new ArrayList<>();
        for (TestServer s : servers) {
            lines.addAll(s.knownHostsLines());
        }
        return Files.write(dir.resolve("known_hosts"), lines);
    }

    @Test
    void aServerThatStopsAnsweringIsDetected() throws Exception {
        // the keepalive's reply is REQUEST_FAILURE (82): the server goes silent there
        try (TestServer server = TestServer.builder().user("u", "pw")
                .knobs(Knobs.builder().fault(new Fault.StallAt(82)).build()).start()) {
            long start = System.nanoTime();
            try (SshConnection c = client(knownHosts(server)).keepalive(Duration.ofMillis(300), 3).build()
                    .connect("127.0.0.1", server.port())) {
                RemoteProcess p = c.exec("sleep 30");
                IOException e = assertThrows(IOException.class, () -> p.stdout().read());
                assertInstanceOf(ChannelClosedException.class, e);
                assertTrue(e.getMessage().contains("not responding"), e.getMessage());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
            }
        }
    }

    @Test
    void aServerThatAnswersStaysConnected() throws Exception {
        try (TestServer server = TestServer.builder().user("u", "pw").start();
             SshConnection c = client(knownHosts(server)).keepalive(Duration.ofMillis(100), 2).build()
                     .connect("127.0.0.1", server.port())) {
            Thread.sleep(1500);
            assertTrue(c.isOpen());
            assertEquals("alive\n", c.run("echo alive", WAIT).stdoutText());
        }
    }

    @Test
    void proxyJumpThroughOneAndThroughTwoHosts() throws Exception {
        try (TestServer jump1 = TestServer.builder().user("u", "pw").start();
             TestServer jump2 = TestServer.builder().user("u", "pw").start();
             TestServer target = TestServer.builder().user("u", "pw").start()) {
            SshClient client = client(knownHosts(jump1, jump2, target)).build();
            try (SshConnection first = client.connect("127.0.0.1", jump1.port());
                 SshConnection via = client.connectVia(first, "127.0.0.1", target.port())) {
                assertEquals("via one\n", via.run("echo via one", WAIT).stdoutText());
                assertEquals(1, target.acceptedConnections());
            }
            try (SshConnection first = client.connect("127.0.0.1", jump1.port());
                 SshConnection second = client.connectVia(first, "127.0.0.1", jump2.port());
                 SshConnection via = client.connectVia(second, "127.0.0.1", target.port())) {
                CommandResult r = via.run("head -c 3000000 /dev/zero | wc -c", WAIT);
                assertEquals("3000000", r.stdoutText().strip());
            }
        }
    }

    @Test
    void aJumpToAnUnknownTargetIsRefusedLikeAnyHost() throws Exception {
        try (TestServer jump = TestServer.builder().user("u", "pw").start();
             TestServer target = TestServer.builder().user("u", "pw").start()) {
            SshClient client = client(knownHosts(jump)).build();
            try (SshConnection first = client.connect("127.0.0.1", jump.port())) {
                assertThrows(UnknownHostKeyException.class, () -> client.connectVia(first, "127.0.0.1", target.port()));
                assertTrue(first.isOpen());
            }
        }
    }
}
