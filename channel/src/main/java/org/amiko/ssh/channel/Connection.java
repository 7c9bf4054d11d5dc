package org.amiko.ssh.channel;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.channel.message.ChannelClose;
import org.amiko.ssh.channel.message.ChannelData;
import org.amiko.ssh.channel.message.ChannelEof;
import org.amiko.ssh.channel.message.ChannelExtendedData;
import org.amiko.ssh.channel.message.ChannelFailure;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.channel.message.ChannelOpenConfirmation;
import org.amiko.ssh.channel.message.ChannelOpenFailure;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ChannelSuccess;
import org.amiko.ssh.channel.message.ChannelWindowAdjust;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.channel.message.GlobalRequest;
import org.amiko.ssh.channel.message.RequestFailure;
import org.amiko.ssh.channel.message.RequestSuccess;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.message.MessageNames;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The SSH connection protocol (RFC 4254) over an authenticated {@link Transport}, in either role:
 * many channels at once, each with its own flow control, and global requests.
 *
 * <p>Threads: one dispatch thread per connection takes every message the transport delivers and
 * hands it to its channel. It never waits on a channel's reader (a channel's buffer is bounded by
 * the window we gave, and more than the window is a protocol error), so a channel whose reader
 * stopped stalls nobody else, and the transport's own reader keeps key re-exchange going. Replies
 * to the peer's requests are sent from the dispatch thread; the application's sends come from
 * its own threads. Handlers run on the dispatch thread and must not block.
 */
