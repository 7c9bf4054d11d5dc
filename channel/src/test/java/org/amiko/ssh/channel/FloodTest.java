package org.amiko.ssh.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.message.GlobalRequest;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.ResourceBaseline;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * A hostile server that floods global requests with want-reply and never reads our replies:
 * our heap stays bounded (the transport reads on only so far while our dispatcher waits to
 * send) and the connection ends, at that bound or at the write timeout, instead of hanging with
 * its dispatcher blocked.
 */
class FloodTest {

    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    private static final int LIMIT = 128 * 1024;

    @Test
    void globalRequestFloodFromAServerThatNeverReads() throws Exception {
        flood(); // warm: classes loaded before the baseline
        ResourceBaseline before = ResourceBaseline.now();
        flood();
        before.awaitBack("a global request flood", Duration.ofSeconds(20), 2, 4L << 20);
    }

    private static void flood() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            MemoryPipe pipe = new MemoryPipe(32 * 1024);
            CompletableFuture<Transport> started = CompletableFuture.supplyAsync(() -> {
                try {
                    return Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(), TransportConfig.builder()
                            .hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey()))
                            .maxQueuedBytes(LIMIT).writeTimeout(Duration.ofSeconds(1)).build(), "server", 22);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            KexPeer server = KexPeer.server(pipe.b().in(), pipe.b().out(), HOST_KEY).handshake(KexMethods.CURVE25519_SHA256);
            Transport transport = started.get(10, TimeUnit.SECONDS);
            try (Connection client = Connection.start(transport, ConnectionConfig.defaults())) {
                Thread flood = new Thread(() -> {
                    byte[] request = new GlobalRequest("flood@example.com", true, Bytes.of(new byte[200])).toPayload();
                    try {
                        while (true) {
                            server.send(request);
                        }
                    } catch (IOException e) {
                        // the client closed the pipe
                    }
                }, "flood");
                flood.setDaemon(true);
                flood.start();
                long maxQueued = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (client.isOpen() && System.nanoTime() < deadline) {
                    maxQueued = Math.max(maxQueued, transport.queuedBytes());
                    Thread.sleep(5);
                }
                assertFalse(client.isOpen(), "the connection should have ended at the write timeout");
                // while its dispatcher waits to send, the client reads on, but only so far (16x maxQueuedBytes)
                assertTrue(maxQueued <= 16L * LIMIT + 256 * 1024, "queued up to " + maxQueued + " bytes");
                assertNotNull(client.failure());
                String why = String.valueOf(client.failure().getMessage());
                assertTrue(why.contains("write timeout") || why.contains("sent more than"), why);
            }
            server.close();
        });
    }
}
