package org.amiko.ssh.auth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every ssh-agent does, checked through {@link UnixSocketAgent} (Go's {@code
 * testAgentInterface}): each subclass starts a fresh, empty agent on a Unix-domain socket, real
 * OpenSSH or our {@link InMemoryAgent}, and the same tests run against both. Keys go in through
 * our {@code add} and through OpenSSH's {@code ssh-add}; signatures are checked with {@link
 * SignatureAlgorithm#verify}.
 */
abstract class AgentContract {

    private static final byte[] DATA = "amiko agent contract: data to sign".getBytes(StandardCharsets.UTF_8);

    /** ssh-keygen's key files, made once per class (RSA 3072 takes a while). */
    @TempDir
    static Path keyDir;

    @TempDir
    Path dir;

    /** The connection under test. */
    UnixSocketAgent agent;
    Path socket;

    /** Starts a fresh agent with no keys listening on a socket in {@code dir}; returns the socket. */
    abstract Path startAgent(Path dir) throws IOException;

    /** Stops the agent {@link #startAgent} started. */
    abstract void stopAgent() throws IOException;

    @BeforeEach
    void connect() throws IOException {
        socket = startAgent(dir);
        agent = UnixSocketAgent.connect(socket, Duration.ofSeconds(20));
    }

    @AfterEach
    void disconnect() throws IOException {
        try {
            if (agent != null) {
                agent.close();
            }
        } finally {
            stopAgent();
        }
    }

    static Stream<KeyType> keyTypes() {
        return TestKeys.TYPES.stream();
    }

    /** Every key type with every algorithm it signs with (RSA: rsa-sha2-512, rsa-sha2-256, ssh-rsa). */
    static Stream<Arguments> keyTypesAndAlgorithms() {
        List<Arguments> out = new ArrayList<>();
        for (KeyType type : TestKeys.TYPES) {
            for (SignatureAlgorithm algorithm : SignatureAlgorithm.values()) {
                if (algorithm.keyType().equals(type.keyName())) {
                    out.add(Arguments.of(type, algorithm));
                }
            }
        }
        return out.stream();
    }

    @Test
    void aNewAgentHoldsNoKeys() throws IOException {
        assertEquals(List.of(), agent.identities());
    }

    @Test
    void addedKeysAreListedInOrderWithTheirComments() throws IOException {
        List<AgentIdentity> expected = new ArrayList<>();
        for (KeyType type : TestKeys.TYPES) {
            agent.add(TestKeys.pair(type), "amiko " + type + " \u00e9t\u00e9");
            expected.add(new AgentIdentity(TestKeys.publicKey(type), "amiko " + type + " \u00e9t\u00e9"));
        }
        assertEquals(expected, agent.identities());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("keyTypesAndAlgorithms")
    void signsWithAnAddedKey(KeyType type, SignatureAlgorithm algorithm) throws IOException {
        agent.add(TestKeys.pair(type), "added");
        assertSigns(TestKeys.publicKey(type), algorithm);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyTypes")
    void signsWithAKeyLoadedBySshAdd(KeyType type) throws IOException {
        Path file = keyFile(type);
        SshAgentProcess.sshAdd(socket, file.toString()).requireSuccess();
        SshPublicKey key = publicKeyOf(SshKeygen.publicKeyFile(file));
        assertEquals(List.of(new AgentIdentity(key, "amiko-test")), agent.identities());
        for (SignatureAlgorithm algorithm : new AgentSigner(agent, agent.identities().get(0)).algorithms()) {
            assertSigns(key, algorithm);
        }
    }

    @Test
    void sshAddListsTheKeysWeAdded() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "listed by ssh-add");
        agent.add(TestKeys.pair(KeyType.ECDSA_384), "second");
        String listing = SshAgentProcess.sshAdd(socket, "-L").requireSuccess().stdout();
        List<String> lines = listing.lines().toList();
        assertEquals(2, lines.size(), listing);
        assertEquals(publicKeyLine(TestKeys.publicKey(KeyType.ED25519), "listed by ssh-add"), lines.get(0));
        assertEquals(publicKeyLine(TestKeys.publicKey(KeyType.ECDSA_384), "second"), lines.get(1));
    }

    @Test
    void aSecondConnectionSeesTheSameKeys() throws IOException {
        agent.add(TestKeys.pair(KeyType.ECDSA_256), "shared");
        try (UnixSocketAgent other = UnixSocketAgent.connect(socket, Duration.ofSeconds(20))) {
            assertEquals(agent.identities(), other.identities());
            assertTrue(SignatureAlgorithm.ECDSA_SHA2_NISTP256.verify(TestKeys.publicKey(KeyType.ECDSA_256), DATA,
                    other.sign(TestKeys.publicKey(KeyType.ECDSA_256), DATA, SignatureAlgorithm.ECDSA_SHA2_NISTP256)));
        }
    }

