package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.amiko.ssh.auth.AuthenticationException;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.ChannelOpenException;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.OpenFailureReason;
import org.amiko.ssh.channel.RequestRefusedException;
import org.amiko.ssh.channel.forward.RemotePortForwarder;
import org.amiko.ssh.channel.forward.TcpipEndpoints;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;
import org.junit.jupiter.api.Test;

/** amiko's client role against the {@link TestServer}: commands, signals, forwarding, limits and a clean close. */
class TestServerTest {

    private static final Duration WAIT = Clients.WAIT;

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("amiko")).collect(Collectors.toSet());
    }

    @Test
    void shellCommandsWithStdinStdoutStderrAndExitStatus() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").start();
             Connection c = Clients.connect(server, "alice", "secret")) {
            SessionChannel s = c.openSession();
            s.exec("cat; echo to-stderr >&2; exit 7");
            s.stdin().write("through the test server\n".getBytes(StandardCharsets.UTF_8));
            s.stdin().close();
            assertEquals("through the test server\n", readAll(s.stdout()));
            assertEquals("to-stderr\n", readAll(s.stderr()));
            assertEquals(new ExitStatus.Exited(7), s.waitFor(WAIT));
        }
    }

    @Test
    void aSignalIsToldFromTheSameExitCode() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").start();
             Connection c = Clients.connect(server, "alice", "secret")) {
            SessionChannel killed = c.openSession();
            killed.exec("kill -TERM $$");
            assertEquals(new ExitStatus.Killed("TERM", false, "", ""), killed.waitFor(WAIT));
            SessionChannel exited = c.openSession();
            exited.exec("exit 143");
            assertEquals(new ExitStatus.Exited(143), exited.waitFor(WAIT));
            SessionChannel signalled = c.openSession();
            signalled.exec("sleep 30");
            signalled.signal("INT"); // at once: a signal that comes before the command has started must not be lost
            assertEquals("INT", assertInstanceOf(ExitStatus.Killed.class, signalled.waitFor(WAIT)).signal());
        }
    }

    @Test
    void aPtyWhenOneIsAskedFor() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").start();
             Connection c = Clients.connect(server, "alice", "secret")) {
            SessionChannel s = c.openSession();
            s.requestPty("xterm", 80, 24, org.amiko.ssh.channel.session.TerminalModes.NONE);
            s.exec("tty");
            String tty = readAll(s.stdout());
            assertTrue(tty.startsWith("/dev/pts/"), tty);
            assertTrue(s.waitFor(WAIT).isSuccess());
        }
    }

    @Test
    void scriptedCommandsAndRefusedShells() throws Exception {
        CommandHandler script = ScriptedCommands.of(Map.of("hello", ScriptedCommands.Result.of("hi\n", "", 0)));
        try (TestServer server = TestServer.builder().user("bob", "pw").commands(script).start();
             Connection c = Clients.connect(server, "bob", "pw")) {
            SessionChannel s = c.openSession();
            s.exec("hello");
            assertEquals("hi\n", readAll(s.stdout()));
            assertTrue(s.waitFor(WAIT).isSuccess());
            SessionChannel missing = c.openSession();
            missing.exec("nope");
            assertTrue(readAll(missing.stderr()).contains("not found"));
            assertEquals(new ExitStatus.Exited(127), missing.waitFor(WAIT));
            SessionChannel shell = c.openSession();
            assertThrows(RequestRefusedException.class, shell::shell);
        }
    }

    @Test
    void wrongPasswordsFailAndKeyboardInteractiveUsesThePassword() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").start()) {
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Clients.connect(server, "alice", "wrong"));
            assertTrue(e.allowed().contains("keyboard-interactive"), e.allowed().toString());
            try (Connection c = Clients.connect(server, "alice",
                    List.of(new org.amiko.ssh.auth.KeyboardInteractiveAuth((name, instruction, prompts) ->
                            prompts.stream().map(p -> "secret").toList())),
                    b -> { }, org.amiko.ssh.channel.ConnectionConfig.defaults(), org.amiko.ssh.auth.BannerListener.IGNORE)) {
                assertTrue(c.isOpen());
            }
        }
    }

    @Test
    void directTcpipToLoopbackOnlyAndRemoteForwarding() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").start();
             Connection c = Clients.connect(server, "alice", "secret");
             ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread echoThread = new Thread(() -> {
                while (!echo.isClosed()) {
                    try (Socket s = echo.accept()) {
                        s.getInputStream().transferTo(s.getOutputStream());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            echoThread.setDaemon(true);
            echoThread.start();
            var channel = c.open("direct-tcpip", new TcpipEndpoints("127.0.0.1", echo.getLocalPort(), "127.0.0.1", 1).encode(),
                    ChannelHandler.NONE, WAIT);
            channel.getOutputStream().write("ping".getBytes(StandardCharsets.UTF_8));
            channel.sendEof();
            assertEquals("ping", readAll(channel.getInputStream()));
            ChannelOpenException refused = assertThrows(ChannelOpenException.class, () -> c.open("direct-tcpip",
                    new TcpipEndpoints("192.0.2.1", 80, "127.0.0.1", 1).encode(), ChannelHandler.NONE, WAIT));
            assertEquals(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, refused.reason());

            RemotePortForwarder forwarder = RemotePortForwarder.on(c);
            int port = forwarder.forward("127.0.0.1", 0, "127.0.0.1", echo.getLocalPort());
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write("pong".getBytes(StandardCharsets.UTF_8));
                s.shutdownOutput();
                assertEquals("pong", readAll(s.getInputStream()));
            }
            assertThrows(RequestRefusedException.class, () -> forwarder.forward("0.0.0.0", 0, "127.0.0.1", 1));
            forwarder.cancel("127.0.0.1", port);
        }
    }

    @Test
    void silentAndGarbageClientsAreDroppedAndOthersServed() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").authTimeout(Duration.ofSeconds(2)).start()) {
            try (Socket silent = new Socket(server.host(), server.port());
                 Socket garbage = new Socket(server.host(), server.port())) {
                silent.setSoTimeout(10_000);
                garbage.setSoTimeout(10_000);
                garbage.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                long start = System.nanoTime();
                drain(garbage.getInputStream());
                drain(silent.getInputStream());
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            }
            try (Connection c = Clients.connect(server, "alice", "secret")) {
                SessionChannel s = c.openSession();
                s.exec("true");
                assertTrue(s.waitFor(WAIT).isSuccess());
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // until the server hangs up
        }
    }

    @Test
    void moreThanMaxConnectionsAreDropped() throws Exception {
        try (TestServer server = TestServer.builder().user("alice", "secret").maxConnections(1).start();
             Connection first = Clients.connect(server, "alice", "secret")) {
            assertThrows(IOException.class, () -> Clients.connect(server, "alice", "secret"));
            assertTrue(first.isOpen());
        }
    }

    @Test
    void closeEndsEveryConnectionAndThreadAndFreesThePort() throws Exception {
        Set<String> before = threadNames();
        TestServer server = TestServer.builder().user("alice", "secret").start();
        int port = server.port();
        Connection c = Clients.connect(server, "alice", "secret");
        SessionChannel s = c.openSession();
        s.exec("echo started; sleep 30");
        assertEquals('s', s.stdout().read()); // the command runs
        server.close();
        c.endedFuture().get(10, TimeUnit.SECONDS);
        assertFalse(c.isOpen());
        c.close();
        try (ServerSocket again = new ServerSocket()) {
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!before.containsAll(threadNames()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Set<String> leaked = threadNames();
        leaked.removeAll(before);
        assertEquals(Set.of(), leaked);
    }

    @Test
    void twoHundredConcurrentConnectionsEachRunACommand() throws Exception {
        int before = Thread.activeCount();
        try (TestServer server = TestServer.builder().user("alice", "secret")
                .commands(ScriptedCommands.of(line -> ScriptedCommands.Result.stdout(line + "\n"))).start()) {
            List<CompletableFuture<String>> runs = new java.util.ArrayList<>();
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(50);
            try {
                for (int i = 0; i < 200; i++) {
                    String line = "command " + i;
                    runs.add(CompletableFuture.supplyAsync(() -> {
                        try (Connection c = Clients.connect(server, "alice", "secret")) {
                            SessionChannel s = c.openSession();
                            s.exec(line);
                            String out = readAll(s.stdout());
                            s.waitFor(WAIT);
                            return out;
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    }, pool));
                }
                for (int i = 0; i < 200; i++) {
                    assertEquals("command " + i + "\n", runs.get(i).get(120, TimeUnit.SECONDS));
                }
            } finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.openConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(0, server.openConnections());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (Thread.activeCount() > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Thread.activeCount() <= before, Thread.activeCount() + " threads, " + before + " before");
    }

    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }
}
