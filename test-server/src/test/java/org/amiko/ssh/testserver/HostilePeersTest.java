package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.ExtInfo;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.ResourceBaseline;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers beyond the protocol-level cases of the transport's own tests: floods of
 * identification lines, messages at the wrong time, ten thousand channel opens. Each ends in a
 * typed error or a DISCONNECT within its timeout, and threads and heap come back.
 */
class HostilePeersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());

    private static TestServer server() throws IOException {
        return TestServer.builder().hostKey(HOST_KEY).user("fuzz", "secret").authTimeout(Duration.ofSeconds(10))
                .commands(ScriptedCommands.of(line -> ScriptedCommands.Result.stdout(line))).start();
    }

    /** Serves one client over a pipe on a thread; the future has why it ended. */
    private static CompletableFuture<IOException> serve(TestServer server, MemoryPipe pipe) {
        CompletableFuture<IOException> ended = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                ended.complete(server.serve(pipe.b().in(), pipe.b().out(), "127.0.0.1"));
            } catch (Throwable e) {
                ended.completeExceptionally(e);
            }
        }, "hostile-serve");
        t.setDaemon(true);
        t.start();
        return ended;
    }

    /** A client that has completed the key exchange and logged in with a password. */
    private static KexPeer loggedIn(MemoryPipe pipe) throws IOException {
        KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out()).handshake(KexMethods.CURVE25519_SHA256);
        client.send(new ServiceRequest("ssh-userauth").toPayload());
        client.send(new UserAuthRequest("fuzz", "ssh-connection", new UserAuthRequest.Password("secret", null)).toPayload());
        for (byte[] m = client.receive(); m != null; m = client.receive()) {
            if (m[0] == 52) {
                return client;
            }
            if (m[0] == 51 || m[0] == Disconnect.ID) {
                throw new AssertionError("login refused: message " + m[0]);
            }
        }
        throw new AssertionError("the server closed before USERAUTH_SUCCESS");
    }

    @Test
    void aServerFloodingLinesBeforeItsIdentificationIsRefused() {
        assertTimeoutPreemptively(WAIT, () -> {
            for (String flood : List.of("junk line\r\n", "x".repeat(100_000))) {
                MemoryPipe pipe = new MemoryPipe();
                CompletableFuture<Transport> client = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(), TransportConfig.builder()
                                .hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).build(), "hostile", 22);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                Thread writer = new Thread(() -> {
                    try (OutputStream out = pipe.b().out()) {
                        byte[] chunk = flood.getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 5000; i++) {
                            out.write(chunk);
                        }
                    } catch (IOException e) {
                        // the client closed
                    }
                }, "flood");
                writer.setDaemon(true);
                writer.start();
                drainQuietly(pipe.b().in());
                ExecutionException e = assertThrows(ExecutionException.class, () -> client.get(WAIT.toSeconds(), TimeUnit.SECONDS));
                assertInstanceOf(ProtocolException.class, e.getCause().getCause(), String.valueOf(e.getCause()));
            }
        });
    }

    @Test
    void aClientSendingLinesBeforeItsIdentificationIsDropped() throws Exception {
        try (TestServer server = server(); Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            s.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            try {
                for (int i = 0; i < 2000; i++) {
                    out.write("GET / HTTP/1.0\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // closed while we wrote: what we are testing for
            }
            long start = System.nanoTime();
            try {
                while (in.read() >= 0) {
                    // the server's identification, then its end
                }
            } catch (IOException reset) {
                // closed
            }
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
        }
    }

    @Test
    void pingBeforeAuthenticationEndsInATypedError() throws Exception {
        try (TestServer server = server()) {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<IOException> ended = serve(server, pipe);
            KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out()).handshake(KexMethods.CURVE25519_SHA256);
            client.send(new ServiceRequest("ssh-userauth").toPayload());
            client.send(new SshWriter().writeByte(192).writeUtf8("ping").toByteArray()); // OpenSSH's PING, before authentication
            IOException why = ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertInstanceOf(SshException.class, why, String.valueOf(why));
            assertTrue(String.valueOf(why.getMessage()).contains("192"), why.getMessage());
            pipe.a().close();
        }
    }

    @Test
    void extInfoFromAClientAfterTheKeyExchangeIsHarmless() throws Exception {
        try (TestServer server = server()) {
            MemoryPipe pipe = new MemoryPipe();
            CompletableFuture<IOException> ended = serve(server, pipe);
            KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out()).handshake(KexMethods.CURVE25519_SHA256);
            client.send(ExtInfo.serverSigAlgs(List.of("ssh-ed25519")).toPayload());
            client.send(new ServiceRequest("ssh-userauth").toPayload());
            client.send(new UserAuthRequest("fuzz", "ssh-connection", new UserAuthRequest.Password("secret", null)).toPayload());
            byte[] m;
            do {
                m = client.receive();
            } while (m != null && m[0] != 52 && m[0] != Disconnect.ID);
            assertTrue(m != null && m[0] == 52, "the login should go on after an EXT_INFO the server did not ask for");
            pipe.a().close();
            ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void tenThousandChannelOpensAreAnsweredAndLeaveNothingBehind() throws Exception {
        try (TestServer server = server()) {
            // one ordinary round first, so that the baseline counts what stays loaded
            MemoryPipe warm = new MemoryPipe();
            CompletableFuture<IOException> warmEnded = serve(server, warm);
            loggedIn(warm).send(new Disconnect(11, "bye", "").toPayload());
            warmEnded.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            ResourceBaseline before = ResourceBaseline.now();

            openTenThousandChannels(server); // in a method of its own: its pipe and peer are garbage when it returns
            before.awaitBack("10,000 channel opens", WAIT, 3, 4L << 20);
        }
    }

    private static void openTenThousandChannels(TestServer server) throws Exception {
        MemoryPipe pipe = new MemoryPipe(4 << 20);
        CompletableFuture<IOException> ended = serve(server, pipe);
        KexPeer client = loggedIn(pipe);
        KexPeer peer = client;
        AtomicInteger confirmed = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Thread reader = new Thread(() -> {
            try {
                for (byte[] m = peer.receive(); m != null; m = peer.receive()) {
                    if (m[0] == 91) {
                        confirmed.incrementAndGet();
                    } else if (m[0] == 92) {
                        refused.incrementAndGet();
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }, "replies");
        reader.setDaemon(true);
        reader.start();
        long start = System.nanoTime();
        for (int i = 0; i < 10_000; i++) {
            client.send(new ChannelOpen("session", i, 2 << 20, 32768, Bytes.EMPTY).toPayload());
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (confirmed.get() + refused.get() < 10_000 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("10,000 channel opens answered in " + (System.nanoTime() - start) / 1_000_000 + " ms: "
                + confirmed.get() + " opened, " + refused.get() + " refused");
        assertEquals(10, confirmed.get(), "MaxSessions");
        assertEquals(9_990, refused.get());
        client.send(new Disconnect(11, "bye", "").toPayload());
        ended.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        pipe.a().close();
        reader.join(WAIT.toMillis());
    }

    private static void drainQuietly(InputStream in) {
        Thread t = new Thread(() -> {
            try {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
    }
}
