package org.amiko.ssh.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.transport.io.VersionExchange;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.MessageNames;
import org.amiko.ssh.transport.message.ServiceAccept;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.packet.ByteView;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.packet.PacketDecoder;
import org.amiko.ssh.transport.packet.PacketEncoder;
import org.amiko.ssh.transport.seam.PacketTap;
import org.amiko.ssh.transport.seam.TransportSeams;

/**
 * One SSH transport (RFC 4253) in either role over any byte stream pair: the version exchange,
 * the first key exchange, then encrypted packets for the layers above, with key re-exchange
 * whenever either side asks or a limit is reached.
 *
 * <p>Threads: one reader thread per transport reads and decodes every packet, runs the key
 * exchange ({@link Handshake}) and queues the other messages for {@link #receive}. Any thread
 * may {@link #send}; writes are serialized on {@code writeLock}, which also holds back non-kex
 * messages while our key exchange is in flight (RFC 4253 §7.1). Every blocking call has a
 * timeout, and {@link #close()} ends the reader promptly.
 */
public final class Transport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Transport.class.getName());
    /** How far past maxQueuedBytes the reader reads on while it must (see {@link #awaitRoom}). */
    static final int HARD_LIMIT_FACTOR = 16;

    private final Role role;
    private final TransportConfig config;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final int port;
    private final PacketEncoder encoder;
    private final PacketDecoder decoder;
    /** Guards the encoder, the output stream and {@link Handshake}'s outgoing state. */
    final ReentrantLock writeLock = new ReentrantLock();
    /** Signalled when our NEWKEYS is out (senders may go on) or the transport fails. */
    private final Condition outgoingReleased = writeLock.newCondition();
    private final InboundQueue inbox = new InboundQueue();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Handshake handshake;
    /** The test seams, or null: a production transport has none. */
    private final TransportSeams seams;
    private final Outgoing outgoing;
    private final Thread reader;
    private final AtomicReference<SshException> failureRef = new AtomicReference<>();
    private volatile SshException failure; // failureRef's value, for cheap reads
    private volatile String peerVersion;
    /**
     * The reason we end the transport for, set before anything that makes other threads fail (our
     * DISCONNECT going out, the write watch closing the streams), so that it is what they report.
     */
    private final AtomicReference<SshException> disconnecting = new AtomicReference<>();
    /** Set when a sender other than the reader asks for delayed decompression to start. */
    private volatile boolean inboundCompressionPending;
    /** The thread that takes messages with {@link #receive} (the dispatcher, the authenticator), last seen. */
    private volatile Thread consumer;
    /** How many sends that thread has in progress: while it is sending, the reader does not hold back. */
    private final java.util.concurrent.atomic.AtomicInteger consumerSending = new java.util.concurrent.atomic.AtomicInteger();
    /** When the write in progress began (System.nanoTime, never 0), or 0: what the write watch looks at. */
    private volatile long writeStarted;
    /** Set once the write watch has fired, so that it closes the streams only once. */
    private final java.util.concurrent.atomic.AtomicBoolean writeTimedOut = new java.util.concurrent.atomic.AtomicBoolean();
    /** Ends the transport when one write blocks longer than the write timeout; cancelled when it ends. */
    private volatile ScheduledFuture<?> writeWatch;

    private Transport(Role role, InputStream in, OutputStream out, TransportConfig config, TransportSeams seams,
                      String host, int port) {
        if (role.isClient() && config.hostKeyVerifier() == null) {
            throw new IllegalArgumentException("a client needs a HostKeyVerifier: there is no safe default");
        }
        if (!role.isClient() && config.hostKeys().isEmpty()) {
            throw new IllegalArgumentException("a server needs at least one host key");
        }
        this.role = role;
        this.config = config;
        this.in = in;
        this.out = out;
        this.host = host;
        this.port = port;
        this.encoder = new PacketEncoder(config.maxOutgoingPacket(), config.random());
        this.decoder = new PacketDecoder(config.maxIncomingPacket());
        this.seams = seams;
        this.outgoing = seams == null ? this::writeOneLocked : tapped(seams.tap());
        this.handshake = new Handshake(this, role, config, seams != null && seams.wrongKexGuess(), host, port);
        this.reader = config.threadFactory().newThread(this::readLoop);
    }

    /**
     * Starts a transport over {@code in} and {@code out} and waits, at most the configured
     * handshake timeout, until the first key exchange is done.
     *
     * @param host the server's name as the user gave it (client: passed to the host key verifier)
     */
    public static Transport start(Role role, InputStream in, OutputStream out, TransportConfig config,
                                  String host, int port) throws IOException {
        return start(role, in, out, config, null, host, port);
    }

    /**
     * {@link #start(Role, InputStream, OutputStream, TransportConfig, String, int)} with test seams
     * (the test server's knobs); {@code seams} null for none. {@link TransportSeams} is exported
     * only to the test server.
     */
    public static Transport start(Role role, InputStream in, OutputStream out, TransportConfig config,
                                  TransportSeams seams, String host, int port) throws IOException {
        Transport t = new Transport(role, in, out, config, seams, host, port);
        t.watchWrites();
        t.reader.start();
        try {
            t.ready.get(config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return t;
        } catch (TimeoutException e) {
            t.fail(new ConnectionClosedException("the key exchange did not finish within " + config.handshakeTimeout()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.fail(new ConnectionClosedException("interrupted during the key exchange"));
        } catch (ExecutionException e) {
            // the reader already failed the transport
        }
        t.close();
        throw t.failure;
    }

    /** A client transport over a connected socket. */
    public static Transport client(Socket socket, TransportConfig config, String host, int port) throws IOException {
        return start(Role.CLIENT, socket.getInputStream(), socket.getOutputStream(), config, host, port);
    }

    /** A server transport over an accepted socket. */
    public static Transport server(Socket socket, TransportConfig config) throws IOException {
        return start(Role.SERVER, socket.getInputStream(), socket.getOutputStream(), config,
                socket.getInetAddress().getHostAddress(), socket.getPort());
    }

    // ---- the reader thread -------------------------------------------------------------------

    private void readLoop() {
        try {
            String ours = config.identification();
            writeLock.lock();
            try {
                for (String line : seams == null ? List.<String>of() : seams.tap().preamble()) {
                    out.write((line + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                VersionExchange.send(out, ours);
            } finally {
                writeLock.unlock();
            }
            VersionExchange.PeerVersion peer = VersionExchange.receive(in, role.isClient());
            peerVersion = peer.identification();
            LOG.log(System.Logger.Level.DEBUG, "peer version {0}", peerVersion);
            handshake.versions(role.isClient() ? ours : peerVersion, role.isClient() ? peerVersion : ours);
            handshake.startKeyExchange();
            while (failure == null) {
                if (inboundCompressionPending) {
                    inboundCompressionPending = false;
                    decoder.authenticationSucceeded();
                }
                ByteView packet = decoder.next();
                if (packet == null) {
                    awaitRoom();
                    if (decoder.readFrom(in) < 0) {
                        throw new ConnectionClosedException("the peer closed the connection");
                    }
                    continue;
                }
                byte[] payload = java.util.Arrays.copyOfRange(packet.array(), packet.offset(), packet.offset() + packet.length());
                if (LOG.isLoggable(System.Logger.Level.TRACE)) {
                    LOG.log(System.Logger.Level.TRACE, "<- " + MessageNames.of(payload[0] & 0xff) + " (" + payload.length + " bytes)");
                }
                handshake.received(payload, decoder.sequenceNumber() - 1 & 0xffffffffL);
            }
        } catch (SshException e) {
            if (e instanceof ProtocolException p) {
                endWith(p, p.reason(), p.getMessage());
            } else if (e instanceof HostKeyRejectedException h) {
                endWith(h, h.reason(), h.getMessage());
            } else {
                fail(e);
            }
        } catch (IOException e) {
            fail(failure != null ? failure : new ConnectionClosedException("connection lost: " + e.getMessage(), e));
        } catch (RuntimeException | Error e) {
            endWith(new ConnectionClosedException("internal error in the transport reader: " + e, e),
                    DisconnectReason.PROTOCOL_ERROR, "internal error");
        }
    }

    /** Called by {@link Handshake} for each message that belongs to the layers above. */
    void deliver(byte[] payload) {
        inbox.add(payload);
    }

    /**
     * Backpressure: while more than {@code maxQueuedBytes} of received messages wait for the
     * layers above, the reader reads nothing more from the peer. Except while our key exchange is
     * in flight, or the thread that takes our messages is itself sending (a dispatcher answering
     * a request): then it may be waiting for the exchange to end or for the peer to read, and the
     * peer may be waiting for us to read before it reads (two peers that both stopped reading would
     * never go on), so the reader reads on, up to {@value #HARD_LIMIT_FACTOR} times the limit (what
     * the windows of a busy connection may hold in flight); past that the peer is flooding, and the
     * transport ends.
     */
    private void awaitRoom() throws IOException {
        long limit = config.maxQueuedBytes();
        while (failure == null && inbox.bytes() > limit) {
            if (handshake.holdingOutgoing() || consumerSending.get() > 0) {
                if (inbox.bytes() > HARD_LIMIT_FACTOR * limit) {
                    throw new ProtocolException(DisconnectReason.BY_APPLICATION, "the peer sent more than "
                            + HARD_LIMIT_FACTOR * limit + " bytes that were not read while it did not read what we sent"
                            + " or our key exchange waited for its KEXINIT");
                }
                return;
            }
            try {
                inbox.awaitBelow(limit, TimeUnit.MILLISECONDS.toNanos(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the layers above to read");
            }
        }
    }

    /** Called by {@link Handshake} when our KEXINIT goes out: a reader waiting for room must read on. */
    void keyExchangeStarted() {
        inbox.wake();
    }

    /** Called by {@link Handshake} when the first key exchange is done. */
    void ready() {
        ready.complete(null);
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes one packet now; the caller holds {@code writeLock}. Returns the bytes put on the wire. */
    int writeLocked(byte[] payload) throws IOException {
        if (failure != null) {
            throw failure.again();
        }
        return outgoing.writeLocked(payload);
    }

    /** How payloads go out: straight through the encoder to the stream, or through a test tap. */
    private interface Outgoing {
        int writeLocked(byte[] payload) throws IOException;
    }

    private int writeOneLocked(byte[] payload) throws IOException {
        return putLocked(encodeLocked(payload));
    }

    /** The test seam's path: the tap may replace the payload, add noise, or change the encoded bytes. */
    private Outgoing tapped(PacketTap tap) {
        return payload -> {
            int total = 0;
            for (byte[] p : tap.outgoing(payload)) {
                ByteView wire = encodeLocked(p);
                tap.encoded(p, wire.array(), wire.offset(), wire.length());
                total += putLocked(wire);
            }
            return total;
        };
    }

    private ByteView encodeLocked(byte[] payload) throws IOException {
        ByteView wire = encoder.encode(payload, 0, payload.length);
        if (LOG.isLoggable(System.Logger.Level.TRACE)) {
            LOG.log(System.Logger.Level.TRACE, "-> " + MessageNames.of(payload[0] & 0xff) + " (" + payload.length
                    + " bytes, " + wire.length() + " on the wire)");
        }
        return wire;
    }

    private int putLocked(ByteView wire) throws IOException {
        try {
            writeStarted = System.nanoTime() | 1;
            out.write(wire.array(), wire.offset(), wire.length());
            out.flush();
        } catch (IOException e) {
            if (failure != null) {
                throw failure.again(); // the transport ended while we wrote: say why it ended
            }
            fail(new ConnectionClosedException("connection lost: " + e.getMessage(), e));
            throw failure.again(); // which may be a reason recorded before the streams closed (the write watch's)
        } finally {
            writeStarted = 0;
        }
        return wire.length();
    }

    /** Every writeTimeout/4 (at most a second apart), ends the transport if a write has blocked longer than writeTimeout. */
    private void watchWrites() {
        Duration timeout = config.writeTimeout();
        Duration period = timeout.dividedBy(4).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : timeout.dividedBy(4);
        writeWatch = Deadlines.every(period, () -> {
            long started = writeStarted;
            if (started != 0 && System.nanoTime() - started > timeout.toNanos() && failure == null
                    && writeTimedOut.compareAndSet(false, true)) {
                // No DISCONNECT (the peer is not reading): record why, and close the streams, which
                // fails the blocked writer and the reader with this reason. Not on this shared thread:
                // closing a stream may itself block (a tunnel's streams are a channel of another
                // connection, whose writer may be the one stuck), and every deadline waits on it.
                disconnecting.compareAndSet(null,
                        new ConnectionClosedException("the peer read nothing we sent for " + timeout + " (write timeout)"));
                Thread closer = config.threadFactory().newThread(this::closeStreams);
                closer.setName("amiko-transport-write-timeout");
                closer.start();
            }
        });
    }

    /** A deadline set with {@link #endAfter}; closing it before it strikes cancels it. */
    public interface Deadline extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Ends the transport after {@code delay} with DISCONNECT ({@code reason}, {@code description}),
     * whatever the peer sends or doesn't, unless the returned deadline is closed first. The server
     * uses it for LoginGraceTime: an unauthenticated peer cannot hold its slot by going quiet.
     */
    public Deadline endAfter(Duration delay, DisconnectReason reason, String description) {
        ScheduledFuture<?> f = Deadlines.after(delay, () -> {
            if (failure != null) {
                return;
            }
            // Never write on the shared timer thread (a peer that does not read would block it): a thread of our own does.
            Thread t = config.threadFactory().newThread(() -> {
                endWith(new ConnectionClosedException(description), reason, description);
            });
            t.setName("amiko-transport-deadline");
            t.start();
        });
        return () -> f.cancel(false);
    }

    /** The sequence number the next packet we send will have; the caller holds {@code writeLock}. */
    long nextSequenceNumberLocked() {
        return encoder.sequenceNumber();
    }

    /** Installs keys for what we send next; the caller holds {@code writeLock} and has just written NEWKEYS. */
    void installOutgoingLocked(DirectionKeys keys, boolean resetSequence) {
        encoder.install(keys);
        if (resetSequence) {
            encoder.resetSequenceNumber();
        }
    }

    /** Installs keys for what we receive next; only the reader thread calls this, right after NEWKEYS. */
    void installIncoming(DirectionKeys keys, boolean resetSequence) {
        decoder.install(keys);
        if (resetSequence) {
            decoder.resetSequenceNumber();
        }
    }

    /**
     * Sends a message of the layers above (numbers 50 and up, or IGNORE, DEBUG and the service
     * messages). Waits, at most the configured send timeout, while our key exchange is in flight.
     */
    public void send(byte[] payload) throws IOException {
        int id = payload.length == 0 ? -1 : payload[0] & 0xff;
        if (id < 1 || (id >= 20 && id < 50)) {
            throw new IllegalArgumentException("message " + id + " is the transport's own");
        }
        long deadline = System.nanoTime() + config.sendTimeout().toNanos();
        boolean fromConsumer = Thread.currentThread() == consumer;
        if (fromConsumer) {
            consumerSending.incrementAndGet();
            inbox.wake(); // a reader waiting for room must not wait on us while we wait on the peer
        }
        writeLock.lock();
        try {
            while (handshake.holdingOutgoing()) {
                long left = deadline - System.nanoTime();
                if (failure != null) {
                    throw failure.again();
                }
                if (left <= 0) {
                    // A key exchange that does not finish leaves the connection unusable: end it.
                    ConnectionClosedException stuck = new ConnectionClosedException(
                            "a key exchange did not finish within " + config.sendTimeout());
                    fail(stuck);
                    throw stuck;
                }
                try {
                    outgoingReleased.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for a key exchange");
                }
            }
            boolean success = id == Handshake.USERAUTH_SUCCESS && !role.isClient();
            if (success) {
                // The client compresses, and may start a re-key, from the packet after it sees
                // SUCCESS, which may reach our reader before this thread returns from the write:
                // switch the decoder and take re-keys first.
                inboundCompressionPending = true;
                handshake.authenticated();
            }
            handshake.countSent(writeLocked(payload));
            if (success) {
                encoder.authenticationSucceeded(); // our packets after SUCCESS are compressed
            }
        } finally {
            writeLock.unlock();
            if (fromConsumer) {
                consumerSending.decrementAndGet();
            }
        }
    }

    /**
     * The next message for the layers above, or {@code null} if none arrives within {@code timeout}.
     *
     * @throws SshException once the transport has failed or closed
     */
    public byte[] receive(Duration timeout) throws IOException {
        consumer = Thread.currentThread();
        Object next;
        try {
            next = inbox.poll(timeout.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while receiving");
        }
        if (next == InboundQueue.CLOSED) {
            throw failure.again();
        }
        return (byte[]) next;
    }

    /** Client: RFC 4253 §10, asks for a service and waits for SERVICE_ACCEPT. */
    public void requestService(String name, Duration timeout) throws IOException {
        send(new ServiceRequest(name).toPayload());
        byte[] reply = receive(timeout);
        if (reply == null) {
            throw new ConnectionClosedException("no SERVICE_ACCEPT for " + name + " within " + timeout);
        }
        if (!(TransportMessage.decode(reply) instanceof ServiceAccept accept) || !accept.serviceName().equals(name)) {
            throw failWith(new ProtocolException("expected SERVICE_ACCEPT for " + name + ", got message " + (reply[0] & 0xff)));
        }
    }

    /** Server: RFC 4253 §10, waits for SERVICE_REQUEST and accepts it if the service is offered, else disconnects. */
    public String acceptService(List<String> offered, Duration timeout) throws IOException {
        byte[] request = receive(timeout);
        if (request == null) {
            throw new ConnectionClosedException("no SERVICE_REQUEST within " + timeout);
        }
        if (!(TransportMessage.decode(request) instanceof ServiceRequest r)) {
            throw failWith(new ProtocolException("expected SERVICE_REQUEST, got message " + (request[0] & 0xff)));
        }
        if (!offered.contains(r.serviceName())) {
            throw failWith(new ProtocolException(DisconnectReason.SERVICE_NOT_AVAILABLE, "service " + r.serviceName() + " is not offered"));
        }
        send(new ServiceAccept(r.serviceName()).toPayload());
        return r.serviceName();
    }

    private SshException failWith(ProtocolException e) {
        endWith(e, e.reason(), e.getMessage());
        return e;
    }

    /** Starts a key re-exchange (RFC 4253 §9) unless one is already running. */
    public void requestKeyExchange() throws IOException {
        handshake.startKeyExchange();
    }

    /**
     * zlib@openssh.com starts in both directions (OpenSSH PROTOCOL §1.2): the server calls this
     * right after sending USERAUTH_SUCCESS, the client's reader right after receiving it. The
     * decoder switches on the reader thread, before it decodes the next packet.
     */
    void authenticationSucceeded() {
        writeLock.lock();
        try {
            encoder.authenticationSucceeded();
        } finally {
            writeLock.unlock();
        }
        if (Thread.currentThread() == reader) {
            decoder.authenticationSucceeded();
        } else {
            inboundCompressionPending = true;
        }
    }

    // ---- state ---------------------------------------------------------------------------------

    public Role role() {
        return role;
    }

    /** The session identifier: the first exchange hash (RFC 4253 §7.2). */
    public byte[] sessionId() {
        return handshake.sessionId();
    }

    /** The algorithms of the latest key exchange. */
    public NegotiatedAlgorithms negotiated() {
        return handshake.negotiated();
    }

    /** The server's host key as verified in the first key exchange. */
    public SshPublicKey hostKey() {
        return handshake.hostKey();
    }

    /**
     * Who the peer is: for a client, the server's name as the user gave it; for a server, the
     * client's address as the accepting code passed it (an IP address over a socket).
     */
    public String peerHost() {
        return host;
    }

    /** The peer's identification line. */
    public String peerVersion() {
        return peerVersion;
    }

    /**
     * Client: the server's RFC 8308 server-sig-algs, empty when it sent no EXT_INFO. Final once
     * {@link #requestService} returns: the server sends EXT_INFO right after its first NEWKEYS.
     */
    public List<String> serverSigAlgs() {
        return handshake.serverSigAlgs();
    }

    /** How many key exchanges have completed, the first included. */
    public int keyExchanges() {
        return handshake.completed();
    }

    /**
     * Bytes of received messages waiting for the layers above to {@link #receive} them (a fixed
     * overhead per message included); at most about {@link TransportConfig#maxQueuedBytes()}.
     */
    public long queuedBytes() {
        return inbox.bytes();
    }

    public boolean isOpen() {
        return failure == null;
    }

    /** Why the transport ended, or null while it is open. */
    public SshException failure() {
        return failure;
    }

    // ---- ending --------------------------------------------------------------------------------

    /** Sends DISCONNECT with this reason and closes. */
    public void disconnect(DisconnectReason reason, String description) {
        endWith(new DisconnectException(reason.code(), description, false), reason, description);
        joinReader();
    }

    @Override
    public void close() {
        if (failure == null) {
            disconnect(DisconnectReason.BY_APPLICATION, "closed");
        } else {
            closeStreams();
            joinReader();
        }
    }

    /**
     * Ends the transport for a reason of our own, telling the peer with DISCONNECT. The reason is
     * recorded before DISCONNECT goes out, so that neither a write failing on the way nor the peer
     * hanging up as soon as it reads it can replace it (see {@link #fail}).
     */
    private void endWith(SshException reason, DisconnectReason code, String description) {
        disconnecting.compareAndSet(null, reason);
        trySendDisconnect(code, description);
        fail(reason);
    }

    /** Best effort: gives up if another writer holds the stream for a second (a peer that does not read). */
    private void trySendDisconnect(DisconnectReason reason, String description) {
        if (failure != null) {
            return;
        }
        try {
            if (writeLock.tryLock(1, TimeUnit.SECONDS)) {
                try {
                    writeLocked(new Disconnect(reason.code(), description == null ? "" : description, "").toPayload());
                } finally {
                    writeLock.unlock();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException ignored) {
            // the connection is ending anyway
        }
    }

    /**
     * Ends the transport with {@code e} (the first failure wins): closes the streams, which also
     * frees a writer blocked on a peer that does not read, then wakes every waiter.
     */
    void fail(SshException e) {
        SshException local = disconnecting.get();
        if (local != null) {
            e = local;
        }
        if (failureRef.compareAndSet(null, e)) {
            LOG.log(System.Logger.Level.DEBUG, "transport ends: {0}", e.getMessage());
        }
        // Whoever won, the reason is visible before anything below wakes a thread that reads it.
        failure = failureRef.get();
        ScheduledFuture<?> watch = writeWatch;
        if (watch != null) {
            watch.cancel(false);
        }
        closeStreams();
        inbox.close();
        ready.completeExceptionally(failure);
        writeLock.lock();
        try {
            outgoingReleased.signalAll();
        } finally {
            writeLock.unlock();
        }
    }

    private void closeStreams() {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    private void joinReader() {
        if (Thread.currentThread() != reader) {
            try {
                reader.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Wakes senders waiting for a key exchange to finish; the caller holds {@code writeLock}. */
    void outgoingReleasedLocked() {
        outgoingReleased.signalAll();
    }
}
