package org.amiko.ssh.channel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.channel.message.ChannelClose;
import org.amiko.ssh.channel.message.ChannelEof;
import org.amiko.ssh.channel.message.ChannelExtendedData;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ChannelWindowAdjust;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * One channel of a {@link Connection} (RFC 4254 §5), the same in either role: the streams of what
 * the peer sends ({@link #getInputStream()} for data, {@link #getExtendedInputStream()} for
 * stderr), the streams of what we send ({@link #getOutputStream()}, and
 * {@link #getExtendedOutputStream()} for a server's stderr), requests with or without a reply, and
 * the end of the channel: EOF in each direction independently, then CLOSE from both sides
 * (§5.3), after which its number is free again.
 *
 * <p>Threads: the connection's dispatch thread delivers what arrives; any thread may read, write,
 * request and close. Mutable state is guarded by {@link #lock}, except the request replies,
 * which are queued under {@code requestLock} together with the send that asks for them so that
 * replies match requests in order (§5.4).
 */
public final class Channel implements AutoCloseable {

    private final Connection connection;
    private final int localId;
    private final String type;
    private final ConnectionConfig config;
    final ReentrantLock lock = new ReentrantLock();
    /** Orders this channel's sends against its CLOSE; taken before {@link #lock}, never while holding it. */
    private final ReentrantLock sendLock = new ReentrantLock();
    private final LocalWindow localWindow;
    private final int localMaxPacket;
    private final ChannelInputStream stdout;
    private final ChannelInputStream stderr;
    private final ChannelOutputStream dataOut;
    private final ChannelOutputStream stderrOut;
    private final CompletableFuture<Channel> opened = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ReentrantLock requestLock = new ReentrantLock();
    private final ArrayDeque<CompletableFuture<Boolean>> pendingReplies = new ArrayDeque<>(); // guarded by requestLock
    private volatile ChannelHandler handler;

    // set once on open confirmation (or at once for a channel the peer opened)
    private volatile int remoteId;
    private volatile RemoteWindow remoteWindow;
    private volatile int remoteMaxPacket;

    // guarded by lock
    private boolean eofSent;
    private boolean eofReceived;
    private boolean closeSent;
    private boolean closeReceived;
    private boolean closeWanted;  // close() was called before the open was confirmed
    private IOException failure;  // the connection's end, once it ended

    Channel(Connection connection, int localId, String type, ChannelHandler handler, ConnectionConfig config) {
        this.connection = connection;
        this.localId = localId;
        this.type = type;
        this.handler = handler;
        this.config = config;
        this.localWindow = new LocalWindow(config.windowSize());
        this.localMaxPacket = config.maxPacketSize();
        this.stdout = new ChannelInputStream(this, "data", config.readTimeout());
        this.stderr = new ChannelInputStream(this, "stderr", config.readTimeout());
        this.dataOut = new ChannelOutputStream(this, ChannelOutputStream.DATA, config.writeTimeout());
        this.stderrOut = new ChannelOutputStream(this, ChannelExtendedData.STDERR, config.writeTimeout());
    }

    // ---- what it is ---------------------------------------------------------------------------

    /** Our number for the channel (the peer's "recipient channel" in what it sends). */
    public int localId() {
        return localId;
    }

    /** The peer's number for the channel; valid once open. */
    public int remoteId() {
        return remoteId;
    }

    /** The channel type: {@code session}, {@code direct-tcpip}, {@code forwarded-tcpip}, ... */
    public String type() {
        return type;
    }

    public Connection connection() {
        return connection;
    }

    ConnectionConfig config() {
        return config;
    }

    /** The bytes we may still send before the peer adjusts its window. */
    public long remoteWindowSize() {
        RemoteWindow w = remoteWindow;
        return w == null ? 0 : w.available();
    }

    /** The largest data packet the peer accepts (its maximum packet size, capped at what our transport sends). */
    public int remoteMaxPacket() {
        return remoteMaxPacket;
    }

    RemoteWindow remoteWindow() {
        return remoteWindow;
    }

    /** Replaces the handler of requests from the peer; set it before asking for anything that makes the peer send them. */
    public void setHandler(ChannelHandler handler) {
        this.handler = handler;
    }

    // ---- streams ------------------------------------------------------------------------------

    /** The peer's data (a command's stdout, or what a forwarded socket sends). */
    public ChannelInputStream getInputStream() {
        return stdout;
    }

    /** The peer's extended data of type 1, stderr (RFC 4254 §5.2). */
    public ChannelInputStream getExtendedInputStream() {
        return stderr;
    }

    /** Our data (a command's stdin); closing it sends EOF. */
    public ChannelOutputStream getOutputStream() {
        return dataOut;
    }

    /** Our extended data of type 1, stderr: what a server sends for a command's standard error. */
    public ChannelOutputStream getExtendedOutputStream() {
        return stderrOut;
    }

    // ---- requests -----------------------------------------------------------------------------

    /**
     * Sends a CHANNEL_REQUEST with want-reply and waits for its SUCCESS (true) or FAILURE (false).
     *
     * @throws ChannelTimeoutException if no reply comes within {@code timeout}
     */
    public boolean request(String requestType, Bytes data, Duration timeout) throws IOException {
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        requestLock.lock();
        try {
            checkOpen();
            pendingReplies.add(reply);
            try {
                send(new ChannelRequest(remoteId, requestType, true, data).toPayload());
            } catch (IOException | RuntimeException e) {
                pendingReplies.removeLastOccurrence(reply); // never sent: no reply will come for it
                throw e;
            }
        } finally {
            requestLock.unlock();
        }
        return Futures.await(reply, timeout, "reply to " + requestType + " on channel " + localId);
    }

    /** Sends a CHANNEL_REQUEST that wants no reply. */
    public void requestNoReply(String requestType, Bytes data) throws IOException {
        checkOpen();
        send(new ChannelRequest(remoteId, requestType, false, data).toPayload());
    }

    private void checkOpen() throws ChannelClosedException {
        lock.lock();
        try {
            if (failure != null) {
                throw new ChannelClosedException("channel " + localId + " is closed: " + failure.getMessage(), failure);
            }
            if (closeSent || closeReceived) {
                throw new ChannelClosedException("channel " + localId + " is closed"
                        + (closeReceived && !closeSent ? " by the peer" : ""));
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- ending -------------------------------------------------------------------------------

    /** Sends EOF (§5.3): we send no more data; the peer's direction stays open. Sent at most once. */
    public void sendEof() throws IOException {
        sendLock.lock();
        try {
            lock.lock();
            try {
                if (eofSent || closeSent || failure != null || remoteWindow == null) {
                    return;
                }
                eofSent = true;
            } finally {
                lock.unlock();
            }
            // under sendLock, like every data send: no data can follow our EOF onto the wire (§5.3)
            connection.send(new ChannelEof(remoteId).toPayload());
        } finally {
            sendLock.unlock();
        }
        remoteWindow.close("EOF was sent on channel " + localId);
    }

    /** True once the peer sent EOF or CLOSE. */
    public boolean eofReceived() {
        lock.lock();
        try {
            return eofReceived || closeReceived;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends CLOSE (§5.3) unless it was sent; the channel's number is freed once the peer's CLOSE
     * is in too (see {@link #closedFuture()}). Reading what already arrived still works.
     */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!opened.isDone()) {
                closeWanted = true;
                return;
            }
            if (opened.isCompletedExceptionally() || remoteWindow == null) {
                return; // the open failed: there is no channel on the other side to close
            }
        } finally {
            lock.unlock();
        }
        if (sendClose()) {
            remoteWindow.close("channel " + localId + " is closed");
            finishIfBothClosed();
        }
    }

    /** Completes when both CLOSEs are out and in, or the connection ends. */
    public CompletableFuture<Void> closedFuture() {
        return closed;
    }

    /** Waits until the channel is closed in both directions; false if {@code timeout} passes first. */
    public boolean awaitClosed(Duration timeout) throws InterruptedException {
        try {
            closed.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    // ---- what the streams ask (under lock unless said) ---------------------------------------

    void checkReadableLocked(String stream) throws IOException {
        if (failure != null) {
            throw new ChannelClosedException("the connection ended before the " + stream + " of channel " + localId
                    + " did: " + failure.getMessage(), failure);
        }
    }

    void checkWritable(String what) throws IOException {
        lock.lock();
        try {
            if (failure != null) {
                throw new ChannelClosedException("cannot send " + what + " on channel " + localId + ": the connection ended: "
                        + failure.getMessage(), failure);
            }
            if (eofSent || closeSent) {
                throw new ChannelClosedException("cannot send " + what + " on channel " + localId + ": "
                        + (closeSent ? "it is closed" : "EOF was sent"));
            }
            if (closeReceived) {
                throw new ChannelClosedException("cannot send " + what + " on channel " + localId + ": the peer closed it");
            }
        } finally {
            lock.unlock();
        }
    }

    /** The application took {@code n} bytes: what to give back in a WINDOW_ADJUST now, or 0. */
    long releaseLocked(long n) {
        if (n <= 0 || closeSent || closeReceived || failure != null) {
            return 0;
        }
        return localWindow.release(n);
    }

    boolean siblingWaitingLocked(ChannelInputStream stream) {
        return (stream == stdout ? stderr : stdout).hasWaitingReaderLocked();
    }

    long parkSiblingsLocked(ChannelInputStream stream) {
        return (stream == stdout ? stderr : stdout).parkLocked();
    }

    String stallExplanationLocked(ChannelInputStream stream) {
        ChannelInputStream sibling = stream == stdout ? stderr : stdout;
        if (sibling.bufferedLocked() >= config.parkedStreamLimit()) {
            return " (the window is held by " + sibling.bufferedLocked() + " unread bytes of the other stream, at its"
                    + " parked limit of " + config.parkedStreamLimit() + "; read both streams at once)";
        }
        return "";
    }

    void sendWindowAdjust(long bytes) throws IOException {
        sendIfOpen(new ChannelWindowAdjust(remoteId, bytes).toPayload());
    }

    /**
     * Sends one message of this channel unless our CLOSE is out: checking and sending happen under
     * {@code sendLock}, which is also held while CLOSE is sent, so nothing of ours can follow our
     * CLOSE onto the wire (RFC 4254 §5.3) and reach a peer that already freed the number.
     */
    void send(byte[] payload) throws IOException {
        sendLock.lock();
        try {
            checkOpen();
            connection.send(payload);
        } finally {
            sendLock.unlock();
        }
    }

    /** A data or extended data packet: as {@link #send}, and refused once our EOF is out (§5.3). */
    void sendData(byte[] payload, String what) throws IOException {
        sendLock.lock();
        try {
            checkWritable(what);
            connection.send(payload);
        } finally {
            sendLock.unlock();
        }
    }

    /** As {@link #send}, but a closed channel just drops the message (window adjusts, replies). */
    boolean sendIfOpen(byte[] payload) throws IOException {
        sendLock.lock();
        try {
            lock.lock();
            try {
                if (closeSent || failure != null) {
                    return false;
                }
            } finally {
                lock.unlock();
            }
            connection.send(payload);
            return true;
        } finally {
            sendLock.unlock();
        }
    }

    /** Sends our CLOSE once; true if this call sent it. */
    private boolean sendClose() throws IOException {
        sendLock.lock();
        try {
            lock.lock();
            try {
                if (closeSent || failure != null) {
                    return false;
                }
                closeSent = true;
            } finally {
                lock.unlock();
            }
            connection.send(new ChannelClose(remoteId).toPayload());
            return true;
        } finally {
            sendLock.unlock();
        }
    }

    // ---- what the dispatch thread delivers ---------------------------------------------------

    /** The peer confirmed our open (or we accepted the peer's): remote number, window, packet size. */
    void established(int remoteId, long remoteWindowSize, long remoteMaxPacket) throws IOException {
        this.remoteId = remoteId;
        this.remoteWindow = new RemoteWindow(remoteWindowSize);
        this.remoteMaxPacket = (int) Math.max(1, Math.min(remoteMaxPacket, config.maxSendPacket()));
        boolean closeNow;
        lock.lock();
        try {
            // under the lock that close() reads it with: a close() racing with the confirmation is never lost
            closeNow = closeWanted;
            opened.complete(this);
        } finally {
            lock.unlock();
        }
        if (closeNow) {
            close();
        }
    }

    CompletableFuture<Channel> openedFuture() {
        return opened;
    }

    ChannelHandler handler() {
        return handler;
    }

    void receivedData(Bytes data, boolean extended) throws IOException {
        long adjust;
        lock.lock();
        try {
            checkArrivingLocked(data.length());
            if (closeSent) {
                return; // on its way out: dropped
            }
            adjust = (extended ? stderr : stdout).addLocked(data);
        } finally {
            lock.unlock();
        }
        if (adjust > 0) {
            sendWindowAdjust(adjust);
        }
    }

    /** Every data packet, of whatever stream: within our maximum packet size and window (§5.2), never after EOF (§5.3). */
    private void checkArrivingLocked(int length) throws ProtocolException {
        if (length > localMaxPacket) {
            throw new ProtocolException("channel " + localId + ": the peer sent " + length
                    + " bytes in one packet, more than our maximum packet size " + localMaxPacket + " (RFC 4254 §5.2)");
        }
        localWindow.receive(length);
        if (eofReceived) {
            throw new ProtocolException("channel " + localId + ": data after EOF (RFC 4254 §5.3)");
        }
    }

    /** Extended data of a type we do not know: dropped, but its window given back. */
    void receivedUnknownExtendedData(int length) throws IOException {
        long adjust;
        lock.lock();
        try {
            checkArrivingLocked(length);
            adjust = releaseLocked(length);
        } finally {
            lock.unlock();
        }
        if (adjust > 0) {
            sendWindowAdjust(adjust);
        }
    }

    void receivedWindowAdjust(long bytes) throws ProtocolException {
        remoteWindow.add(bytes);
    }

    void receivedEof() {
        markEnd(false);
    }

    /** EOF or CLOSE from the peer: both streams end once drained. */
    private void markEnd(boolean close) {
        lock.lock();
        try {
            eofReceived = true;
            closeReceived |= close;
            stdout.eofLocked();
            stderr.eofLocked();
        } finally {
            lock.unlock();
        }
    }

    /** The peer's CLOSE: answer with ours if not sent yet (§5.3), then free the number. */
    void receivedClose() throws IOException {
        markEnd(true);
        remoteWindow.close("the peer closed channel " + localId);
        failPendingReplies(new ChannelClosedException("the peer closed channel " + localId));
        sendClose();
        finishIfBothClosed();
    }

    void receivedReply(boolean success) throws ProtocolException {
        CompletableFuture<Boolean> next;
        requestLock.lock();
        try {
            next = pendingReplies.poll();
        } finally {
            requestLock.unlock();
        }
        if (next == null) {
            throw new ProtocolException("channel " + localId + ": a request reply nobody asked for (RFC 4254 §5.4)");
        }
        next.complete(success);
    }

    private void finishIfBothClosed() {
        boolean done;
        lock.lock();
        try {
            done = closeSent && closeReceived;
        } finally {
            lock.unlock();
        }
        if (done) {
            connection.release(this);
            closed.complete(null);
        }
    }

    /** The connection ended: wake every reader, writer and waiter with {@code cause}. */
    void connectionEnded(IOException cause) {
        lock.lock();
        try {
            if (failure == null && !(closeSent && closeReceived)) {
                failure = cause;
            }
            stdout.wakeLocked();
            stderr.wakeLocked();
        } finally {
            lock.unlock();
        }
        RemoteWindow w = remoteWindow;
        if (w != null) {
            w.close("the connection ended: " + cause.getMessage());
        }
        opened.completeExceptionally(cause);
        failPendingReplies(new ChannelClosedException("the connection ended: " + cause.getMessage(), cause));
        closed.complete(null);
    }

    private void failPendingReplies(IOException cause) {
        requestLock.lock();
        try {
            CompletableFuture<Boolean> f;
            while ((f = pendingReplies.poll()) != null) {
                f.completeExceptionally(cause);
            }
        } finally {
            requestLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Channel[" + type + " " + localId + "->" + remoteId + "]";
    }
}
