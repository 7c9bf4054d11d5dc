package org.amiko.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.packet.Compression;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Our client against our server role over an in-memory pipe: every algorithm, re-keying, strict kex. */
class TransportOverPipeTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    static TransportConfig.Builder client() {
        return TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.acceptAnyInsecurely());
    }

    static TransportConfig.Builder server() {
        return TransportConfig.builder().hostKeys(TestKeys.all());
    }

    /** Both sides agree on the session, and application messages flow both ways. */
    static void exchange(PipeConnection c, int messages) throws Exception {
        assertArrayEquals(c.client().sessionId(), c.server().sessionId());
        assertEquals(c.client().negotiated(), c.server().negotiated());
        SplittableRandom rnd = new SplittableRandom(messages);
        for (int i = 0; i < messages; i++) {
            byte[] up = new byte[1 + rnd.nextInt(3000)];
            rnd.nextBytes(up);
            up[0] = (byte) (50 + rnd.nextInt(100));
            c.client().send(up);
            assertArrayEquals(up, c.server().receive(WAIT));
            byte[] down = up.clone();
            down[down.length - 1] ^= 1;
            c.server().send(down);
            assertArrayEquals(down, c.client().receive(WAIT));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyKeyExchangeMethod() {
        return KexMethods.supportedNames().stream().map(kex -> DynamicTest.dynamicTest(kex, () -> {
            try (PipeConnection c = PipeConnection.open(client().kexAlgorithms(List.of(kex)).build(), server().kexAlgorithms(List.of(kex)).build())) {
                assertEquals(kex, c.client().negotiated().kex());
                assertTrue(c.client().negotiated().strictKex());
                exchange(c, 3);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyHostKeyAlgorithm() {
        return SignatureAlgorithm.supportedNames().stream().map(alg -> DynamicTest.dynamicTest(alg, () -> {
            TransportConfig cc = client().kexAlgorithms(List.of(KexMethods.CURVE25519_SHA256)).hostKeyAlgorithms(List.of(alg)).build();
            TransportConfig sc = server().kexAlgorithms(List.of(KexMethods.CURVE25519_SHA256)).hostKeyAlgorithms(List.of(alg)).build();
            try (PipeConnection c = PipeConnection.open(cc, sc)) {
                assertEquals(alg, c.client().negotiated().hostKey());
                assertEquals(SignatureAlgorithm.find(alg).orElseThrow().keyType(), c.client().hostKey().keyType());
                exchange(c, 2);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyCipherAndMac() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String cipher : Ciphers.defaultNames()) {
            List<String> macs = Ciphers.find(cipher).orElseThrow().aead() ? List.of(Macs.HMAC_SHA2_256) : Macs.supportedNames();
            for (String mac : macs) {
                for (String compression : Compression.supportedNames()) {
                    tests.add(DynamicTest.dynamicTest(cipher + " " + mac + " " + compression, () -> {
                        TransportConfig cc = client().ciphers(List.of(cipher)).macs(List.of(mac)).compression(List.of(compression))
                                .kexAlgorithms(List.of(KexMethods.CURVE25519_SHA256)).build();
                        TransportConfig sc = server().ciphers(List.of(cipher)).macs(List.of(mac)).compression(List.of(compression))
                                .kexAlgorithms(List.of(KexMethods.CURVE25519_SHA256)).build();
                        try (PipeConnection c = PipeConnection.open(cc, sc)) {
                            assertEquals(cipher, c.client().negotiated().cipherClientToServer());
                            assertEquals(compression, c.server().negotiated().compressionServerToClient());
                            exchange(c, 3);
                        }
                    }));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void defaultsNegotiateThePostQuantumHybrid() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            assertEquals(KexMethods.MLKEM768_X25519_SHA256, c.client().negotiated().kex());
            assertEquals("ssh-ed25519", c.client().negotiated().hostKey());
            assertEquals(Ciphers.CHACHA20_POLY1305, c.client().negotiated().cipherClientToServer());
            acceptUserauth(c);
            // EXT_INFO follows the server's NEWKEYS, so it has been read by the time SERVICE_ACCEPT arrives.
            assertEquals(SignatureAlgorithm.defaultNames(), c.client().serverSigAlgs(), "EXT_INFO server-sig-algs");
            exchange(c, 5);
        }
    }

    @Test
    void delayedCompressionStartsWithUserauthSuccess() throws Exception {
        TransportConfig cc = client().compression(List.of(Compression.ZLIB_DELAYED)).build();
        TransportConfig sc = server().compression(List.of(Compression.ZLIB_DELAYED)).build();
        try (PipeConnection c = PipeConnection.open(cc, sc)) {
            exchange(c, 3);
            authenticate(c);
            exchange(c, 20);
            c.client().requestKeyExchange(); // a new zlib stream starts at once after re-keying
            exchange(c, 20);
        }
    }

    @Test
    void eitherSideCanReKeyWhileMessagesFlow() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            byte[] sessionId = c.client().sessionId();
            authenticate(c); // a server takes a client's re-key only after authentication, as sshd
            for (int round = 0; round < 6; round++) {
                (round % 2 == 0 ? c.client() : c.server()).requestKeyExchange();
                exchange(c, 10);
            }
            waitFor(() -> c.client().keyExchanges() == 7 && c.server().keyExchanges() == 7);
            assertArrayEquals(sessionId, c.client().sessionId(), "the session id is the first exchange hash, for good");
        }
    }

    /** Stands in for user authentication: the server sends USERAUTH_SUCCESS (RFC 4252 §5.1). */
    static void authenticate(PipeConnection c) throws Exception {
        c.server().send(new byte[] {52});
        assertArrayEquals(new byte[] {52}, c.client().receive(WAIT));
    }

    @Test
    void byteLimitTriggersReKeysAfterAuthentication() throws Exception {
        TransportConfig cc = client().rekeyBytes(20_000).build();
        try (PipeConnection c = PipeConnection.open(cc, server().build())) {
            exchange(c, 30);
            assertEquals(1, c.client().keyExchanges(), "no automatic re-key before authentication (OpenSSH refuses it)");
            authenticate(c);
            exchange(c, 60); // about 90 KB each way
            waitFor(() -> c.client().keyExchanges() >= 3);
            assertEquals(c.client().keyExchanges(), c.server().keyExchanges());
        }
    }

    /** RFC 4253 §10: the client asks for ssh-userauth, the server accepts. */
    static void acceptUserauth(PipeConnection c) throws Exception {
        java.util.concurrent.CompletableFuture<String> accepted = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return c.server().acceptService(List.of("ssh-userauth"), WAIT);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        c.client().requestService("ssh-userauth", WAIT);
        assertEquals("ssh-userauth", accepted.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    @Test
    void serviceRequestIsAccepted() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            acceptUserauth(c);
            exchange(c, 1);
        }
    }

    @Test
    void unknownServiceIsRefusedWithServiceNotAvailable() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            Thread t = new Thread(() -> {
                try {
                    c.server().acceptService(List.of("ssh-userauth"), WAIT);
                } catch (Exception expected) {
                    // the server refuses and disconnects
                }
            });
            t.start();
            DisconnectException e = assertThrows(DisconnectException.class, () -> c.client().requestService("ssh-connection", WAIT));
            assertEquals(DisconnectReason.SERVICE_NOT_AVAILABLE, e.reason());
            assertTrue(e.byPeer());
            t.join(WAIT.toMillis());
        }
    }

    @Test
    void noCommonAlgorithmSaysWhatEachSideOffered() {
        TransportConfig cc = client().ciphers(List.of(Ciphers.AES128_CTR)).build();
        TransportConfig sc = server().ciphers(List.of(Ciphers.AES256_GCM)).build();
        AlgorithmNegotiationException e = assertThrows(AlgorithmNegotiationException.class, () -> PipeConnection.open(cc, sc));
        assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED, e.reason());
        assertEquals(List.of(Ciphers.AES128_CTR), e.client());
        assertEquals(List.of(Ciphers.AES256_GCM), e.server());
    }

    @Test
    void refusedHostKeyEndsTheConnection() {
        TransportConfig cc = client().hostKeyVerifier((host, port, key) -> {
            throw new SshException("not in known_hosts: " + key);
        }).build();
        HostKeyRejectedException e = assertThrows(HostKeyRejectedException.class, () -> PipeConnection.open(cc, server().build()));
        assertEquals("server.test", e.host());
        assertEquals(DisconnectReason.HOST_KEY_NOT_VERIFIABLE, e.reason());
        assertTrue(e.getMessage().contains("not in known_hosts"), e.getMessage());
    }

    @Test
    void clientWithoutVerifierIsRefused() {
        TransportConfig cc = TransportConfig.builder().build();
        assertThrows(IllegalArgumentException.class, () -> PipeConnection.open(cc, server().build()));
    }

    @Test
    void closeEndsTheReaderAndWakesReceivers() throws Exception {
        PipeConnection c = PipeConnection.open(client().build(), server().build());
        c.client().close();
        assertFalse(c.client().isOpen());
        DisconnectException e = assertThrows(DisconnectException.class, () -> c.server().receive(WAIT));
        assertEquals(DisconnectReason.BY_APPLICATION, e.reason());
        assertThrows(SshException.class, () -> c.client().send(new byte[] {90}));
        c.server().close();
        waitFor(() -> Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("amiko-transport-reader")));
    }

    @Test
    void receiveTimesOut() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            assertNull(c.client().receive(Duration.ofMillis(50)));
        }
    }

    @Test
    void transportRefusesToSendItsOwnMessages() throws Exception {
        try (PipeConnection c = PipeConnection.open(client().build(), server().build())) {
            assertThrows(IllegalArgumentException.class, () -> c.client().send(new byte[] {20}));
            assertThrows(IllegalArgumentException.class, () -> c.client().send(new byte[] {31}));
            assertNotNull(c.client().sessionId());
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void disconnectCarriesTheReason() throws Exception {
        PipeConnection c = PipeConnection.open(client().build(), server().build());
        c.server().disconnect(DisconnectReason.TOO_MANY_CONNECTIONS, "full");
        DisconnectException e = assertThrows(DisconnectException.class, () -> c.client().receive(WAIT));
        assertEquals(DisconnectReason.TOO_MANY_CONNECTIONS, e.reason());
        assertInstanceOf(DisconnectException.class, c.client().failure());
        c.close();
    }
}
