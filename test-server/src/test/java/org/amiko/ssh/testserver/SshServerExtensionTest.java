package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.testserver.junit.ServerKnownHosts;
import org.amiko.ssh.testserver.junit.SshServerExtension;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: a server per class, injected with its host key and a known_hosts file. */
class SshServerExtensionTest {

    @RegisterExtension
    static SshServerExtension ssh = SshServerExtension.with(() -> TestServer.builder().user("alice", "secret")
            .commands(ScriptedCommands.of(line -> ScriptedCommands.Result.stdout("ran " + line + "\n"))));

    @Test
    void injectsTheServerItsKeyAndAKnownHostsFile(TestServer server, SshPublicKey hostKey, @ServerKnownHosts Path knownHosts)
            throws Exception {
        assertEquals(server.hostKey(), hostKey);
        List<String> lines = Files.readAllLines(knownHosts);
        assertEquals(server.knownHostsLines(), lines);
        assertTrue(lines.get(0).startsWith("[127.0.0.1]:" + server.port() + " ssh-ed25519 "), lines.get(0));
        try (Connection c = Clients.connect(server, "alice", "secret")) {
            SessionChannel s = c.openSession();
            s.exec("x");
            assertEquals("ran x\n", new String(s.stdout().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameServerServesTheWholeClass(TestServer server) {
        assertTrue(server == ssh.server());
        assertTrue(server.acceptedConnections() >= 0);
    }
}
