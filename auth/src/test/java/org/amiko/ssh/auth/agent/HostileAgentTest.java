package org.amiko.ssh.auth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link UnixSocketAgent} against agents that misbehave, scripted byte by byte: every case ends
 * quickly in one typed exception, never a hang or an out-of-memory error.
 */
class HostileAgentTest {

    /** Long enough never to be the reason a fast-failure test passes. */
    private static final Duration PATIENT = Duration.ofSeconds(20);
    /** The bound on tests that must fail fast. */
    private static final Duration FAST = Duration.ofSeconds(3);
    private static final byte[] DATA = "data".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    @Test
    void aHugeLengthFailsFastBeforeAnythingIsAllocated() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.replies(hex("ffffffff")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ProtocolException e = assertTimeoutPreemptively(FAST,
                    () -> assertThrows(ProtocolException.class, agent::identities));
            assertTrue(e.getMessage().contains("4294967295 exceeds the maximum 262144"), e.getMessage());
            // The stream is out of step: the connection is closed, and stays closed.
            assertThrows(ConnectionClosedException.class, agent::identities);
        }
    }

    @Test
    void aLengthOneOverTheMaximumIsRefused() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.replies(hex("00040001")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            assertTimeoutPreemptively(FAST, () -> assertThrows(ProtocolException.class, agent::identities));
        }
    }

    @Test
    void anEmptyMessageIsRefused() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.replies(hex("00000000")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ProtocolException e = assertTimeoutPreemptively(FAST, () -> assertThrows(ProtocolException.class, agent::removeAll));
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
    }

    @Test
    void aSilentAgentTimesOut() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, (request, channel) -> { });
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), Duration.ofMillis(300))) {
            long start = System.nanoTime();
            ConnectionClosedException e = assertTimeoutPreemptively(FAST,
                    () -> assertThrows(ConnectionClosedException.class, agent::identities));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 290, "gave up after " + millis + " ms");
            assertTrue(e.getMessage().contains("did not answer SSH_AGENTC_REQUEST_IDENTITIES within PT0.3S"), e.getMessage());
            assertThrows(ConnectionClosedException.class, agent::identities);
        }
    }

    @Test
    void anAgentStallingInsideAFrameTimesOut() throws IOException {
        // A length of 100, then 10 of the 100 bytes, then nothing.
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.replies(hex("00000064 0c000000000000000000")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), Duration.ofMillis(300))) {
            assertTimeoutPreemptively(FAST, () -> assertThrows(ConnectionClosedException.class, agent::identities));
        }
    }

    @Test
    void anAgentThatHangsUpIsAClosedConnection() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, (request, channel) -> channel.close());
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ConnectionClosedException e = assertTimeoutPreemptively(FAST,
                    () -> assertThrows(ConnectionClosedException.class, agent::identities));
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingRequest() throws Exception {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, (request, channel) -> { })) {
            UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT);
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    agent.identities();
                } catch (IOException e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            while (peer.requests().isEmpty()) {
                Thread.sleep(5);
            }
            agent.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> waiting.get(3, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof ConnectionClosedException, String.valueOf(e.getCause()));
        }
    }

    @Test
    void anAnswerOfTheWrongKindIsAProtocolError() throws IOException {
        byte[] signResponse = AgentProtocol.signResponse(org.amiko.ssh.transport.wire.Bytes.of(new byte[8]));
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.answers(signResponse));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ProtocolException e = assertThrows(ProtocolException.class, agent::identities);
            assertTrue(e.getMessage().contains("expected SSH_AGENT_IDENTITIES_ANSWER, got SSH_AGENT_SIGN_RESPONSE"), e.getMessage());
        }
    }

    @Test
    void anAnswerClaimingMoreKeysThanItHoldsIsRefused() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.answers(hex("0c 7fffffff"
                + "00000000 00000000")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ProtocolException e = assertTimeoutPreemptively(FAST, () -> assertThrows(ProtocolException.class, agent::identities));
            assertTrue(e.getMessage().contains("claims 2147483647 keys"), e.getMessage());
        }
    }

    @Test
    void anSha1SignatureForAnSha2RequestIsRefused() throws IOException {
        // An agent that ignores the flags answers ssh-rsa (SHA-1); sending that on would be a downgrade.
        byte[] sha1Signature = new SshWriter().writeUtf8("ssh-rsa").writeString(new byte[384]).toByteArray();
        SshPublicKey rsa = TestKeys.publicKey(KeyType.RSA_3072);
        try (ScriptedAgent peer = ScriptedAgent.start(dir,
                        ScriptedAgent.answers(AgentProtocol.signResponse(org.amiko.ssh.transport.wire.Bytes.of(sha1Signature))));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> agent.sign(rsa, DATA, SignatureAlgorithm.RSA_SHA2_512));
            assertEquals("asked the ssh-agent for rsa-sha2-512, it signed with ssh-rsa", e.getMessage());
        }
    }

    @Test
    void theSignRequestCarriesTheRsaFlags() throws IOException {
        SshPublicKey rsa = TestKeys.publicKey(KeyType.RSA_3072);
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.answers(AgentProtocol.status(false)));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            for (SignatureAlgorithm algorithm : List.of(SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.RSA_SHA2_512,
                    SignatureAlgorithm.SSH_RSA)) {
                assertThrows(AgentException.class, () -> agent.sign(rsa, DATA, algorithm));
            }
            List<Long> flags = peer.requests().stream().map(HostileAgentTest::signFlags).toList();
            assertEquals(List.of(2L, 4L, 0L), flags);
        }
    }

    @Test
    void legacyFailureCodesAreRefusalsToo() throws IOException {
        for (String code : List.of("1e", "66", "1c")) {
            try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.answers(hex(code)));
                    UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
                AgentException e = assertThrows(AgentException.class, agent::removeAll);
                assertEquals(AgentProtocol.SSH_AGENTC_REMOVE_ALL_IDENTITIES, e.request());
            }
        }
    }

    @Test
    void aSuccessWithTrailingBytesIsAProtocolError() throws IOException {
        try (ScriptedAgent peer = ScriptedAgent.start(dir, ScriptedAgent.answers(hex("06 00")));
                UnixSocketAgent agent = UnixSocketAgent.connect(peer.socket(), PATIENT)) {
            assertThrows(ProtocolException.class, agent::removeAll);
        }
    }

    @Test
    void noSshAuthSockIsAClearError() {
        for (String unset : new String[] {null, "", "  "}) {
            SshException e = assertThrows(SshException.class, () -> UnixSocketAgent.fromEnvironment(unset, PATIENT));
            assertTrue(e.getMessage().startsWith("SSH_AUTH_SOCK is not set"), e.getMessage());
        }
    }

    @Test
    void aMissingSocketIsAClearError() {
        Path missing = dir.resolve("no-agent-here.sock");
        SshException e = assertThrows(SshException.class, () -> UnixSocketAgent.connect(missing, PATIENT));
        assertTrue(e.getMessage().contains("cannot connect to the ssh-agent at " + missing), e.getMessage());
    }

    private static long signFlags(byte[] request) {
        try {
            SshReader r = new SshReader(request, 1, request.length - 1);
            r.readString();
            r.readString();
            long flags = r.readUint32();
            r.ensureEnd();
            return flags;
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }
}
