package org.amiko.ssh.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.message.ChannelData;
import org.amiko.ssh.channel.message.ChannelEof;
import org.amiko.ssh.channel.message.ChannelExtendedData;
import org.amiko.ssh.channel.message.ChannelFailure;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.channel.message.ChannelOpenConfirmation;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ChannelSuccess;
import org.amiko.ssh.channel.message.ChannelWindowAdjust;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.channel.message.GlobalRequest;
import org.amiko.ssh.channel.message.RequestFailure;
import org.amiko.ssh.channel.message.RequestSuccess;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.DisconnectException;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our client {@link Connection} against a hostile server: a bare server {@link Transport} on which
 * the test sends payloads of its own making. The server confirms a session channel, then breaks
 * one rule of RFC 4254. Each case must end the same way: the connection fails with a
 * PROTOCOL_ERROR {@link ProtocolException}, the server is sent a DISCONNECT, every reader and
 * writer blocked on the channel wakes with a {@link ChannelClosedException}, nothing hangs and
 * no thread is left behind.
 */
class HostilePeerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The hostile server's number for the channel: top bit set, so it is never mistaken for an int. */
    private static final int SERVER_ID = 0x8000_0007;
    private static final long MAX_WINDOW = 0xffff_ffffL;
    private static final List<String> WATCHED_THREADS = List.of("amiko-connection", "amiko-transport-reader");

    private Map<String, Integer> threadsBefore;

    @BeforeEach
    void countThreads() {
        threadsBefore = watchedThreads();
    }

    @AfterEach
    void noLeakedThreads() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<String, Integer> now = watchedThreads();
        while (leaked(now) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            now = watchedThreads();
        }
        assertFalse(leaked(now), "threads before " + threadsBefore + ", after " + now);
    }

    private boolean leaked(Map<String, Integer> now) {
        for (String name : WATCHED_THREADS) {
            if (now.get(name) > threadsBefore.get(name)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Integer> watchedThreads() {
        Map<String, Integer> counts = new HashMap<>();
        for (String name : WATCHED_THREADS) {
            counts.put(name, 0);
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && counts.containsKey(t.getName())) {
                counts.merge(t.getName(), 1, Integer::sum);
            }
        }
        return counts;
    }

    // ---- (a) more data than the window ----------------------------------------------------------

    @Test
    void dataBeyondTheWindowWeGave() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.builder().windowSize(1024).build())) {
            rig.openSession(0, 32768); // a shut window: our writer has to wait too
            rig.blockReadersAndWriter();
            rig.send(new ChannelData(rig.clientId, Bytes.of(new byte[1025])));
            rig.assertClientFailed("window of 1024");
        }
    }

    @Test
    void dataAndStderrShareOneWindow() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.builder().windowSize(1024).build())) {
            SessionChannel s = rig.openSession(0, 32768);
            rig.blockWriter();
            // nobody reads, so nothing is given back: 1000 + 25 bytes overrun the 1024 we gave
            rig.send(new ChannelData(rig.clientId, Bytes.of(new byte[1000])));
            rig.send(new ChannelExtendedData(rig.clientId, ChannelExtendedData.STDERR, Bytes.of(new byte[25])));
            rig.assertClientFailed("window of 24");
            // what arrived in time can still be read; then the end is an error, not a clean EOF
            assertEquals(1000, s.stdout().read(new byte[2000]));
            assertThrows(ChannelClosedException.class, () -> s.stdout().read(new byte[1]));
            assertThrows(ChannelClosedException.class, () -> s.stderr().read(new byte[1]));
        }
    }

    // ---- (b) a packet larger than our maximum packet size ---------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {-1, ChannelExtendedData.STDERR, 2})
    void onePacketLargerThanOurMaximumPacketSize(long dataType) throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.builder().maxPacketSize(1024).build())) {
            rig.openSession(0, 32768);
            rig.blockReadersAndWriter();
            Bytes tooLarge = Bytes.of(new byte[1025]);
            rig.send(dataType < 0 ? new ChannelData(rig.clientId, tooLarge)
                    : new ChannelExtendedData(rig.clientId, dataType, tooLarge));
            rig.assertClientFailed("maximum packet size 1024");
        }
    }

    @Test
    void aPacketOfExactlyOurMaximumIsFine() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.builder().maxPacketSize(1024).build())) {
            SessionChannel s = rig.openSession(1024, 32768);
            rig.send(new ChannelData(rig.clientId, Bytes.of(new byte[1024])));
            assertEquals(1024, s.stdout().readNBytes(1024).length);
            assertTrue(rig.client.isOpen());
        }
    }

    // ---- (c) a channel that was never opened ----------------------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff, SERVER_ID})
    void dataForAChannelNeverOpened(int recipient) throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            rig.openSession(0, 32768);
            assertEquals(0, rig.clientId, "the first channel is number 0");
            rig.blockReadersAndWriter();
            rig.send(new ChannelData(recipient, Bytes.of((byte) 'x')));
            rig.assertClientFailed("for channel " + (recipient & 0xffff_ffffL) + ", which is not open");
        }
    }

    @Test
    void dataBeforeTheOpenIsConfirmed() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            Blocked<SessionChannel> opener = Blocked.start("open", rig.client::openSession);
            ChannelOpen open = rig.expect(ChannelOpen.class);
            opener.awaitWaiting();
            rig.send(new ChannelData(open.senderChannel(), Bytes.of((byte) 'x')));
            ProtocolException failure = rig.assertClientFailed("which is not open");
            // the opener learns why the connection ended
            Throwable e = opener.failure(WAIT);
            assertTrue(e == failure || e.getCause() == failure, "the opener failed with " + e);
            assertEquals(0, rig.client.channelCount());
        }
    }

    // ---- (d) a window past 2^32 - 1 -------------------------------------------------------------

    @Test
    void windowAdjustPast2To32Minus1() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            SessionChannel s = rig.openSession(MAX_WINDOW - 0xff, 32768);
            rig.blockReaders(); // a writer cannot be blocked: the window is open
            rig.send(new ChannelWindowAdjust(rig.clientId, 0xff));
            // exactly 2^32 - 1 is allowed
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (s.channel().remoteWindowSize() != MAX_WINDOW && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(MAX_WINDOW, s.channel().remoteWindowSize());
            assertTrue(rig.client.isOpen());
            rig.send(new ChannelWindowAdjust(rig.clientId, 1));
            rig.assertClientFailed("past 2^32-1");
        }
    }

    // ---- (e) a channel reply to no request ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aChannelReplyThatAnswersNoRequest(boolean success) throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            rig.openSession(0, 32768);
            rig.blockReadersAndWriter();
            rig.send(success ? new ChannelSuccess(rig.clientId) : new ChannelFailure(rig.clientId));
            rig.assertClientFailed("a request reply nobody asked for");
        }
    }

    @Test
    void aSecondReplyToOneRequest() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            SessionChannel s = rig.openSession(0, 32768);
            Blocked<Boolean> request = Blocked.start("request",
                    () -> s.channel().request("x-test@amiko", Bytes.EMPTY, WAIT));
            ChannelRequest r = rig.expect(ChannelRequest.class);
            assertEquals(new ChannelRequest(SERVER_ID, "x-test@amiko", true, Bytes.EMPTY), r);
            rig.send(new ChannelSuccess(rig.clientId));
            assertTrue(request.value(WAIT));
            rig.blockReadersAndWriter();
            rig.send(new ChannelFailure(rig.clientId));
            rig.assertClientFailed("a request reply nobody asked for");
        }
    }

    @Test
    void aPendingRequestIsWokenToo() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            SessionChannel s = rig.openSession(0, 32768);
            Blocked<Boolean> request = Blocked.start("request",
                    () -> s.channel().request("x-test@amiko", Bytes.EMPTY, Duration.ofMinutes(5)));
            rig.expect(ChannelRequest.class);
            request.awaitWaiting();
            Blocked<GlobalReply> global = Blocked.start("global",
                    () -> rig.client.globalRequest("x-test@amiko", Bytes.EMPTY, Duration.ofMinutes(5)));
            rig.expect(GlobalRequest.class);
            global.awaitWaiting();
            rig.blocked.add(request);
            rig.blocked.add(global);
            rig.send(new ChannelData(0x4000_0000, Bytes.EMPTY));
            rig.assertClientFailed("which is not open");
        }
    }

    // ---- (f) data after EOF ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(longs = {-1, ChannelExtendedData.STDERR, 2})
    void dataAfterEof(long dataType) throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            SessionChannel s = rig.openSession(0, 32768);
            Blocked<Integer> stdout = rig.blockedRead(s.stdout(), "stdout");
            Blocked<Integer> stderr = rig.blockedRead(s.stderr(), "stderr");
            rig.blockWriter();
            rig.send(new ChannelEof(rig.clientId));
            // the EOF itself is a clean end of both streams; our direction stays open
            assertEquals(-1, stdout.value(WAIT));
            assertEquals(-1, stderr.value(WAIT));
            assertTrue(s.channel().eofReceived());
            assertTrue(rig.client.isOpen());
            Bytes late = Bytes.of("late".getBytes(StandardCharsets.US_ASCII));
            rig.send(dataType < 0 ? new ChannelData(rig.clientId, late)
                    : new ChannelExtendedData(rig.clientId, dataType, late));
            rig.assertClientFailed("after EOF");
        }
    }

    // ---- (g) a global reply to no request -------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aGlobalReplyWithNoRequestOutstanding(boolean success) throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            rig.openSession(0, 32768);
            rig.blockReadersAndWriter();
            rig.send(success ? new RequestSuccess(Bytes.EMPTY) : RequestFailure.INSTANCE);
            rig.assertClientFailed("a global request reply nobody asked for");
        }
    }

    @Test
    void aGlobalReplyAfterTheOnlyRequestWasAnswered() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            rig.openSession(0, 32768);
            Blocked<Boolean> keepalive = Blocked.start("keepalive", () -> rig.client.keepalive(WAIT));
            assertEquals(new GlobalRequest("keepalive@openssh.com", true, Bytes.EMPTY), rig.expect(GlobalRequest.class));
            rig.send(RequestFailure.INSTANCE);
            assertTrue(keepalive.value(WAIT), "a FAILURE reply proves the peer alive");
            rig.blockReadersAndWriter();
            rig.send(new RequestSuccess(Bytes.ofHex("00000016")));
            rig.assertClientFailed("a global request reply nobody asked for");
        }
    }

    // ---- benign: OpenSSH's global requests ------------------------------------------------------

    @Test
    void hostkeysWithoutReplyAndKeepaliveWithReplyLeaveTheConnectionOpen() throws Exception {
        try (Rig rig = new Rig(ConnectionConfig.defaults())) {
            SessionChannel s = rig.openSession(1 << 20, 32768);
            // OpenSSH's sshd sends its host keys after authentication (PROTOCOL §2.5), wanting no reply
            Bytes keys = new SshWriter().writeString(new SshWriter().writeUtf8("ssh-ed25519").writeString(new byte[32])
                    .toByteArray()).toBytes();
            rig.send(new GlobalRequest("hostkeys-00@openssh.com", false, keys));
            rig.send(new GlobalRequest("keepalive@openssh.com", true, Bytes.EMPTY));
            byte[] reply = rig.raw.receive(WAIT);
            assertNotNull(reply, "no reply to keepalive@openssh.com");
            assertArrayEquals(new byte[] {RequestFailure.ID}, reply, "REQUEST_FAILURE, for the keepalive");
            assertNull(rig.raw.receive(Duration.ofMillis(300)), "nothing for hostkeys-00, which wanted no reply");
            assertTrue(rig.client.isOpen());
            assertNull(rig.client.failure());

            // and the connection still works both ways
            rig.send(new ChannelData(rig.clientId, Bytes.of("still here".getBytes(StandardCharsets.US_ASCII))));
            assertEquals("still here", new String(s.stdout().readNBytes(10), StandardCharsets.US_ASCII));
            s.stdin().write("pong".getBytes(StandardCharsets.US_ASCII));
            assertEquals(new ChannelData(SERVER_ID, Bytes.of("pong".getBytes(StandardCharsets.US_ASCII))),
                    rig.expect(ChannelData.class));
            Blocked<Boolean> keepalive = Blocked.start("keepalive", () -> rig.client.keepalive(WAIT));
            assertEquals(new GlobalRequest("keepalive@openssh.com", true, Bytes.EMPTY), rig.expect(GlobalRequest.class));
            rig.send(new RequestSuccess(Bytes.EMPTY));
            assertTrue(keepalive.value(WAIT));
            assertTrue(rig.client.isOpen());
        }
    }

    // ---- the rig --------------------------------------------------------------------------------

    /** Our client connection over a pipe whose server end is a bare transport the test drives. */
    private static final class Rig implements AutoCloseable {
        final Connection client;
        final Transport raw;
        final List<Blocked<?>> blocked = new ArrayList<>();
        int clientId;
        SessionChannel session;

        Rig(ConnectionConfig config) throws Exception {
            Transport[] transports = PipePair.transports(List.of("aes128-gcm@openssh.com"));
            raw = transports[1];
            client = Connection.start(transports[0], config);
        }

        /** The client opens a session channel; the server confirms it with this window and packet size. */
        SessionChannel openSession(long window, long maxPacket) throws Exception {
            Blocked<SessionChannel> opener = Blocked.start("open", client::openSession);
            ChannelOpen open = expect(ChannelOpen.class);
            assertEquals("session", open.channelType());
            assertEquals(client.config().windowSize(), open.initialWindowSize());
            assertEquals(client.config().maxPacketSize(), open.maximumPacketSize());
            assertEquals(Bytes.EMPTY, open.data());
            clientId = open.senderChannel();
            send(new ChannelOpenConfirmation(clientId, SERVER_ID, window, maxPacket, Bytes.EMPTY));
            session = opener.value(WAIT);
            assertEquals(SERVER_ID, session.channel().remoteId());
            assertEquals(window, session.channel().remoteWindowSize());
            return session;
        }

        void send(ConnectionMessage m) throws IOException {
            raw.send(m.toPayload());
        }

        <T extends ConnectionMessage> T expect(Class<T> type) throws IOException {
            byte[] payload = raw.receive(WAIT);
            assertNotNull(payload, "the client sent nothing within " + WAIT + "; expected " + type.getSimpleName());
            return assertInstanceOf(type, ConnectionMessage.decode(payload));
        }

        Blocked<Integer> blockedRead(ChannelInputStream in, String name) throws InterruptedException {
            return Blocked.start(name, () -> in.read(new byte[100])).awaitWaiting();
        }

        void blockReaders() throws InterruptedException {
            blocked.add(blockedRead(session.stdout(), "stdout"));
            blocked.add(blockedRead(session.stderr(), "stderr"));
        }

        /** A writer waiting for window: only once the server's window is shut. */
        void blockWriter() throws InterruptedException {
            assertEquals(0, session.channel().remoteWindowSize());
            blocked.add(Blocked.start("stdin", () -> {
                session.stdin().write(new byte[10]);
                return null;
            }).awaitWaiting());
        }

        void blockReadersAndWriter() throws InterruptedException {
            blockReaders();
            blockWriter();
        }

        /**
         * The client ended with a PROTOCOL_ERROR whose message contains {@code why}, told the
         * server so, woke everything blocked, and refuses anything new.
         */
        ProtocolException assertClientFailed(String why) throws Exception {
            client.endedFuture().get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
            assertFalse(client.isOpen());
            ProtocolException e = assertInstanceOf(ProtocolException.class, client.failure());
            assertEquals(DisconnectReason.PROTOCOL_ERROR, e.reason());
            assertTrue(e.getMessage().contains(why), "failed for another reason: " + e.getMessage());
            assertServerDisconnected();
            for (Blocked<?> b : blocked) {
                Throwable woken = b.failure(WAIT);
                assertInstanceOf(ChannelClosedException.class, woken, b.thread.getName() + " woke with " + woken);
            }
            assertThrows(ChannelClosedException.class, () -> client.openSession());
            assertThrows(ChannelClosedException.class, () -> client.globalRequest("x", Bytes.EMPTY, WAIT));
            if (session != null) {
                assertThrows(ChannelClosedException.class, () -> session.stdin().write(1));
                assertThrows(ChannelClosedException.class, () -> session.channel().request("x", Bytes.EMPTY, WAIT));
                assertTrue(session.channel().awaitClosed(WAIT));
            }
            return e;
        }

        /** What the server receives ends in a DISCONNECT with PROTOCOL_ERROR (RFC 4253 §11.1). */
        private void assertServerDisconnected() throws IOException {
            for (int i = 0; i < 1000; i++) {
                byte[] payload;
                try {
                    payload = raw.receive(WAIT);
                } catch (SshException e) {
                    DisconnectException d = assertInstanceOf(DisconnectException.class, e, "the server's transport: " + e);
                    assertTrue(d.byPeer());
                    assertEquals(DisconnectReason.PROTOCOL_ERROR, d.reason());
                    return;
                }
                assertNotNull(payload, "no DISCONNECT within " + WAIT);
                // what the client sent before it saw the fault: connection messages only
                assertTrue(ConnectionMessage.isConnectionMessage(payload[0] & 0xff), "message " + (payload[0] & 0xff));
            }
            throw new AssertionError("the client kept sending instead of disconnecting");
        }

        @Override
        public void close() {
            client.close();
            raw.close();
        }
    }
}
