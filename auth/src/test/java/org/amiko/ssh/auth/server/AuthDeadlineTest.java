package org.amiko.ssh.auth.server;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.testing.KexPeer;
import org.junit.jupiter.api.Test;

/**
 * LoginGraceTime strikes from a timer: a client that keeps the server busy answering requests it
 * never reads, or that says nothing at all, is gone at the authentication deadline.
 */
class AuthDeadlineTest {

    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());

    private static CompletableFuture<String> server(MemoryPipe.End end, Duration limit) {
        ServerAuthConfig config = ScriptedAuthClient.config(null, 6).withLimits(6, limit);
        return CompletableFuture.supplyAsync(() -> {
            try (Transport t = Transport.start(Role.SERVER, end.in(), end.out(),
                    TransportConfig.builder().hostKeys(List.of(HOST_KEY)).build(), "client", 0)) {
                return ServerAuthenticator.authenticate(t, config);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void aClientThatFloodsRequestsAndNeverReadsIsCutOffAtTheDeadline() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            MemoryPipe pipe = new MemoryPipe(16 * 1024);
            long start = System.nanoTime();
            CompletableFuture<String> server = server(pipe.b(), Duration.ofSeconds(1));
            KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out()).handshake(KexMethods.CURVE25519_SHA256);
            client.send(new ServiceRequest("ssh-userauth").toPayload());
            Thread flood = new Thread(() -> {
                // publickey queries for an authorized key: answered with PK_OK, never counted as failures (as in
                // sshd), so only the deadline can end this
                byte[] query = new UserAuthRequest("alice", "ssh-connection", new UserAuthRequest.PublicKey(
                        "ssh-ed25519", ScriptedAuthClient.KEY.publicKey().blob(), null)).toPayload();
                try {
                    while (true) {
                        client.send(query); // never reading the answers
                    }
                } catch (IOException e) {
                    // the server closed the pipe
                }
            }, "flood");
            flood.setDaemon(true);
            flood.start();
            ExecutionException e = assertThrows(ExecutionException.class, () -> server.get(20, TimeUnit.SECONDS));
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(took < 8000, "the deadline struck after " + took + " ms");
            assertTrue(String.valueOf(e.getCause()).contains("authentication took longer"), String.valueOf(e.getCause()));
            client.close();
        });
    }

    @Test
    void aSilentClientIsCutOffAtTheDeadline() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            MemoryPipe pipe = new MemoryPipe();
            long start = System.nanoTime();
            CompletableFuture<String> server = server(pipe.b(), Duration.ofSeconds(1));
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out()).handshake(KexMethods.CURVE25519_SHA256)) {
                client.send(new ServiceRequest("ssh-userauth").toPayload());
                assertThrows(ExecutionException.class, () -> server.get(20, TimeUnit.SECONDS));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8));
            }
        });
    }
}
