package org.amiko.ssh.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.auth.AuthenticationException;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.knownhosts.KnownHostsEditor;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.testserver.Users;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy that accepts changed keys (ACCEPT_ALL, StrictHostKeyChecking=no) still refuses a
 * revoked key, and with a changed key goes on as ssh(1) does: no password or keyboard-interactive
 * for a possible man in the middle, no port forwarding.
 */
class ChangedHostKeyPolicyTest {

    private static final KeyPairSigner KEY = new KeyPairSigner(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "key");
    private static TestServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.builder().user("alice", "secret").authorizedKey(Users.ANY_USER, KEY.publicKey()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Path knownHostsWithAnotherKey() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        SshPublicKey other = HostKey.generate(server.hostKey().keyType(), new SecureRandom()).publicKey();
        KnownHostsEditor.of(knownHosts).add("127.0.0.1", server.port(), other.keyType(), other.blob().toByteArray(), false, "");
        return knownHosts;
    }

    private static SshClient.Builder client(Path knownHosts) {
        return SshClient.builder().user("alice").agent(false).lookForKeys(false).loadHostKeys(knownHosts);
    }

    @Test
    void aChangedKeyAcceptedAnywayGetsNoPassword() throws Exception {
        List<String> prompts = new ArrayList<>();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> client(knownHostsWithAnotherKey())
                .hostKeyPolicy(HostKeyPolicy.ACCEPT_ALL).password("secret")
                .keyboardInteractive((name, instruction, p) -> {
                    prompts.add(name);
                    return List.of("secret");
                }).build().connect("127.0.0.1", server.port()));
        assertTrue(e.tried().stream().noneMatch(t -> t.contains("password") || t.contains("keyboard")), e.tried().toString());
        assertEquals(List.of(), prompts, "keyboard-interactive must not be answered either");
    }

    @Test
    void aChangedKeyAcceptedAnywayAllowsKeysButNoForwarding() throws Exception {
        List<ChangedHostKeyException> warned = new ArrayList<>();
        HostKeyPolicy acceptChanged = new HostKeyPolicy() {
            @Override
            public void unknownHost(UnknownHost host) {
            }

            @Override
            public boolean acceptsChangedKeys() {
                return true;
            }

            @Override
            public void changedKeyAccepted(ChangedHostKeyException changed) {
                warned.add(changed);
            }
        };
        try (SshConnection c = client(knownHostsWithAnotherKey()).hostKeyPolicy(acceptChanged).identity(KEY).build()
                .connect("127.0.0.1", server.port())) {
            assertEquals("ok\n", c.run("echo ok", java.time.Duration.ofSeconds(30)).stdoutText());
            assertEquals(1, warned.size());
            java.io.IOException f = assertThrows(java.io.IOException.class, () -> c.forwardLocal(0, "127.0.0.1", server.port()));
            assertTrue(f.getMessage().contains("man-in-the-middle"), f.getMessage());
            assertThrows(java.io.IOException.class, () -> c.forwardRemote("127.0.0.1", 0, "127.0.0.1", 22));
        }
    }

    @Test
    void aRevokedKeyIsRefusedEvenUnderAcceptAll() throws Exception {
        Path knownHosts = dir.resolve("known_hosts");
        List<String> lines = new ArrayList<>();
        for (String line : server.knownHostsLines()) {
            lines.add("@revoked " + line);
        }
        Files.write(knownHosts, lines);
        assertThrows(RevokedHostKeyException.class, () -> client(knownHosts).hostKeyPolicy(HostKeyPolicy.ACCEPT_ALL)
                .identity(KEY).build().connect("127.0.0.1", server.port()));
    }

    @Test
    void anUnknownKeyUnderAcceptAllKeepsEverything() throws Exception {
        try (SshConnection c = client(dir.resolve("none")).hostKeyPolicy(HostKeyPolicy.ACCEPT_ALL).password("secret").build()
                .connect("127.0.0.1", server.port())) {
            assertTrue(c.isOpen());
        }
    }
}
