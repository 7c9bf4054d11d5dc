package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.ChannelTimeoutException;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run() against a server that is slow on purpose or floods: the timeout bounds the whole run
 * (a byte every now and then cannot stretch it), and the output kept is bounded.
 */
class RunLimitsTest {

    @TempDir
    Path dir;

    private static TestServer server() throws IOException {
        return TestServer.builder().user("u", "pw").commands(command -> {
            if (command.line().equals("trickle")) {
                for (int i = 0; i < 40; i++) {
                    command.stdout().write('.');
                    command.stdout().flush();
                    Thread.sleep(250);
                }
            } else if (command.line().equals("flood")) {
                byte[] chunk = new byte[64 * 1024];
                for (int i = 0; i < 64; i++) {
                    command.stdout().write(chunk);
                }
            }
            return new ExitStatus.Exited(0);
        }).start();
    }

    private SshConnection connect(TestServer server) throws IOException {
        return SshClient.builder().user("u").password("pw").agent(false).lookForKeys(false)
                .loadHostKeys(server.writeKnownHosts(dir.resolve("known_hosts"))).build().connect("127.0.0.1", server.port());
    }

    @Test
    void theTimeoutBoundsTheWholeRunNotEachRead() throws Exception {
        try (TestServer server = server(); SshConnection c = connect(server)) {
            long start = System.nanoTime();
            assertThrows(ChannelTimeoutException.class, () -> c.run("trickle", Duration.ofSeconds(1)));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 4000, "a trickle of bytes stretched a 1 s run to " + took + " ms");
        }
    }

    @Test
    void outputBeyondTheCapEndsTheRun() throws Exception {
        try (TestServer server = server(); SshConnection c = connect(server)) {
            IOException e = assertThrows(IOException.class, () -> c.run("flood", Duration.ofSeconds(30), 1 << 20));
            assertTrue(e.getMessage().contains("exceeded " + (1 << 20)), e.getMessage());
            assertEquals(4 << 20, c.run("flood", Duration.ofSeconds(30)).stdout().length(), "the default cap is far above");
            assertEquals(64L << 20, SshConnection.DEFAULT_MAX_OUTPUT);
        }
    }

    /** ACCEPT_NEW decides again under the file's lock: a key recorded meanwhile by another process is not joined by a second. */
    @Test
    void trustOnFirstUseRechecksTheFileUnderItsLock() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        SshPublicKey mine = HostKey.generate("ssh-ed25519", new SecureRandom()).publicKey();
        SshPublicKey theirs = HostKey.generate("ssh-ed25519", new SecureRandom()).publicKey();
        KnownHostsEditor editor = KnownHostsEditor.of(knownHosts);
        // another process recorded a key for the host after this connection read the file
        editor.add("example.com", 22, theirs.keyType(), theirs.blob().toByteArray(), false, "");
        assertThrows(ChangedHostKeyException.class, () -> HostKeyPolicy.ACCEPT_NEW.unknownHost(
                new HostKeyPolicy.UnknownHost("example.com", 22, mine, editor, false)));
        assertEquals(1, java.nio.file.Files.readAllLines(knownHosts).size());
        HostKeyPolicy.ACCEPT_NEW.unknownHost(new HostKeyPolicy.UnknownHost("example.com", 22, theirs, editor, false));
        assertEquals(1, java.nio.file.Files.readAllLines(knownHosts).size(), "the same key is not written twice");
    }
}
