package org.amiko.ssh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.amiko.ssh.transport.io.MemoryPipe;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.ResourceBaseline;
import org.junit.jupiter.api.Test;

/**
 * A peer cannot grow our heap by sending faster than the layers above read, nor hold a writer
 * forever by not reading: the reader stops reading when {@code maxQueuedBytes} wait (TCP, here
 * the pipe, then stops the peer), and a write blocked longer than {@code writeTimeout} ends the
 * transport.
 */
class BackpressureTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HostKey HOST_KEY = TestKeys.hostKey("ssh-ed25519");
    private static final int LIMIT = 256 * 1024;

    private static CompletableFuture<Transport> server(MemoryPipe.End end, Duration writeTimeout) {
        TransportConfig config = TransportConfig.builder().hostKeys(List.of(HOST_KEY))
                .maxQueuedBytes(LIMIT).writeTimeout(writeTimeout).build();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return Transport.start(Role.SERVER, end.in(), end.out(), config, "peer", 22);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
    }

    @Test
    void aPeerSendingFasterThanWeReadIsHeldBackAndOurHeapStaysBounded() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe(64 * 1024);
            CompletableFuture<Transport> server = server(pipe.b(), Duration.ofSeconds(60));
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                AtomicLong sent = new AtomicLong();
                long total = 64L << 20;
                Thread flood = new Thread(() -> {
                    byte[] message = new byte[16 * 1024];
                    message[0] = (byte) 80; // a global request, for the layers above, that nobody reads
                    try {
                        while (sent.get() < total) {
                            client.send(message);
                            sent.addAndGet(message.length);
                        }
                    } catch (IOException e) {
                        // the pipe closed
                    }
                }, "flood");
                flood.setDaemon(true);
                flood.start();
                flood.join(3000);
                assertTrue(flood.isAlive(), "the peer should be held back, but sent all of " + sent.get() + " bytes");
                assertTrue(sent.get() < 8L * LIMIT, sent.get() + " bytes went through");
                assertTrue(t.queuedBytes() <= LIMIT + 64 * 1024 + InboundQueue.OVERHEAD * 8L,
                        "queued " + t.queuedBytes() + " bytes for a limit of " + LIMIT);
                // reading lets the peer go on
                long before = sent.get();
                for (int i = 0; i < 200; i++) {
                    assertNotNull(t.receive(Duration.ofSeconds(5)));
                }
                flood.join(200);
                assertTrue(sent.get() > before, "reading should have let the peer send more");
                t.close();
            }
        });
    }

    @Test
    void aWriteThePeerNeverReadsEndsTheTransportAtTheWriteTimeout() throws Exception {
        neverReads(); // warm
        ResourceBaseline before = ResourceBaseline.now();
        neverReads();
        before.awaitBack("a peer that never reads", Duration.ofSeconds(20), 2, 4L << 20);
    }

    private static void neverReads() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe(64 * 1024);
            CompletableFuture<Transport> server = server(pipe.b(), Duration.ofSeconds(1));
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                byte[] message = new byte[8 * 1024];
                message[0] = (byte) 94; // CHANNEL_DATA-sized noise the peer never reads
                long start = System.nanoTime();
                IOException e = assertThrows(IOException.class, () -> {
                    while (true) {
                        t.send(message);
                    }
                });
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(took < 10_000, "took " + took + " ms");
                assertFalse(t.isOpen());
                assertInstanceOf(ConnectionClosedException.class, t.failure());
                assertTrue(t.failure().getMessage().contains("write timeout"), t.failure().getMessage());
            }
        });
    }

    /**
     * Two peers that stream to each other under a window, as channels do: each stream message is
     * answered (a WINDOW_ADJUST, in effect) by the thread that takes the messages, and the
     * window (256 KiB) is far above maxQueuedBytes. With backpressure alone both could stop
     * reading while both answering threads wait to send to the other; the reader reads on while
     * the thread that takes our messages is sending, so both go on to the end.
     */
    @Test
    void twoPeersStreamingUnderWindowsNeverStallEachOther() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            MemoryPipe pipe = new MemoryPipe(32 * 1024);
            CompletableFuture<Transport> server = CompletableFuture.supplyAsync(() -> {
                try {
                    return Transport.start(Role.SERVER, pipe.b().in(), pipe.b().out(), TransportConfig.builder()
                            .maxQueuedBytes(40_000).writeTimeout(Duration.ofSeconds(20)).hostKeys(List.of(HOST_KEY)).build(),
                            "peer", 22);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            Transport client = Transport.start(Role.CLIENT, pipe.a().in(), pipe.a().out(), TransportConfig.builder()
                    .maxQueuedBytes(40_000).writeTimeout(Duration.ofSeconds(20))
                    .hostKeyVerifier(HostKeyVerifier.exactly(HOST_KEY.publicKey())).build(), "peer", 22);
            Transport srv = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            int messages = 600;
            int window = 16; // messages of 16 KiB in flight: 256 KiB
            List<Thread> threads = new java.util.ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            for (Transport t : List.of(client, srv)) {
                java.util.concurrent.Semaphore credit = new java.util.concurrent.Semaphore(window);
                threads.add(new Thread(() -> { // this side's stream, within the window the other side gives back
                    byte[] data = new byte[16 * 1024];
                    data[0] = (byte) 94;
                    try {
                        for (int i = 0; i < messages; i++) {
                            if (!credit.tryAcquire(30, TimeUnit.SECONDS)) {
                                throw new AssertionError("no window given back for 30 s");
                            }
                            t.send(data);
                        }
                    } catch (IOException | InterruptedException e) {
                        throw new RuntimeException(e);
                    }
                }, "stream"));
                threads.add(new Thread(() -> { // takes every message: answers data, and takes answers as window
                    byte[] adjust = {(byte) 93, 0, 0, 0, 0};
                    try {
                        for (int data = 0, answers = 0; data < messages || answers < messages; ) {
                            byte[] m = t.receive(Duration.ofSeconds(30));
                            if (m == null) {
                                throw new AssertionError("nothing for 30 s: the peers stall each other");
                            }
                            if ((m[0] & 0xff) == 94) {
                                data++;
                                t.send(adjust);
                            } else {
                                answers++;
                                credit.release();
                            }
                        }
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }, "dispatch"));
            }
            for (Thread t : threads) {
                t.setUncaughtExceptionHandler((th, e) -> failures.add(e));
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            assertTrue(failures.isEmpty(), String.valueOf(failures));
            assertTrue(client.isOpen() && srv.isOpen(), client.failure() + " / " + srv.failure());
            client.close();
        });
    }

    @Test
    void aDeadlineEndsTheTransportWhateverThePeerDoes() {
        assertTimeoutPreemptively(WAIT, () -> {
            MemoryPipe pipe = new MemoryPipe(64 * 1024);
            CompletableFuture<Transport> server = server(pipe.b(), Duration.ofSeconds(60));
            try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
                client.handshake(KexMethods.CURVE25519_SHA256);
                Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                long start = System.nanoTime();
                try (Transport.Deadline d = t.endAfter(Duration.ofMillis(300), DisconnectReason.BY_APPLICATION, "too slow")) {
                    SshException e = assertThrows(SshException.class, () -> t.receive(Duration.ofSeconds(20)));
                    assertTrue(e.getMessage().contains("too slow"), e.getMessage());
                }
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5));
                byte[] d = client.receiveSkippingNoise();
                assertNotNull(d);
                assertTrue(d[0] == org.amiko.ssh.transport.message.Disconnect.ID, "DISCONNECT expected, got " + d[0]);
            }
        });
    }

    /**
     * A failed transport hands each caller its own exception object: a read and then the close of
     * a try-with-resources, failing for the same reason, must not throw one instance (Java cannot
     * suppress an exception into itself; the client's fuzz target found the IllegalArgumentException).
     */
    @Test
    void eachCallerGetsItsOwnFailure() throws Exception {
        MemoryPipe pipe = new MemoryPipe();
        CompletableFuture<Transport> server = server(pipe.b(), Duration.ofSeconds(60));
        try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
            client.handshake(KexMethods.CURVE25519_SHA256);
            Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            client.send(new org.amiko.ssh.transport.message.Disconnect(11, "bye", "").toPayload());
            SshException first = assertThrows(SshException.class, () -> t.receive(Duration.ofSeconds(10)));
            SshException second = assertThrows(SshException.class, () -> t.send(new byte[] {94}));
            assertTrue(first != second && first.getClass() == second.getClass() && first.getMessage().equals(second.getMessage()));
            IOException both = assertThrows(IOException.class, () -> {
                try (AutoCloseable closing = () -> t.send(new byte[] {97, 0, 0, 0, 0})) {
                    t.receive(Duration.ofSeconds(10));
                }
            });
            assertInstanceOf(DisconnectException.class, both);
            assertEquals(1, both.getSuppressed().length);
        }
    }

    @Test
    void aCancelledDeadlineDoesNotStrike() throws Exception {
        MemoryPipe pipe = new MemoryPipe();
        CompletableFuture<Transport> server = server(pipe.b(), Duration.ofSeconds(60));
        try (KexPeer client = KexPeer.client(pipe.a().in(), pipe.a().out())) {
            client.handshake(KexMethods.CURVE25519_SHA256);
            Transport t = server.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            t.endAfter(Duration.ofMillis(200), DisconnectReason.BY_APPLICATION, "too slow").close();
            Thread.sleep(600);
            assertTrue(t.isOpen());
            t.close();
        }
    }
}
