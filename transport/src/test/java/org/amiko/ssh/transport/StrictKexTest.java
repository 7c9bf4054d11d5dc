package org.amiko.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.AlgorithmNegotiation;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.Ignore;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;

/**
 * Strict key exchange (OpenSSH PROTOCOL §1.10, the Terrapin countermeasure) in both roles, and
 * RFC 4253 §7's wrongly guessed first packet, driven by a {@link RawPeer}.
 */
class StrictKexTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> KEX = List.of(KexMethods.CURVE25519_SHA256);

    private static TransportConfig serverConfig() {
        return TransportConfig.builder().hostKeys(List.of(TestKeys.hostKey("ssh-ed25519"))).kexAlgorithms(KEX)
                .ciphers(List.of("aes128-ctr")).macs(List.of("hmac-sha2-256")).compression(List.of("none")).build();
    }

    /** Starts our server on one end; returns the future of its start (which fails if it disconnects). */
    private static CompletableFuture<Transport> server(MemoryPipe pipe) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(), serverConfig(), "raw", 0);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private static Throwable failure(CompletableFuture<Transport> server) throws Exception {
        ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        return e.getCause().getCause();
    }

    private static Disconnect disconnectFrom(RawPeer peer) throws Exception {
        byte[] d = peer.receiveUntil(Disconnect.ID);
        assertNotNull(d, "the server should have sent DISCONNECT");
        return (Disconnect) TransportMessage.decode(d);
    }

    private static List<String> strictClientKex() {
        return List.of(KexMethods.CURVE25519_SHA256, AlgorithmNegotiation.EXT_INFO_C, AlgorithmNegotiation.KEX_STRICT_C);
    }

    @Test
    void injectedMessageAfterKexInitIsFatalUnderStrictKex() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = server(pipe);
            try (RawPeer client = RawPeer.client(pipe.a())) {
                client.send(RawPeer.kexInit(strictClientKex(), false).toPayload());
                client.send(new Ignore(Bytes.of(new byte[8])).toPayload()); // what a Terrapin attacker injects
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.PROTOCOL_ERROR.code(), d.reasonCode());
                assertTrue(d.description().contains("strict"), d.description());
            }
            assertInstanceOf(ProtocolException.class, failure(server));
        });
    }

    @Test
    void kexInitMustBeTheFirstPacketUnderStrictKex() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = server(pipe);
            try (RawPeer client = RawPeer.client(pipe.a())) {
                client.send(new Ignore(Bytes.of(new byte[8])).toPayload());
                client.send(RawPeer.kexInit(strictClientKex(), false).toPayload());
                Disconnect d = disconnectFrom(client);
                assertTrue(d.description().contains("first packet"), d.description());
            }
            failure(server);
        });
    }

    /** Without the strict marker, IGNORE during the key exchange is legitimate and the server goes on. */
    @Test
    void withoutStrictKexIgnoreIsTolerated() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = server(pipe);
            try (RawPeer client = RawPeer.client(pipe.a())) {
                client.send(new Ignore(Bytes.of(new byte[8])).toPayload());
                client.send(RawPeer.kexInit(List.of(KexMethods.CURVE25519_SHA256), false).toPayload());
                client.send(new Ignore(Bytes.of(new byte[8])).toPayload());
                // A malformed ECDH_INIT proves the server was still in the exchange, waiting for it.
                client.send(new SshWriter().writeByte(30).writeString(new byte[5]).toByteArray());
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED.code(), d.reasonCode(), d.description());
            }
            failure(server);
        });
    }

    /** RFC 4253 §7: the packet after a wrongly guessed KEXINIT is ignored; the next one counts. */
    @Test
    void wronglyGuessedFirstPacketIsIgnored() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = server(pipe);
            try (RawPeer client = RawPeer.client(pipe.a())) {
                // The client prefers ecdh-sha2-nistp256, which the server does not offer: the guess is wrong.
                client.send(RawPeer.kexInit(List.of(KexMethods.ECDH_NISTP256, KexMethods.CURVE25519_SHA256), true).toPayload());
                client.send(new SshWriter().writeByte(30).writeString(new byte[65]).toByteArray()); // the guess: ignored
                client.send(new SshWriter().writeByte(30).writeString(new byte[5]).toByteArray());  // processed: malformed
                Disconnect d = disconnectFrom(client);
                assertEquals(DisconnectReason.KEY_EXCHANGE_FAILED.code(), d.reasonCode());
                assertTrue(d.description().contains("5 bytes"), "the second packet was the one processed: " + d.description());
            }
            failure(server);
        });
    }

    /** Our client, facing a server that injects a message after its KEXINIT under strict kex, refuses. */
    @Test
    void clientRefusesAnInjectingServer() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> client = CompletableFuture.supplyAsync(() -> {
                try {
                    return Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(), TransportConfig.builder()
                            .hostKeyVerifier(HostKeyVerifier.acceptAnyInsecurely()).kexAlgorithms(KEX).build(), "raw", 22);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            try (RawPeer server = RawPeer.server(pipe.b())) {
                KexInit init = RawPeer.kexInit(List.of(KexMethods.CURVE25519_SHA256, AlgorithmNegotiation.KEX_STRICT_S), false);
                server.send(init.toPayload());
                server.send(new Ignore(Bytes.EMPTY).toPayload());
                Disconnect d = disconnectFrom(server);
                assertTrue(d.description().contains("strict"), d.description());
            }
            assertInstanceOf(ProtocolException.class, failure(client));
        });
    }

    /** Not SSH-2.0: a clear error, not a hang. */
    @Test
    void aPeerThatIsNotSsh2IsRefused() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<Transport> server = server(pipe);
            pipe.a().out().write("SSH-1.5-Old\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Throwable t = failure(server);
            ProtocolException e = assertInstanceOf(ProtocolException.class, t);
            assertEquals(DisconnectReason.PROTOCOL_VERSION_NOT_SUPPORTED, e.reason());
        });
    }
}