public final class Connection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** How long one wait for the next message lasts; the transport's end wakes it at once. */
    private static final Duration POLL = Duration.ofSeconds(30);

    private final Transport transport;
    private final ConnectionConfig config;
    private final ChannelTable channels;
    private final ConcurrentHashMap<String, ChannelOpenHandler> openHandlers;
    private final ConcurrentHashMap<String, GlobalRequestHandler> globalHandlers;
    private final ReentrantLock globalLock = new ReentrantLock();
    private final ArrayDeque<CompletableFuture<GlobalReply>> pendingGlobal = new ArrayDeque<>(); // guarded by globalLock
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final Thread dispatcher;
    private volatile IOException failure;
    private volatile boolean noMoreSessions; // server: the client sent no-more-sessions@openssh.com

    private Connection(Transport transport, ConnectionConfig config) {
        this.transport = transport;
        this.config = config;
        this.channels = new ChannelTable(config.maxChannels());
        this.openHandlers = new ConcurrentHashMap<>(config.openHandlers());
        this.globalHandlers = new ConcurrentHashMap<>(config.globalHandlers());
        this.dispatcher = config.threadFactory().newThread(this::dispatchLoop);
    }

    /** Starts the connection protocol on a transport whose user authentication has succeeded. */
    public static Connection start(Transport transport, ConnectionConfig config) {
        Connection c = new Connection(transport, config);
        c.dispatcher.start();
        return c;
    }

    public Transport transport() {
        return transport;
    }

    public Role role() {
        return transport.role();
    }

    public ConnectionConfig config() {
        return config;
    }

    /** How many channels are in use (open, opening, or waiting for the peer's CLOSE). */
    public int channelCount() {
        return channels.size();
    }

    // ---- opening channels ---------------------------------------------------------------------

    /**
     * Opens a channel (RFC 4254 §5.1) and waits for the peer's answer.
     *
     * @param data the type-specific data after the CHANNEL_OPEN header
     * @throws ChannelOpenException if the peer refuses, with its reason code
     */
    public Channel open(String type, Bytes data, ChannelHandler handler, Duration timeout) throws IOException {
        checkAlive();
        Channel channel = channels.allocate(id -> new Channel(this, id, type, handler, config));
        if (channel == null) {
            throw new ChannelClosedException("all " + config.maxChannels() + " channels of the connection are in use");
        }
        try {
            send(new ChannelOpen(type, channel.localId(), config.windowSize(), config.maxPacketSize(), data).toPayload());
        } catch (IOException e) {
            channels.remove(channel);
            throw e;
        }
        try {
            return Futures.await(channel.openedFuture(), timeout, "answer to opening a " + type + " channel");
        } catch (ChannelTimeoutException | java.io.InterruptedIOException e) {
            channel.close(); // the answer may still come: the channel is closed then, and its number freed
            throw e;
        }
    }

    /** Opens a {@code session} channel (RFC 4254 §6.1) for exec, shell or a subsystem. */
    public SessionChannel openSession() throws IOException {
        return SessionChannel.open(this, config.openTimeout());
    }

    /** Lets the peer open channels of {@code type} from now on (null: refuse them again). */
    public void setOpenHandler(String type, ChannelOpenHandler handler) {
        if (handler == null) {
            openHandlers.remove(type);
        } else {
            openHandlers.put(type, handler);
        }
    }

    /** Answers the peer's global requests called {@code name} from now on (null: refuse them again). */
    public void setGlobalHandler(String name, GlobalRequestHandler handler) {
        if (handler == null) {
            globalHandlers.remove(name);
        } else {
            globalHandlers.put(name, handler);
        }
    }

    // ---- global requests ----------------------------------------------------------------------

    /** Sends a global request with want-reply and waits for its reply (replies come in order, RFC 4254 §4). */
    public GlobalReply globalRequest(String name, Bytes data, Duration timeout) throws IOException {
        CompletableFuture<GlobalReply> reply = new CompletableFuture<>();
        globalLock.lock();
        try {
            checkAlive();
            pendingGlobal.add(reply);
            try {
                send(new GlobalRequest(name, true, data).toPayload());
            } catch (IOException | RuntimeException e) {
                pendingGlobal.removeLastOccurrence(reply); // never sent: no reply will come for it
                throw e;
            }
        } finally {
            globalLock.unlock();
        }
        return Futures.await(reply, timeout, "reply to the global request " + name);
    }

    /** Sends a global request that wants no reply. */
    public void globalRequestNoReply(String name, Bytes data) throws IOException {
        checkAlive();
        send(new GlobalRequest(name, false, data).toPayload());
    }

    /**
     * OpenSSH's keepalive: a {@code keepalive@openssh.com} global request with want-reply. Any
     * reply, success or failure, proves the peer alive; returns false if none comes in time.
     */
    public boolean keepalive(Duration timeout) throws IOException {
        try {
            globalRequest("keepalive@openssh.com", Bytes.EMPTY, timeout);
            return true;
        } catch (ChannelTimeoutException e) {
            return false;
        }
    }

    /** Client: OpenSSH PROTOCOL §2.2 {@code no-more-sessions@openssh.com}: the server refuses every later session. */
    public void noMoreSessions() throws IOException {
        globalRequestNoReply("no-more-sessions@openssh.com", Bytes.EMPTY);
    }

    // ---- sending ------------------------------------------------------------------------------

    void send(byte[] payload) throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new ChannelClosedException("the connection ended: " + f.getMessage(), f);
        }
        transport.send(payload);
    }

    void release(Channel channel) {
        channels.remove(channel);
    }

    private void checkAlive() throws IOException {
        IOException f = failure;
        if (f != null) {
            throw new ChannelClosedException("the connection ended: " + f.getMessage(), f);
        }
    }

    // ---- the dispatch thread ------------------------------------------------------------------

    private void dispatchLoop() {
        try {
            while (failure == null) {
                byte[] payload = transport.receive(POLL);
                if (payload != null) {
                    dispatch(payload);
                }
            }
        } catch (ProtocolException e) {
            LOG.log(System.Logger.Level.DEBUG, "protocol error: {0}", e.getMessage());
            transport.disconnect(e.reason(), e.getMessage());
            end(e);
        } catch (IOException e) {
            end(e);
        } catch (RuntimeException | Error e) {
            transport.disconnect(DisconnectReason.PROTOCOL_ERROR, "internal error");
            end(new ConnectionClosedException("internal error in the connection's dispatcher: " + e, e));
        }
    }

    private void dispatch(byte[] payload) throws IOException {
        int id = payload[0] & 0xff;
        if (id >= 50 && id <= 79) {
            return; // RFC 4252 §5.1: authentication messages after success are ignored
        }
        if (!ConnectionMessage.isConnectionMessage(id)) {
            throw new ProtocolException("unexpected " + MessageNames.of(id) + " on the connection layer");
        }
        if (id == ChannelData.ID) {
            // the hot path first
            ChannelData d = (ChannelData) ConnectionMessage.decode(payload);
            channel(d.recipientChannel(), "CHANNEL_DATA").receivedData(d.data(), false);
            return;
        }
        ConnectionMessage m = ConnectionMessage.decode(payload);
        if (m instanceof ChannelExtendedData d) {
            Channel c = channel(d.recipientChannel(), "CHANNEL_EXTENDED_DATA");
            if (d.dataTypeCode() == ChannelExtendedData.STDERR) {
                c.receivedData(d.data(), true);
            } else {
                c.receivedUnknownExtendedData(d.data().length());
            }
        } else if (m instanceof ChannelWindowAdjust a) {
            channel(a.recipientChannel(), "CHANNEL_WINDOW_ADJUST").receivedWindowAdjust(a.bytesToAdd());
        } else if (m instanceof ChannelEof e) {
            channel(e.recipientChannel(), "CHANNEL_EOF").receivedEof();
        } else if (m instanceof ChannelClose c) {
            channel(c.recipientChannel(), "CHANNEL_CLOSE").receivedClose();
        } else if (m instanceof ChannelRequest r) {
            onChannelRequest(r);
        } else if (m instanceof ChannelSuccess s) {
            channel(s.recipientChannel(), "CHANNEL_SUCCESS").receivedReply(true);
        } else if (m instanceof ChannelFailure f) {
            channel(f.recipientChannel(), "CHANNEL_FAILURE").receivedReply(false);
        } else if (m instanceof ChannelOpen o) {
            onChannelOpen(o);
        } else if (m instanceof ChannelOpenConfirmation c) {
            Channel ch = opening(c.recipientChannel(), "CHANNEL_OPEN_CONFIRMATION");
            ch.established(c.senderChannel(), c.initialWindowSize(), c.maximumPacketSize());
            try {
                ch.handler().opened(ch);
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "handler of channel {0} failed on open: {1}", ch.localId(), e);
                ch.close(); // this channel only, not the connection
            }
        } else if (m instanceof ChannelOpenFailure f) {
            Channel ch = opening(f.recipientChannel(), "CHANNEL_OPEN_FAILURE");
            channels.remove(ch);
            ch.openedFuture().completeExceptionally(new ChannelOpenException(ch.type(), f.reasonCode(), f.description()));
        } else if (m instanceof GlobalRequest g) {
            onGlobalRequest(g);
        } else if (m instanceof RequestSuccess s) {
            nextGlobalReply().complete(new GlobalReply(true, s.data()));
        } else if (m instanceof RequestFailure) {
            nextGlobalReply().complete(GlobalReply.FAILURE);
        }
    }

    private Channel channel(int id, String what) throws ProtocolException {
        Channel c = channels.get(id);
        if (c == null || !c.openedFuture().isDone()) {
            throw new ProtocolException(what + " for channel " + (id & 0xffffffffL) + ", which is not open");
        }
        return c;
    }

    private Channel opening(int id, String what) throws ProtocolException {
        Channel c = channels.get(id);
        if (c == null || c.openedFuture().isDone()) {
            throw new ProtocolException(what + " for channel " + (id & 0xffffffffL) + ", which we are not opening");
        }
        return c;
    }

    private CompletableFuture<GlobalReply> nextGlobalReply() throws ProtocolException {
        globalLock.lock();
        try {
            CompletableFuture<GlobalReply> f = pendingGlobal.poll();
            if (f == null) {
                throw new ProtocolException("a global request reply nobody asked for (RFC 4254 §4)");
            }
            return f;
        } finally {
            globalLock.unlock();
        }
    }

    private void onChannelRequest(ChannelRequest r) throws IOException {
        Channel c = channel(r.recipientChannel(), "CHANNEL_REQUEST " + r.requestType());
        boolean ok;
        try {
            ok = c.handler().request(c, r);
        } catch (ProtocolException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "request {0} on channel {1} failed: {2}", r.requestType(), c.localId(), e);
            ok = false;
        }
        if (r.wantReply()) {
            c.sendIfOpen(ok ? new ChannelSuccess(c.remoteId()).toPayload() : new ChannelFailure(c.remoteId()).toPayload());
        }
        try {
            c.handler().answered(c, r, ok);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "after request {0} on channel {1}: {2}", r.requestType(), c.localId(), e);
            c.close();
        }
    }

    private void onChannelOpen(ChannelOpen o) throws IOException {
        if (o.channelType().equals("session") && role() == Role.SERVER && noMoreSessions) {
            // OpenSSH PROTOCOL §2.2: a session after no-more-sessions@openssh.com ends the connection
            throw new ProtocolException("a session was opened after no-more-sessions@openssh.com");
        }
        ChannelOpenHandler h = openHandlers.get(o.channelType());
        ChannelOpenHandler.Decision decision = h == null
                ? ChannelOpenHandler.reject(OpenFailureReason.UNKNOWN_CHANNEL_TYPE, "unknown channel type " + o.channelType())
                : decide(h, o);
        if (decision instanceof ChannelOpenHandler.Reject r) {
            send(new ChannelOpenFailure(o.senderChannel(), r.reason().code(), r.description(), "").toPayload());
            return;
        }
        ChannelHandler handler = ((ChannelOpenHandler.Accept) decision).handler();
        Channel c = channels.allocate(id -> new Channel(this, id, o.channelType(), handler, config));
        if (c == null) {
            send(new ChannelOpenFailure(o.senderChannel(), OpenFailureReason.RESOURCE_SHORTAGE.code(),
                    "too many channels", "").toPayload());
            return;
        }
        c.established(o.senderChannel(), o.initialWindowSize(), o.maximumPacketSize());
        send(new ChannelOpenConfirmation(o.senderChannel(), c.localId(), config.windowSize(), config.maxPacketSize(),
                Bytes.EMPTY).toPayload());
        try {
            handler.opened(c);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "handler of channel {0} failed on open: {1}", c.localId(), e);
            c.close();
        }
    }

    private ChannelOpenHandler.Decision decide(ChannelOpenHandler h, ChannelOpen o) {
        try {
            ChannelOpenHandler.Decision d = h.open(this, o);
            return d != null ? d : ChannelOpenHandler.reject(OpenFailureReason.ADMINISTRATIVELY_PROHIBITED, "refused");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "open handler for {0} failed: {1}", o.channelType(), e);
            return ChannelOpenHandler.reject(OpenFailureReason.CONNECT_FAILED, "the handler failed");
        }
    }

    private void onGlobalRequest(GlobalRequest g) throws IOException {
        Bytes answer = null;
        if (g.name().equals("no-more-sessions@openssh.com") && role() == Role.SERVER) {
            noMoreSessions = true;
        } else {
            GlobalRequestHandler h = globalHandlers.get(g.name());
            if (h != null) {
                try {
                    answer = h.handle(this, g);
                } catch (ProtocolException e) {
                    throw e;
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "global request {0} failed: {1}", g.name(), e);
                }
            }
        }
        if (g.wantReply()) {
            send(answer != null ? new RequestSuccess(answer).toPayload() : RequestFailure.INSTANCE.toPayload());
        }
    }

    // ---- ending -------------------------------------------------------------------------------

    private void end(IOException cause) {
        if (failure == null) {
            failure = cause;
            LOG.log(System.Logger.Level.DEBUG, "connection ends", cause);
        }
        for (Channel c : channels.all()) {
            c.connectionEnded(failure);
            channels.remove(c);
        }
        globalLock.lock();
        try {
            CompletableFuture<GlobalReply> f;
            while ((f = pendingGlobal.poll()) != null) {
                f.completeExceptionally(new ChannelClosedException("the connection ended: " + failure.getMessage(), failure));
            }
        } finally {
            globalLock.unlock();
        }
        ended.complete(null);
    }

    /** True until the connection ends. */
    public boolean isOpen() {
        return failure == null;
    }

    /** Why the connection ended, or null while it is open. */
    public IOException failure() {
        return failure;
    }

    /** Completes when the connection has ended and every channel has been told. */
    public CompletableFuture<Void> endedFuture() {
        return ended;
    }

    /** Disconnects (BY_APPLICATION), ends every channel and joins the dispatch thread. */
    @Override
    public void close() {
        transport.close();
        if (Thread.currentThread() != dispatcher) {
            try {
                dispatcher.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure == null) {
            end(new ConnectionClosedException("the connection was closed"));
        }
    }
}
