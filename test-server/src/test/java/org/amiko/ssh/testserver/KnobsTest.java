package org.amiko.ssh.testserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.auth.AuthenticationException;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.KeyboardInteractiveAuth;
import org.amiko.ssh.auth.PasswordAuth;
import org.amiko.ssh.channel.ChannelTimeoutException;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.DisconnectException;
import org.amiko.ssh.transport.IntegrityException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** amiko's client role under every knob: the benign ones succeed, each fault ends in one typed error and no hang. */
class KnobsTest {

    private static final Duration WAIT = Clients.WAIT;
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAllAndLeaveNoThread() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> left = amikoThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = amikoThreads();
        }
        assertEquals(List.of(), left, "threads left after closing");
    }

    private static List<String> amikoThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("amiko-transport") || n.startsWith("amiko-connection")
                        || n.startsWith("amiko-test-server") || n.startsWith("amiko-session"))
                .sorted().toList();
    }

    private TestServer server(Knobs knobs) throws IOException {
        TestServer s = TestServer.builder().user("alice", "secret").knobs(knobs).authTimeout(Duration.ofSeconds(5)).start();
        open.add(s);
        return s;
    }

    private Connection connect(TestServer server) throws IOException {
        Connection c = Clients.connect(server, "alice", "secret");
        open.add(c);
        return c;
    }

    private static String run(Connection c, String command) throws IOException {
        SessionChannel s = c.openSession();
        s.exec(command);
        String out = new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(s.waitFor(WAIT).isSuccess());
        return out;
    }

    // ---- benign ---------------------------------------------------------------------------------

    @Test
    void anUnusualVersionLineAfterPreambleLines() throws Exception {
        TestServer server = server(Knobs.builder().version("SSH-2.0-Odd_9.9 with a comment")
                .preamble("Welcome to a server that talks first", "second line").build());
        Transport t = Clients.transport(server, b -> { });
        open.add(t);
        assertEquals("SSH-2.0-Odd_9.9 with a comment", t.peerVersion());
    }

    @Test
    void aWrongGuessedKexPacketIsSkipped() throws Exception {
        Connection c = connect(server(Knobs.builder().guessedKexPacket().build()));
        assertEquals("guessed\n", run(c, "echo guessed"));
    }

    @Test
    void ignoreAndDebugNoiseBetweenPackets() throws Exception {
        Connection c = connect(server(Knobs.builder().ignoreEvery(1).debugEvery(2).build()));
        assertEquals("noise\n", run(c, "echo noise"));
    }

    @Test
    void reKeyingEvery64KiB() throws Exception {
        Connection c = connect(server(Knobs.builder().rekeyEveryBytes(64 * 1024).build()));
        assertEquals(4 << 20, run(c, "head -c 4194304 /dev/zero").length());
        assertTrue(c.transport().keyExchanges() > 10, c.transport().keyExchanges() + " key exchanges");
    }

    @Test
    void windowsAndPacketsOfOneByte() throws Exception {
        Connection c = connect(server(Knobs.builder().window(1).maxPacket(1).build()));
        SessionChannel s = c.openSession();
        s.exec("cat");
        byte[] data = new byte[3000];
        new java.util.Random(1).nextBytes(data);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream in = s.stdin()) {
                in.write(data);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertEquals(java.util.HexFormat.of().formatHex(data), java.util.HexFormat.of().formatHex(s.stdout().readAllBytes()));
        writer.get(30, TimeUnit.SECONDS);
        assertEquals(1, s.channel().remoteMaxPacket());
    }

    @Test
    void aBannerAndAPartialSuccessChain() throws Exception {
        TestServer server = server(Knobs.builder().banner("Authorized use only\n")
                .requiredMethods(List.of(List.of("password", "keyboard-interactive"))).build());
        List<String> banners = new CopyOnWriteArrayList<>();
        KeyboardInteractiveAuth kbd = new KeyboardInteractiveAuth((name, instruction, prompts) ->
                prompts.stream().map(p -> "secret").toList());
        Connection c = Clients.connect(server, "alice", List.of(PasswordAuth.of("secret"), kbd), b -> { },
                ConnectionConfig.defaults(), banners::add);
        open.add(c);
        assertEquals(List.of("Authorized use only\n"), banners);
        AuthenticationException onlyOne = assertThrows(AuthenticationException.class, () -> Clients.connect(server, "alice",
                List.of(PasswordAuth.of("secret")), b -> { }, ConnectionConfig.defaults(), BannerListener.IGNORE));
        assertTrue(onlyOne.getMessage().contains("more methods required"), onlyOne.getMessage());
    }

    @Test
    void exitSignalInsteadOfExitStatusAndAStderrFlood() throws Exception {
        Connection c = connect(server(Knobs.builder().exitSignal("TERM").stderrFlood(3 << 20).build()));
        SessionChannel s = c.openSession();
        s.exec("echo out");
        assertEquals("out\n", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8)); // stdout first
        InputStream err = s.stderr();
        assertEquals(3 << 20, err.readAllBytes().length);
        assertEquals("TERM", assertInstanceOf(ExitStatus.Killed.class, s.waitFor(WAIT)).signal());
    }

    // ---- faults -------------------------------------------------------------------------------

    private <T extends SshException> T fails(Class<T> type, Fault fault, ConnectionConfig config, String command) {
        long start = System.nanoTime();
        T e = assertThrows(type, () -> {
            TestServer server = server(Knobs.builder().fault(fault).build());
            Connection c = Clients.connect(server, "alice", List.of(PasswordAuth.of("secret")), b -> { }, config,
                    BannerListener.IGNORE);
            open.add(c);
            if (command != null) {
                SessionChannel s = c.openSession();
                s.exec(command);
            }
        });
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20), "took too long");
        return e;
    }

    @Test
    void aDisconnectAtTheServiceAccept() {
        DisconnectException e = fails(DisconnectException.class, new Fault.DisconnectAt(Fault.SERVICE_ACCEPT),
                ConnectionConfig.defaults(), null);
        assertTrue(e.getMessage().contains("fault injected"), e.getMessage());
    }

    @Test
    void aCorruptedMacOnUserAuthSuccess() {
        fails(IntegrityException.class, new Fault.CorruptMacAt(Fault.USERAUTH_SUCCESS), ConnectionConfig.defaults(), null);
    }

    @Test
    void aMalformedChannelOpenConfirmation() {
        ProtocolException e = fails(ProtocolException.class, new Fault.MalformedAt(Fault.CHANNEL_OPEN_CONFIRMATION),
                ConnectionConfig.defaults(), "true");
        assertTrue(e.getMessage().contains("bytes") || e.getMessage().contains("needs"), e.getMessage());
    }

    @Test
    void aStallAtTheReplyToExec() {
        fails(ChannelTimeoutException.class, new Fault.StallAt(Fault.CHANNEL_SUCCESS),
                ConnectionConfig.builder().requestTimeout(Duration.ofSeconds(2)).build(), "true");
    }

    @Test
    void aStallAtNewKeys() {
        long start = System.nanoTime();
        assertThrows(ConnectionClosedException.class, () -> {
            TestServer server = server(Knobs.builder().fault(new Fault.StallAt(Fault.NEWKEYS)).build());
            open.add(Clients.transport(server, b -> b.handshakeTimeout(Duration.ofSeconds(2))));
        });
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(15));
    }
}
