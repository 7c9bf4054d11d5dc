package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.testserver.ScriptedCommands;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.transport.testing.ResourceBaseline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many connections, well-behaved and not: after 1,000 connect/exec/close cycles threads and heap
 * are back where they started, and 500 half-open connections neither lock a well-behaved client
 * out nor outlive the authentication deadline.
 */
class ResourceCyclesTest {

    @TempDir
    Path dir;

    private static TestServer.Builder server() {
        return TestServer.builder().user("u", "pw").commands(ScriptedCommands.of(line -> ScriptedCommands.Result.stdout(line + "\n")));
    }

    private SshClient client(TestServer server) throws IOException {
        return SshClient.builder().user("u").password("pw").agent(false).lookForKeys(false)
                .loadHostKeys(server.writeKnownHosts(dir.resolve("known_hosts"))).build();
    }

    @Test
    void aThousandConnectExecCloseCyclesLeaveNothingBehind() throws Exception {
        try (TestServer server = server().start()) {
            SshClient client = client(server);
            try (SshConnection warm = client.connect("127.0.0.1", server.port())) {
                warm.run("warm", Duration.ofSeconds(30)); // classes loaded, caches filled, before the baseline
            }
            ResourceBaseline before = ResourceBaseline.now();
            long start = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                try (SshConnection c = client.connect("127.0.0.1", server.port())) {
                    assertEquals("cycle " + i + "\n", c.run("cycle " + i, Duration.ofSeconds(30)).stdoutText());
                }
            }
            System.out.println("1000 connect/exec/close cycles in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            before.awaitBack("1000 cycles", Duration.ofSeconds(30), 3, 24L << 20);
            assertEquals(0, server.openConnections());
        }
    }

    /**
     * A client past its key exchange keeps its place however slowly it logs in: a flood of new
     * connections evicts only those still in their version or key exchange.
     */
    @Test
    void aClientPastItsKeyExchangeKeepsItsPlaceDuringAFlood() throws Exception {
        try (TestServer server = server().maxUnauthenticated(20).authTimeout(Duration.ofSeconds(20)).start()) {
            org.amiko.ssh.transport.TransportConfig config = org.amiko.ssh.transport.TransportConfig.builder()
                    .hostKeyVerifier(org.amiko.ssh.transport.HostKeyVerifier.exactly(server.hostKey())).build();
            try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.port());
                 org.amiko.ssh.transport.Transport t = org.amiko.ssh.transport.Transport.client(slow, config, "127.0.0.1",
                         server.port())) {
                List<Socket> flood = new ArrayList<>();
                try {
                    for (int i = 0; i < 200; i++) {
                        flood.add(new Socket(InetAddress.getLoopbackAddress(), server.port()));
                    }
                    Thread.sleep(300); // the server has seen them all
                    org.amiko.ssh.auth.ClientAuthenticator.authenticate(t, "u", List.of(org.amiko.ssh.auth.PasswordAuth.of("pw")),
                            org.amiko.ssh.auth.BannerListener.IGNORE, Duration.ofSeconds(10));
                    assertTrue(t.isOpen(), String.valueOf(t.failure()));
                } finally {
                    for (Socket s : flood) {
                        s.close();
                    }
                }
            }
        }
    }

    @Test
    void halfOpenConnectionsLockNobodyOutAndGoAtTheDeadline() throws Exception {
        try (TestServer server = server().authTimeout(Duration.ofSeconds(3)).start()) {
            SshClient client = client(server);
            try (SshConnection warm = client.connect("127.0.0.1", server.port())) {
                warm.run("warm", Duration.ofSeconds(30));
            }
            ResourceBaseline before = ResourceBaseline.now();
            List<Socket> halfOpen = new ArrayList<>();
            try {
                for (int i = 0; i < 500; i++) {
                    halfOpen.add(new Socket(InetAddress.getLoopbackAddress(), server.port())); // connects, says nothing
                }
                long start = System.nanoTime();
                try (SshConnection c = client.connect("127.0.0.1", server.port())) {
                    assertEquals("through\n", c.run("through", Duration.ofSeconds(30)).stdoutText());
                }
                System.out.println("a client got through 500 half-open connections in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                // every half-open connection is closed by the server by the deadline (3 s) and a little
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                int stillOpen = 0;
                for (Socket s : halfOpen) {
                    s.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    try (InputStream in = s.getInputStream()) {
                        while (in.read() >= 0) {
                            // the server's version line, then its end
                        }
                    } catch (SocketTimeoutException e) {
                        stillOpen++;
                    } catch (IOException e) {
                        // reset: closed too
                    }
                }
                assertEquals(0, stillOpen, "half-open connections the server did not drop");
            } finally {
                for (Socket s : halfOpen) {
                    s.close();
                }
            }
            before.awaitBack("500 half-open connections", Duration.ofSeconds(30), 3, 24L << 20);
            assertTrue(server.openConnections() == 0, "open: " + server.openConnections());
        }
    }
}
