package org.amiko.ssh.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.ChannelOverPipeTest.EchoServer;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.channel.forward.RemotePortForwarder;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.channel.session.TerminalModes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** amiko's client role of the connection protocol against a real OpenSSH sshd. */
class OpenSshChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static SshdConnections sshd;

    @BeforeAll
    static void start() throws IOException {
        sshd = SshdConnections.start(dir);
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void execWithStdinStdoutStderrAndExitStatus() throws Exception {
        try (Connection c = sshd.connect()) {
            SessionChannel cat = c.openSession();
            cat.exec("cat; echo to-stderr >&2; exit 7");
            cat.stdin().write("through sshd\n".getBytes(StandardCharsets.UTF_8));
            cat.stdin().close();
            assertEquals("through sshd\n", readAll(cat.stdout()));
            assertEquals("to-stderr\n", readAll(cat.stderr()));
            assertEquals(new ExitStatus.Exited(7), cat.waitFor(WAIT));

            SessionChannel ok = c.openSession();
            ok.exec("true");
            assertTrue(ok.waitFor(WAIT).isSuccess());
        }
    }

    @Test
    void aCommandKilledByASignalGivesTheSignalName() throws Exception {
        try (Connection c = sshd.connect()) {
            SessionChannel killed = c.openSession();
            killed.exec("kill -KILL $$");
            assertEquals("KILL", assertInstanceOf(ExitStatus.Killed.class, killed.waitFor(WAIT)).signal());

            SessionChannel signalled = c.openSession();
            signalled.exec("exec sleep 5");
            Thread.sleep(300); // let the shell exec sleep
            signalled.signal("TERM");
            if (SshdConnections.USER.equals("root")) {
                // sshd 9.2 takes signal requests only in privilege-separated sessions, which root's are not
                sshd.sshd().awaitLog("session signalling requires privilege separation", WAIT);
                assertTrue(signalled.waitFor(WAIT).isSuccess());
            } else {
                assertEquals("TERM", assertInstanceOf(ExitStatus.Killed.class, signalled.waitFor(WAIT)).signal());
            }
        }
    }

    @Test
    void oneGibibyteEachWayThroughCat() throws Exception {
        long size = 1L << 30;
        try (Connection c = sshd.connect()) {
            SessionChannel cat = c.openSession();
            cat.exec("cat");
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try (OutputStream in = cat.stdin()) {
                    TestCommands.write(in, size);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertEquals(size, TestCommands.readPattern(cat.stdout()));
            writer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(cat.waitFor(WAIT).isSuccess());
        }
    }

    @Test
    void hundredChannelsAtOnceAndASleepingReaderSlowsNobody() throws Exception {
        try (Connection c = sshd.connect()) {
            ChannelOverPipeTest.hundredChannels(c, i -> "cat");
        }
    }

    @Test
    void readingStdoutFirstWhileStderrFloodsFinishes() throws Exception {
        long mib50 = 50L << 20;
        try (Connection c = sshd.connect()) {
            SessionChannel s = c.openSession();
            s.exec("head -c " + mib50 + " /dev/zero >&2; head -c " + mib50 + " /dev/zero");
            assertEquals(mib50, count(s.stdout()));
            assertEquals(mib50, count(s.stderr()));
            assertTrue(s.waitFor(WAIT).isSuccess());
        }
    }

    private static long count(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long n = 0;
        int r;
        while ((r = in.read(buf)) >= 0) {
            n += r;
        }
        return n;
    }

    @Test
    void localPortForwardingToATestListener() throws Exception {
        try (Connection c = sshd.connect(); EchoServer echo = EchoServer.start();
             LocalPortForwarder f = LocalPortForwarder.start(c, InetAddress.getLoopbackAddress(), 0, "127.0.0.1", echo.port())) {
            EchoServer.roundTrip(f.localPort(), 4 << 20);
            EchoServer.roundTrip(f.localPort(), 1);
        }
    }

    @Test
    void remotePortForwardingBackToATestListener() throws Exception {
        try (Connection c = sshd.connect(); EchoServer echo = EchoServer.start()) {
            RemotePortForwarder forwarder = RemotePortForwarder.on(c);
            int port = forwarder.forward("127.0.0.1", 0, "127.0.0.1", echo.port());
            assertTrue(port > 0);
            EchoServer.roundTrip(port, 2 << 20);
            forwarder.cancel("127.0.0.1", port);
        }
    }

    @Test
    void ptyEnvKeepaliveAndGlobalRequests() throws Exception {
        try (Connection c = sshd.connect()) {
            assertTrue(c.keepalive(WAIT));
            assertFalse(c.globalRequest("unknown@amiko", org.amiko.ssh.transport.wire.Bytes.EMPTY, WAIT).success());
            SessionChannel s = c.openSession();
            assertFalse(s.setEnv("AMIKO_TEST", "1"), "sshd refuses env without AcceptEnv");
            s.requestPty("xterm", 80, 24, new TerminalModes(java.util.Map.of(TerminalModes.ECHO, 0L)));
            s.exec("tty");
            String tty = readAll(s.stdout());
            assertTrue(tty.startsWith("/dev/pts/"), tty);
            assertTrue(s.waitFor(WAIT).isSuccess());
            c.noMoreSessions();
            assertTrue(c.keepalive(WAIT));
        }
    }
}
