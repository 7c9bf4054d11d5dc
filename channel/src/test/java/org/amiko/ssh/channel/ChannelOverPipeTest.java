package org.amiko.ssh.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.forward.DirectTcpipOpener;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.ServerSession;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/** Our client against our server role over an in-memory pipe: the cases of the real-sshd suite, and extreme windows. */
class ChannelOverPipeTest {

    private static final Duration WAIT = TestCommands.WAIT;

    private static ConnectionConfig server() {
        return serverBuilder().build();
    }

    private static ConnectionConfig.Builder serverBuilder() {
        return ConnectionConfig.builder()
                .openHandler("session", ServerSession.opener(TestCommands::new))
                .openHandler("direct-tcpip", DirectTcpipOpener.allowing((host, port) -> host.equals("127.0.0.1")));
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void execWithStdinStdoutStderrAndExitStatus() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            SessionChannel cat = p.client().openSession();
            cat.exec("cat");
            cat.stdin().write("hello, channel\n".getBytes(StandardCharsets.UTF_8));
            cat.stdin().close();
            assertEquals("hello, channel\n", readAll(cat.stdout()));
            assertEquals(new ExitStatus.Exited(0), cat.waitFor(WAIT));

            SessionChannel seven = p.client().openSession();
            seven.exec("out 5 err 3 code 7");
            assertEquals(5, TestCommands.readPattern(seven.stdout()));
            assertEquals(3, TestCommands.readPattern(seven.stderr()));
            assertEquals(new ExitStatus.Exited(7), seven.waitFor(WAIT));
            assertEquals(7, seven.waitFor(WAIT).exitCode().getAsInt());
        }
    }

    @Test
    void exitSignalAndSignalRequests() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            SessionChannel killed = p.client().openSession();
            killed.exec("kill KILL");
            ExitStatus status = killed.waitFor(WAIT);
            assertEquals("KILL", assertInstanceOf(ExitStatus.Killed.class, status).signal());
            assertFalse(status.isSuccess());

            SessionChannel waiting = p.client().openSession();
            waiting.exec("wait-signal");
            waiting.signal("TERM");
            assertEquals("TERM", ((ExitStatus.Killed) waiting.waitFor(WAIT)).signal());
        }
    }

    @Test
    void aRefusedExecAndAnUnknownChannelTypeFailClearly() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), ConnectionConfig.builder()
                .openHandler("session", ServerSession.opener(() -> (session, request) -> false)).build())) {
            SessionChannel s = p.client().openSession();
            RequestRefusedException refused = assertThrows(RequestRefusedException.class, () -> s.exec("true"));
            assertEquals("exec", refused.requestType());
            ChannelOpenException e = assertThrows(ChannelOpenException.class,
                    () -> p.client().open("x-unknown@amiko", Bytes.EMPTY, ChannelHandler.NONE, WAIT));
            assertEquals(OpenFailureReason.UNKNOWN_CHANNEL_TYPE, e.reason());
            assertTrue(e.getMessage().contains("unknown channel type"), e.getMessage());
        }
    }

    @Test
    void aRefusedRequestStartsNothing() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), ConnectionConfig.builder()
                .openHandler("session", ServerSession.opener(() -> (session, request) -> {
                    session.start(() -> started.set(true)); // then changes its mind
                    return false;
                })).build())) {
            SessionChannel s = p.client().openSession();
            assertThrows(RequestRefusedException.class, () -> s.exec("anything"));
            Thread.sleep(300);
            assertFalse(started.get(), "a refused exec must not run");
            s.close();
            assertTrue(s.channel().awaitClosed(WAIT));
        }
    }

    @Test
    void globalRequestsAreAnsweredInOrder() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), ConnectionConfig.builder()
                .globalHandler("echo@amiko", (c, r) -> r.data()).build())) {
            assertTrue(p.client().keepalive(WAIT)); // a FAILURE reply still proves the peer alive
            assertFalse(p.client().globalRequest("unknown@amiko", Bytes.EMPTY, WAIT).success());
            GlobalReply echo = p.client().globalRequest("echo@amiko", Bytes.of((byte) 1, (byte) 2), WAIT);
            assertTrue(echo.success());
            assertEquals(Bytes.of((byte) 1, (byte) 2), echo.data());
            p.client().noMoreSessions();
            assertFalse(p.server().globalRequest("anything@amiko", Bytes.EMPTY, WAIT).success());
        }
    }

    @Test
    void aSessionAfterNoMoreSessionsEndsTheConnection() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            p.client().noMoreSessions();
            assertThrows(IOException.class, () -> p.client().openSession().exec("cat"));
            p.client().endedFuture().get(30, TimeUnit.SECONDS);
            assertFalse(p.client().isOpen());
        }
    }

    @Test
    void bulkThroughCatBothWaysAtOnce() throws Exception {
        long size = 256L << 20;
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            SessionChannel cat = p.client().openSession();
            cat.exec("cat");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream in = cat.stdin()) {
                    TestCommands.write(in, size);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(size, TestCommands.readPattern(cat.stdout()));
            writer.get(60, TimeUnit.SECONDS);
            assertEquals(new ExitStatus.Exited(0), cat.waitFor(WAIT));
        }
    }

    @Test
    void hundredChannelsAtOnceAndASleepingReaderSlowsNobody() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            hundredChannels(p.client(), ChannelOverPipeTest::catCommand);
        }
    }

    static String catCommand(int i) {
        return "cat";
    }

    /**
     * 100 channels through {@code cat}, 1 MiB each way, checksummed; meanwhile one more channel's
     * reader sleeps with its window full, and the 100 still finish before it reads a byte.
     */
    static void hundredChannels(Connection connection, java.util.function.IntFunction<String> command) throws Exception {
        int count = 100;
        int size = 1 << 20;
        SessionChannel sleeper = connection.openSession();
        sleeper.exec(command.apply(-1));
        CompletableFuture<Void> sleeperWriter = CompletableFuture.runAsync(() -> {
            try (OutputStream in = sleeper.stdin()) {
                TestCommands.write(in, 16L << 20);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2 * count + 2);
        try {
            List<SessionChannel> sessions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                SessionChannel s = connection.openSession();
                s.exec(command.apply(i));
                sessions.add(s);
            }
            List<Future<Long>> reads = new ArrayList<>();
            for (SessionChannel s : sessions) {
                pool.submit(() -> {
                    try (OutputStream in = s.stdin()) {
                        TestCommands.write(in, size);
                    }
                    return null;
                });
                reads.add(pool.submit(() -> TestCommands.readPattern(s.stdout())));
            }
            for (Future<Long> r : reads) {
                assertEquals(size, r.get(120, TimeUnit.SECONDS));
            }
            assertFalse(sleeperWriter.isDone(), "the sleeping channel's window should hold its writer back");
            assertEquals(16L << 20, TestCommands.readPattern(sleeper.stdout()));
            sleeperWriter.get(60, TimeUnit.SECONDS);
            for (SessionChannel s : sessions) {
                assertTrue(s.waitFor(WAIT).isSuccess());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void readingStdoutFirstWhileStderrFloodsFinishes() throws Exception {
        long mib50 = 50L << 20;
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            SessionChannel s = p.client().openSession();
            s.exec("out " + mib50 + " err " + mib50 + " code 0");
            assertEquals(mib50, TestCommands.readPattern(s.stdout()));
            assertEquals(mib50, TestCommands.readPattern(s.stderr()));
            assertTrue(s.waitFor(WAIT).isSuccess());
        }
    }

    @Test
    void pastTheParkedLimitAReadTimesOutAndSaysWhy() throws Exception {
        ConnectionConfig client = ConnectionConfig.builder().windowSize(64 * 1024).parkedStreamLimit(128 * 1024)
                .readTimeout(Duration.ofSeconds(2)).build();
        try (PipePair p = PipePair.open(client, server())) {
            SessionChannel s = p.client().openSession();
            s.exec("out 10 err 1000000 code 0");
            ChannelTimeoutException e = assertThrows(ChannelTimeoutException.class, () -> s.stdout().read());
            assertTrue(e.getMessage().contains("read both streams at once"), e.getMessage());
            s.stdout().setTimeout(WAIT);
            // reading stderr frees the window; then stdout arrives
            assertEquals(1000000, TestCommands.readPattern(s.stderr()));
            assertEquals(10, TestCommands.readPattern(s.stdout()));
        }
    }

    @Test
    void windowsAndPacketsOfOneByte() throws Exception {
        ConnectionConfig tiny = ConnectionConfig.builder().windowSize(1).maxPacketSize(1).build();
        try (PipePair p = PipePair.open(tiny, serverBuilder().windowSize(1).maxPacketSize(1).build())) {
            SessionChannel cat = p.client().openSession();
            cat.exec("cat");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream in = cat.stdin()) {
                    TestCommands.write(in, 20_000);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(20_000, TestCommands.readPattern(cat.stdout()));
            writer.get(60, TimeUnit.SECONDS);
            SessionChannel both = p.client().openSession();
            both.exec("out 3000 err 3000 code 3");
            assertEquals(3000, TestCommands.readPattern(both.stdout()));
            assertEquals(3000, TestCommands.readPattern(both.stderr()));
            assertEquals(new ExitStatus.Exited(3), both.waitFor(WAIT));
        }
    }

    @Test
    void localPortForwardingToATestListener() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server());
             EchoServer echo = EchoServer.start()) {
            try (LocalPortForwarder forwarder = LocalPortForwarder.start(p.client(), InetAddress.getLoopbackAddress(), 0,
                    "127.0.0.1", echo.port())) {
                EchoServer.roundTrip(forwarder.localPort(), 3 << 20);
                EchoServer.roundTrip(forwarder.localPort(), 10);
            }
            ChannelOpenException refused = assertThrows(ChannelOpenException.class, () -> p.client().open("direct-tcpip",
                    new org.amiko.ssh.channel.forward.TcpipEndpoints("192.0.2.1", 80, "127.0.0.1", 1).encode(),
                    ChannelHandler.NONE, WAIT));
            assertEquals(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, refused.reason());
        }
    }

    @Test
    void channelNumbersAreReusedOnceBothClosesAreThrough() throws Exception {
        try (PipePair p = PipePair.open(ConnectionConfig.defaults(), server())) {
            SessionChannel first = p.client().openSession();
            int id = first.channel().localId();
            first.exec("cat");
            first.close();
            assertTrue(first.channel().awaitClosed(WAIT));
            assertEquals(new ExitStatus.Unknown(), first.waitFor(WAIT));
            SessionChannel second = p.client().openSession();
            assertEquals(id, second.channel().localId());
            assertEquals(1, p.client().channelCount());
        }
    }

    @Test
    void theConnectionsEndReachesEveryReaderAndWriter() throws Exception {
        PipePair p = PipePair.open(ConnectionConfig.defaults(), server());
        SessionChannel cat = p.client().openSession();
        cat.exec("cat");
        CompletableFuture<Integer> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return cat.stdout().read();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        p.server().close();
        Exception e = assertThrows(Exception.class, () -> reader.get(30, TimeUnit.SECONDS));
        assertInstanceOf(ChannelClosedException.class, e.getCause().getCause());
        assertThrows(ChannelClosedException.class, () -> cat.stdin().write(1));
        assertThrows(ChannelClosedException.class, () -> p.client().openSession());
        p.close();
    }

    /** A TCP echo server on 127.0.0.1 for forwarding tests. */
    record EchoServer(ServerSocket socket, Thread thread) implements AutoCloseable {
        static EchoServer start() throws IOException {
            ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                while (!ss.isClosed()) {
                    try {
                        Socket s = ss.accept();
                        Thread echo = new Thread(() -> {
                            try (s) {
                                s.getInputStream().transferTo(s.getOutputStream());
                            } catch (IOException ignored) {
                                // client gone
                            }
                        });
                        echo.setDaemon(true);
                        echo.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            return new EchoServer(ss, t);
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Sends {@code size} pattern bytes through 127.0.0.1:port, half-closes, and checks the echo. */
        static void roundTrip(int port, int size) throws Exception {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(60_000);
                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        TestCommands.write(s.getOutputStream(), size);
                        s.shutdownOutput();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                });
                assertEquals(size, TestCommands.readPattern(s.getInputStream()));
                writer.get(60, TimeUnit.SECONDS);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
