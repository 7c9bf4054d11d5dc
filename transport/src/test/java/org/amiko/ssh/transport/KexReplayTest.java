package org.amiko.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.ExtInfo;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A key exchange message the exchange is no longer waiting for is a protocol error, in both
 * roles: a replayed ECDH_INIT or ECDH_REPLY must not run the method again (a second NEWKEYS would
 * install the same keys with their counters reset: nonce and keystream reuse). Driven by a
 * {@link KexPeer} that gets through a real key exchange and then misbehaves.
 */
class KexReplayTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final HostKey HOST_KEY = TestKeys.hostKey("ssh-ed25519");

    private static CompletableFuture<Transport> start(Role role, MemoryPipe.End end) {
        TransportConfig config = role.isClient()
                ? TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).build()
                : TransportConfig.builder().hostKeys(List.of(HOST_KEY)).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(role, end.in(), end.out(), config, "peer", 22);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static Throwable startFailure(CompletableFuture<Transport> t) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> t.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return e.getCause().getCause();
    }

    /** Reads up to the DISCONNECT our side sends and returns it. */
    private static Disconnect disconnectFrom(KexPeer peer) throws IOException {
        for (byte[] p = peer.receive(); p != null; p = peer.receive()) {
            if (p[0] == Disconnect.ID) {
                return (Disconnect) TransportMessage.decode(p);
            }
            if ((p[0] & 0xff) >= 30 && (p[0] & 0xff) <= 49) {
                throw new AssertionError("the key exchange ran again: it sent message " + (p[0] & 0xff));
            }
        }
        throw new AssertionError("no DISCONNECT before the end of the stream");
    }

    @ParameterizedTest
    @ValueSource(strings = {KexMethods.CURVE25519_SHA256, KexMethods.ECDH_NISTP256, KexMethods.DH_GROUP14_SHA256, KexMethods.DH_GEX_SHA256})
    void serverRefusesAReplayedClientMessageBeforeNewKeys(String kex) {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = start(Role.SERVER, pipe.b());
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.exchangeVersions().sendKexInit(kex, true).receiveKexInit().runMethod();
                List<byte[]> sent = client.methodMessagesSent();
                client.send(sent.get(sent.size() - 1)); // the replay, before our NEWKEYS
                client.receiveNewKeys();
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), d.reasonCode(), d.description());
            }
            assertInstanceOf(ProtocolException.class, startFailure(server));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {KexMethods.CURVE25519_SHA256, KexMethods.ECDH_NISTP256, KexMethods.DH_GROUP14_SHA256, KexMethods.DH_GEX_SHA256})
    void clientRefusesAReplayedServerMessageBeforeNewKeys(String kex) {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> client = start(Role.CLIENT, pipe.a());
            try (KexPeer server = KexPeer.server(pipe.b().in(), pipe.b().out(), HOST_KEY)) {
                server.exchangeVersions().sendKexInit(kex, true).receiveKexInit().runMethod();
                List<byte[]> sent = server.methodMessagesSent();
                server.send(sent.get(sent.size() - 1)); // the reply again
                server.receiveNewKeys();
                Disconnect d = disconnectFrom(server);
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), d.reasonCode(), d.description());
            }
            assertInstanceOf(ProtocolException.class, startFailure(client));
        });
    }

    @Test
    void serverRefusesAReplayedClientMessageAfterNewKeys() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = start(Role.SERVER, pipe.b());
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                client.send(client.methodMessagesSent().get(0)); // under the new keys this time
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), d.reasonCode(), d.description());
                assertTrue(waitForFailure(t) instanceof ProtocolException, String.valueOf(t.failure()));
            }
        });
    }

    /** RFC 4253 §7.1: between the peer's KEXINIT and its NEWKEYS, nothing but kex and generic messages (OpenSSH 10.4 disconnects too). */
    @ParameterizedTest
    @ValueSource(ints = {ServiceRequest.ID, ExtInfo.ID, 50, 80, 94, 192})
    void aNonKexMessageInsideThePeersReKeyIsFatal(int id) {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = start(Role.SERVER, pipe.b());
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                t.send(new byte[] {52}); // USERAUTH_SUCCESS: a server takes a re-key only after authentication
                assertEquals(52, client.receiveSkippingNoise()[0]);
                client.sendKexInit(KexMethods.CURVE25519_SHA256, false);
                client.send(new Ignore(Bytes.of(new byte[4])).toPayload()); // generic: allowed
                client.send(message(id));
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), d.reasonCode(), d.description());
                assertInstanceOf(ProtocolException.class, waitForFailure(t));
            }
        });
    }

    /** As sshd: before authentication a server answers a client's re-key with UNIMPLEMENTED and runs no exchange. */
    @Test
    void aReKeyBeforeAuthenticationIsAnsweredUnimplemented() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = start(Role.SERVER, pipe.b());
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                for (int i = 0; i < 3; i++) {
                    client.sendKexInit(KexMethods.CURVE25519_SHA256, false);
                    byte[] answer = client.receiveSkippingNoise();
                    assertEquals(3, answer[0], "UNIMPLEMENTED expected, got message " + answer[0]);
                }
                assertEquals(1, t.keyExchanges(), "no exchange ran");
                client.send(new ServiceRequest("ssh-userauth").toPayload());
                assertEquals(ServiceRequest.ID, t.receive(WAIT)[0], "the connection goes on");
                t.close();
            }
        });
    }

    /** RFC 8308 §2.4: EXT_INFO comes after NEWKEYS; before it, it would be unauthenticated. */
    @Test
    void extInfoBeforeTheFirstNewKeysIsFatal() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> client = start(Role.CLIENT, pipe.a());
            try (KexPeer server = KexPeer.server(pipe.b().in(), pipe.b().out(), HOST_KEY)) {
                server.exchangeVersions().sendKexInit(KexMethods.CURVE25519_SHA256, false);
                server.send(ExtInfo.serverSigAlgs(List.of("ssh-rsa")).toPayload());
                server.receiveKexInit();
                byte[] d;
                do {
                    d = server.receive();
                } while (d != null && d[0] != Disconnect.ID);
                assertNotNull(d, "the client should have disconnected");
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), ((Disconnect) TransportMessage.decode(d)).reasonCode());
            }
            assertInstanceOf(ProtocolException.class, startFailure(client));
        });
    }

    private static byte[] message(int id) {
        return id == ServiceRequest.ID ? new ServiceRequest("ssh-userauth").toPayload()
                : id == ExtInfo.ID ? ExtInfo.serverSigAlgs(List.of("ssh-ed25519")).toPayload()
                : new byte[] {(byte) id, 0, 0, 0, 0};
    }

    private static SshException waitForFailure(Transport t) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (t.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return t.failure();
    }
}
