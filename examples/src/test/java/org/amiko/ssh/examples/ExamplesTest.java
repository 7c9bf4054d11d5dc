package org.amiko.ssh.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.auth.agent.InMemoryAgent;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.client.CommandResult;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.testserver.Users;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example, run against amiko's test server on 127.0.0.1. */
class ExamplesTest {

    @TempDir
    Path dir;

    private Path knownHosts(TestServer... servers) throws IOException {
        List<String> lines = new ArrayList<>();
        for (TestServer s : servers) {
            lines.addAll(s.knownHostsLines());
        }
        return Files.write(dir.resolve("known_hosts"), lines);
    }

    @Test
    void walkthrough() throws Exception {
        try (TestServer server = TestServer.builder().user("fakeuser", "pw").start()) {
            Path knownHosts = dir.resolve("known_hosts");
            List<String> lines = Walkthrough.run("127.0.0.1", server.port(), "fakeuser", "pw", knownHosts);
            assertTrue(lines.contains("etc"), lines.toString());
            assertTrue(Files.readString(knownHosts).startsWith("[127.0.0.1]:" + server.port()));
        }
    }

    @Test
    void bigOutput() throws Exception {
        try (TestServer server = TestServer.builder().user("u", "pw").start()) {
            CommandResult r = BigOutput.run("127.0.0.1", server.port(), "u", "pw", knownHosts(server));
            assertEquals(20_000_000, r.stdout().length());
            assertEquals(20_000_000, r.stderr().length());
        }
    }

    @Test
    void jumpHost() throws Exception {
        try (TestServer jump = TestServer.builder().user("u", "pw").start();
             TestServer target = TestServer.builder().user("u", "pw").start()) {
            assertEquals("reached through the jump host\n",
                    JumpHost.run("127.0.0.1", jump.port(), "127.0.0.1", target.port(), "u", "pw", knownHosts(jump, target)));
        }
    }

    @Test
    void portForwarding() throws Exception {
        try (TestServer server = TestServer.builder().user("u", "pw").start();
             ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (IOException ignored) {
                    // done
                }
            });
            t.setDaemon(true);
            t.start();
            assertEquals("ping\n", PortForwarding.run("127.0.0.1", server.port(), "u", "pw", knownHosts(server),
                    "127.0.0.1", echo.getLocalPort(), "ping\n"));
        }
    }

    @Test
    void agentAuthentication() throws Exception {
        KeyPair pair = PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom());
        InMemoryAgent agent = new InMemoryAgent();
        agent.add(pair, "example key");
        Path socket = dir.resolve("agent.sock");
        try (InMemoryAgent.Listener listener = agent.listen(socket);
             TestServer server = TestServer.builder()
                     .authorizedKey(Users.ANY_USER, new KeyPairSigner(pair, "example").publicKey()).start()) {
            assertEquals("signed by the agent\n", AgentAuth.run("127.0.0.1", server.port(), "u", knownHosts(server), socket));
        }
    }
}