    @Test
    void addingAKeyAgainReplacesItsComment() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "first");
        agent.add(TestKeys.pair(KeyType.ECDSA_256), "other");
        agent.add(TestKeys.pair(KeyType.ED25519), "renamed");
        assertEquals(List.of(new AgentIdentity(TestKeys.publicKey(KeyType.ED25519), "renamed"),
                new AgentIdentity(TestKeys.publicKey(KeyType.ECDSA_256), "other")), agent.identities());
    }

    @Test
    void removesOneKey() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "going");
        agent.add(TestKeys.pair(KeyType.ECDSA_521), "staying");
        agent.remove(TestKeys.publicKey(KeyType.ED25519));
        assertEquals(List.of(new AgentIdentity(TestKeys.publicKey(KeyType.ECDSA_521), "staying")), agent.identities());
        AgentException e = assertThrows(AgentException.class,
                () -> agent.sign(TestKeys.publicKey(KeyType.ED25519), DATA, SignatureAlgorithm.SSH_ED25519));
        assertEquals(AgentProtocol.SSH_AGENTC_SIGN_REQUEST, e.request());
        assertSigns(TestKeys.publicKey(KeyType.ECDSA_521), SignatureAlgorithm.ECDSA_SHA2_NISTP521);
    }

    @Test
    void removesAllKeys() throws IOException {
        for (KeyType type : TestKeys.TYPES) {
            agent.add(TestKeys.pair(type), type.label());
        }
        SshAgentProcess.sshAdd(socket, keyFile(KeyType.ECDSA_256).toString()).requireSuccess();
        agent.removeAll();
        assertEquals(List.of(), agent.identities());
        agent.removeAll();
        assertEquals(List.of(), agent.identities());
    }

    @Test
    void signingWithAnUnknownKeyIsATypedRefusalAndTheConnectionLives() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "known");
        SshPublicKey stranger = SshPublicKey.of(TestKeys.generate(KeyType.ED25519).getPublic());
        AgentException e = assertThrows(AgentException.class,
                () -> agent.sign(stranger, DATA, SignatureAlgorithm.SSH_ED25519));
        assertEquals(AgentProtocol.SSH_AGENTC_SIGN_REQUEST, e.request());
        assertTrue(e.getMessage().contains("SSH_AGENTC_SIGN_REQUEST"), e.getMessage());
        assertEquals(1, agent.identities().size());
    }

    @Test
    void removingAnUnknownKeyIsATypedRefusal() {
        AgentException e = assertThrows(AgentException.class, () -> agent.remove(TestKeys.publicKey(KeyType.ECDSA_384)));
        assertEquals(AgentProtocol.SSH_AGENTC_REMOVE_IDENTITY, e.request());
        assertEquals("SSH_AGENTC_REMOVE_IDENTITY", e.requestName());
    }

    @Test
    void anAlgorithmThatDoesNotFitTheKeyIsRefusedBeforeAsking() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "ed");
        assertThrows(IllegalArgumentException.class,
                () -> agent.sign(TestKeys.publicKey(KeyType.ED25519), DATA, SignatureAlgorithm.RSA_SHA2_256));
        assertEquals(1, agent.identities().size());
    }

    @Test
    void signsLargeData() throws IOException {
        agent.add(TestKeys.pair(KeyType.ED25519), "big");
        byte[] data = new byte[200 * 1024];
        new java.util.Random(5).nextBytes(data);
        Bytes signature = agent.sign(TestKeys.publicKey(KeyType.ED25519), data, SignatureAlgorithm.SSH_ED25519);
        assertTrue(SignatureAlgorithm.SSH_ED25519.verify(TestKeys.publicKey(KeyType.ED25519), data, signature));
    }

    @Test
    void agentSignersSignWithEveryAlgorithmOfTheirKey() throws IOException {
        agent.add(TestKeys.pair(KeyType.RSA_3072), "rsa in the agent");
        agent.add(TestKeys.pair(KeyType.ED25519), "ed in the agent");
        List<AgentSigner> signers = AgentSigner.all(agent);
        assertEquals(2, signers.size());
        AgentSigner rsa = signers.get(0);
        assertEquals(List.of(SignatureAlgorithm.RSA_SHA2_512, SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.SSH_RSA),
                rsa.algorithms());
        assertEquals("agent: rsa in the agent", rsa.description());
        assertEquals(List.of(SignatureAlgorithm.SSH_ED25519), signers.get(1).algorithms());
        for (AgentSigner signer : signers) {
            for (SignatureAlgorithm algorithm : signer.algorithms()) {
                assertTrue(algorithm.verify(signer.publicKey(), DATA, signer.sign(algorithm, DATA)), algorithm.wireName());
            }
        }
    }

    /** The agent signs DATA with {@code algorithm}; the signature verifies, and not over other data. */
    void assertSigns(SshPublicKey key, SignatureAlgorithm algorithm) throws IOException {
        Bytes signature = agent.sign(key, DATA, algorithm);
        assertEquals(algorithm.wireName(), new String(signature.toByteArray(), 4, algorithm.wireName().length(),
                StandardCharsets.US_ASCII));
        assertTrue(algorithm.verify(key, DATA, signature), algorithm + " signature does not verify");
        assertFalse(algorithm.verify(key, "other data".getBytes(StandardCharsets.UTF_8), signature));
    }

    static Path keyFile(KeyType type) {
        Path file = keyDir.resolve("id_" + type.label());
        if (!Files.exists(file)) {
            SshKeygen.generate(file, type);
        }
        return file;
    }

    static SshPublicKey publicKeyOf(Path pubFile) throws IOException {
        String[] fields = Files.readString(pubFile, StandardCharsets.US_ASCII).strip().split(" ");
        return SshPublicKey.decode(Bytes.of(Base64.getDecoder().decode(fields[1])));
    }

    static String publicKeyLine(SshPublicKey key, String comment) {
        return key.keyType() + " " + Base64.getEncoder().encodeToString(key.blob().toByteArray()) + " " + comment;
    }
}
