package org.amiko.ssh.transport;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.kex.AlgorithmNegotiation;
import org.amiko.ssh.transport.kex.KexContext;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.kex.KeyDerivation;
import org.amiko.ssh.transport.kex.KexState;
import org.amiko.ssh.transport.kex.KeyExchange;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.message.Debug;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.ExtInfo;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.message.MessageNames;
import org.amiko.ssh.transport.message.NewKeys;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.message.Unimplemented;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The key exchange of RFC 4253 §7-§9 as the transport drives it, in both roles: KEXINIT,
 * negotiation, the method's messages, host key verification, NEWKEYS and key installation,
 * re-exchange on request or at the limits, OpenSSH's strict kex and RFC 8308's EXT_INFO. It
 * also dispatches the generic transport messages (§11).
 *
 * <p>Where the exchange stands is a {@link KexState}, and {@link KexState#disposition} decides
 * what every received message means in it; a message the exchange is not waiting for is a
 * protocol error, so no step can run twice.
 *
 * <p>Threads: {@link #received} runs on the reader thread only, which owns the fields marked
 * "reader". The state and the counters are written under the transport's {@code writeLock},
 * since any thread may start a re-exchange by sending.
 */
final class Handshake {

    private static final System.Logger LOG = System.getLogger(Handshake.class.getName());
    /** RFC 4344 §3.1, as OpenSSH (packet.c MAX_PACKETS): re-key after 2^31 packets in either direction. */
    static final long MAX_PACKETS = 1L << 31;
    /** RFC 4252 §5.1: the message after which delayed compression starts. */
    static final int USERAUTH_SUCCESS = 52;

    private final Transport transport;
    private final Role role;
    private final TransportConfig config;
    /** The test seam: our first KEXINIT is followed by a wrong guess. */
    private final boolean wrongKexGuess;
    private final String host;
    private final int port;
    private String clientVersion;
    private String serverVersion;

    /**
     * Where the exchange stands: written only under writeLock (a sender moves Idle to
     * AwaitingKexInit; the reader makes every other move), read by anyone.
     */
    private volatile KexState state = new KexState.Idle();
    private Instant lastKex = Instant.now(); // guarded by writeLock
    private volatile long rekeyLimit = Long.MAX_VALUE;
    /** Bytes both ways since the last exchange; the reader adds without the write lock (see {@link #received}). */
    private final AtomicLong bytesSinceKex = new AtomicLong();
    /** Packets each way since the last exchange (RFC 4344 §3.1): sent ones under writeLock, received ones by the reader. */
    private volatile long packetsSentSinceKex;
    private volatile long packetsReceivedSinceKex;

    // reader
    private boolean peerKexInitSeen;
    private long packetsBeforePeerKexInit;

    // written by the reader, read by anyone
    private volatile boolean initialDone;
    private volatile boolean strict;
    private volatile byte[] sessionId;
    private volatile NegotiatedAlgorithms lastNegotiated;
    private volatile SshPublicKey hostKey;
    private volatile List<String> serverSigAlgs = List.of();
    private volatile int completed;
    private volatile boolean authenticated;

    Handshake(Transport transport, Role role, TransportConfig config, boolean wrongKexGuess, String host, int port) {
        this.transport = transport;
        this.role = role;
        this.config = config;
        this.wrongKexGuess = wrongKexGuess;
        this.host = host;
        this.port = port;
    }

    void versions(String client, String server) {
        clientVersion = client;
        serverVersion = server;
    }

    /** The state of the exchange now, for tests and narration. */
    KexState state() {
        return state;
    }

    // ---- outgoing ------------------------------------------------------------------------------

    /** Sends our KEXINIT unless an exchange is already in flight. Any thread. */
    void startKeyExchange() throws IOException {
        transport.writeLock.lock();
        try {
            if (state instanceof KexState.Idle) {
                sendKexInitLocked();
            }
        } finally {
            transport.writeLock.unlock();
        }
    }

    private void sendKexInitLocked() throws IOException {
        List<String> kex = new ArrayList<>(config.kexAlgorithms());
        if (!initialDone) {
            // Markers go only into the first KEXINIT (RFC 8308 §2.1; OpenSSH PROTOCOL §1.10).
            if (role.isClient()) {
                kex.add(AlgorithmNegotiation.EXT_INFO_C);
                if (config.strictKex()) {
                    kex.add(AlgorithmNegotiation.KEX_STRICT_C);
                }
            } else if (config.strictKex()) {
                kex.add(AlgorithmNegotiation.KEX_STRICT_S);
            }
        }
        byte[] cookie = new byte[16];
        config.random().nextBytes(cookie);
        KexInit init = new KexInit(Bytes.of(cookie), kex, hostKeyAlgorithms(),
                config.ciphers(), config.ciphers(), config.macs(), config.macs(),
                config.compression(), config.compression(), List.of(), List.of(), sendWrongGuess(), 0);
        byte[] payload = init.toPayload();
        state = new KexState.AwaitingKexInit(payload, transport.nextSequenceNumberLocked());
        transport.keyExchangeStarted();
        LOG.log(System.Logger.Level.DEBUG, () -> "our KEXINIT (RFC 4253 §7.1), in order of preference: kex "
                + String.join(",", kex) + "; host keys " + String.join(",", init.hostKeyAlgorithms())
                + "; ciphers " + String.join(",", config.ciphers()) + "; MACs " + String.join(",", config.macs())
                + "; compression " + String.join(",", config.compression()));
        writeLocked(payload);
        if (sendWrongGuess()) {
            // RFC 4253 §7: a guessed first kex packet; the test seam guesses wrong, so the peer must skip it
            writeLocked(new byte[] {KeyExchange.FIRST_METHOD_MESSAGE, 0, 0, 0, 0});
        }
    }

    private boolean sendWrongGuess() {
        return wrongKexGuess && !initialDone;
    }

    /** A server offers only the algorithms its host keys can sign with, in the configured order. */
    private List<String> hostKeyAlgorithms() {
        if (role.isClient()) {
            return config.hostKeyAlgorithms();
        }
        List<String> out = new ArrayList<>();
        for (String name : config.hostKeyAlgorithms()) {
            for (HostKey k : config.hostKeys()) {
                if (k.algorithms().stream().anyMatch(a -> a.wireName().equals(name))) {
                    out.add(name);
                    break;
                }
            }
        }
        return out;
    }

    /** Whether non-kex messages must wait: we sent KEXINIT and not yet NEWKEYS (RFC 4253 §7.1). Caller holds writeLock. */
    boolean holdingOutgoing() {
        return state.holdsOutgoing();
    }

    /** Writes one packet of the exchange and counts it; the caller holds writeLock. */
    private void writeLocked(byte[] payload) throws IOException {
        countSent(transport.writeLocked(payload));
    }

    /** Counts a packet we sent and starts a re-exchange at the limits. Caller holds writeLock. */
    void countSent(int bytes) throws IOException {
        bytesSinceKex.addAndGet(bytes);
        packetsSentSinceKex++;
        maybeRekeyLocked();
    }

    /** Limits start re-keys only after authentication, as OpenSSH does: its sshd refuses KEXINIT before it. */
    private void maybeRekeyLocked() throws IOException {
        if (!initialDone || !authenticated || !(state instanceof KexState.Idle)) {
            return;
        }
        boolean bytes = bytesSinceKex.get() >= rekeyLimit;
        boolean packets = packetsSentSinceKex >= MAX_PACKETS || packetsReceivedSinceKex >= MAX_PACKETS;
        Duration interval = config.rekeyInterval();
        boolean time = !interval.isZero() && Duration.between(lastKex, Instant.now()).compareTo(interval) >= 0;
        if (bytes || packets || time) {
            LOG.log(System.Logger.Level.DEBUG, "re-keying after {0} bytes, {1} packets sent and {2} received",
                    bytesSinceKex.get(), packetsSentSinceKex, packetsReceivedSinceKex);
            sendKexInitLocked();
        }
    }

    // ---- incoming (reader thread) -------------------------------------------------------------

    /** Handles one received payload; {@code seq} is its sequence number. */
    void received(byte[] payload, long seq) throws IOException {
        int id = payload[0] & 0xff;
        packetsReceivedSinceKex++;
        if (!peerKexInitSeen && id != KexInit.ID) {
            packetsBeforePeerKexInit++;
        }
        KexState now = state;
        if (id == KexInit.ID && !role.isClient() && initialDone && !authenticated && now instanceof KexState.Idle) {
            // As sshd: no re-exchange before the client has logged in; each would cost us a
            // signature and a key agreement, outside every limit on unauthenticated connections.
            LOG.log(System.Logger.Level.DEBUG, "KEXINIT before authentication: answered UNIMPLEMENTED, as sshd does");
            transport.writeLock.lock();
            try {
                writeLocked(new Unimplemented(seq).toPayload());
            } finally {
                transport.writeLock.unlock();
            }
            return;
        }
        switch (KexState.disposition(now, id, initialDone, strict)) {
            case STEP -> step(now, payload);
            case GENERIC -> generic(id, payload);
            case EXT_INFO -> onExtInfo(payload);
            case UPPER -> upper(id, payload);
            case UNKNOWN -> {
                // RFC 4253 §11.4: answer what we do not understand.
                transport.writeLock.lock();
                try {
                    writeLocked(new Unimplemented(seq).toPayload());
                } finally {
                    transport.writeLock.unlock();
                }
            }
            case REFUSE -> throw refusal(now, id);
        }
    }

    private ProtocolException refusal(KexState now, int id) {
        String what = "unexpected " + (now instanceof KexState.AwaitingMethodMessage m && KeyExchange.isMethodMessage(id)
                ? m.method().name(id) : MessageNames.of(id)) + " (" + id + ")";
        boolean kexMessage = KeyExchange.isMethodMessage(id) || id == KexInit.ID || id == NewKeys.ID;
        if (kexMessage) {
            return new ProtocolException(what + " while waiting for " + now.awaiting());
        }
        if (strict && !initialDone) {
            return new ProtocolException("strict key exchange (OpenSSH PROTOCOL §1.10): " + what + " during the initial key exchange");
        }
        if (!initialDone) {
            return new ProtocolException(what + " before the first key exchange finished");
        }
        return new ProtocolException(what + " in the middle of the peer's key exchange: only key exchange and"
                + " generic messages may come between its KEXINIT and NEWKEYS (RFC 4253 §7.1)");
    }

    private void step(KexState now, byte[] payload) throws IOException {
        if (now instanceof KexState.AwaitingMethodMessage m) {
            onMethodMessage(m, payload);
        } else if (now instanceof KexState.AwaitingNewKeys n) {
            onNewKeys(n);
        } else {
            onKexInit(payload);
        }
    }

    private void generic(int id, byte[] payload) throws IOException {
        switch (id) {
            case Disconnect.ID -> {
                Disconnect d = (Disconnect) TransportMessage.decode(payload);
                throw new DisconnectException(d.reasonCode(), d.description(), true);
            }
            case Debug.ID -> {
                Debug d = (Debug) TransportMessage.decode(payload);
                LOG.log(d.alwaysDisplay() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "peer says: {0}", d.message());
            }
            case Unimplemented.ID -> onUnimplemented((Unimplemented) TransportMessage.decode(payload));
            default -> { } // IGNORE (§11.2)
        }
    }

    /** A message for the layers above; counts toward the re-key limits. */
    private void upper(int id, byte[] payload) throws IOException {
        if (id == USERAUTH_SUCCESS && role.isClient() && !authenticated) {
            // OpenSSH PROTOCOL §1.2: zlib@openssh.com starts right after USERAUTH_SUCCESS, before the next packet.
            authenticated();
            transport.authenticationSucceeded();
        }
        // The reader never waits for the write lock here: a writer may hold it while blocked on a
        // peer whose own reader is blocked the same way. Past the limit it tries, packet by packet.
        if ((bytesSinceKex.addAndGet(payload.length) >= rekeyLimit || packetsReceivedSinceKex >= MAX_PACKETS)
                && transport.writeLock.tryLock()) {
            try {
                maybeRekeyLocked();
            } finally {
                transport.writeLock.unlock();
            }
        }
        transport.deliver(payload);
    }

    private void onUnimplemented(Unimplemented u) throws IOException {
        LOG.log(System.Logger.Level.DEBUG, "peer did not understand packet {0}", u.sequenceNumber());
        if (state instanceof KexState.AwaitingKexInit a && u.sequenceNumber() == a.ourKexInitSequence()) {
            // OpenSSH's sshd answers a KEXINIT before authentication this way; waiting would hang.
            throw new ProtocolException("the peer refused our key re-exchange (UNIMPLEMENTED); OpenSSH accepts re-keying only after authentication");
        }
    }

    /** User authentication succeeded: byte and time limits may start re-keys from now on. */
    void authenticated() {
        authenticated = true;
    }

    private void onExtInfo(byte[] payload) throws IOException {
        ExtInfo info = (ExtInfo) TransportMessage.decode(payload);
        if (role.isClient() && !authenticated) {
            // RFC 8308 §2.4: after the first NEWKEYS or just before USERAUTH_SUCCESS; later ones change nothing
            serverSigAlgs = info.serverSigAlgs();
            LOG.log(System.Logger.Level.DEBUG, "server-sig-algs: {0}", serverSigAlgs);
        } else {
            LOG.log(System.Logger.Level.DEBUG, "EXT_INFO ignored: {0}", role.isClient() ? "it came after authentication"
                    : "we did not offer ext-info-s");
        }
    }

    /** The peer's KEXINIT: answer it with ours if we had not sent one, negotiate, and start the method. */
    private void onKexInit(byte[] payload) throws IOException {
        KexInit peer = (KexInit) TransportMessage.decode(payload);
        peerKexInitSeen = true;
        transport.writeLock.lock();
        try {
            if (state instanceof KexState.Idle) {
                sendKexInitLocked(); // the peer started a re-exchange (RFC 4253 §9)
            }
            byte[] ours = ((KexState.AwaitingKexInit) state).ourKexInit();
            KexInit mine = (KexInit) TransportMessage.decode(ours);
            KexInit client = role.isClient() ? mine : peer;
            KexInit server = role.isClient() ? peer : mine;
            NegotiatedAlgorithms negotiated = AlgorithmNegotiation.negotiate(client, server, !initialDone);
            if (!initialDone) {
                strict = negotiated.strictKex();
                if (strict && packetsBeforePeerKexInit > 0) {
                    throw new ProtocolException("strict key exchange: KEXINIT was not the first packet");
                }
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "their KEXINIT: kex " + String.join(",", peer.kexAlgorithms())
                    + "; host keys " + String.join(",", peer.hostKeyAlgorithms()));
            LOG.log(System.Logger.Level.DEBUG, "chosen: for each list the client''s first choice that the server also has"
                    + " (RFC 4253 §7.1): {0}", negotiated);
            SignatureAlgorithm signature = SignatureAlgorithm.find(negotiated.hostKey()).orElseThrow();
            HostKey key = role.isClient() ? null : config.hostKeys().stream()
                    .filter(k -> k.algorithms().contains(signature)).findFirst().orElseThrow();
            KexContext context = new KexContext(role, clientVersion, serverVersion,
                    role.isClient() ? ours : payload, role.isClient() ? payload : ours,
                    config.random(), key, signature, groupBits(negotiated));
            KeyExchange method = KexMethods.find(negotiated.kex()).orElseThrow().factory().apply(context);
            // RFC 4253 §7: a guessed packet that follows a wrong guess is dropped.
            boolean skipGuess = peer.firstKexPacketFollows() && !AlgorithmNegotiation.guessIsRight(client, server);
            state = new KexState.AwaitingMethodMessage(new KexState.Exchange(ours, payload, negotiated), method, skipGuess);
            if (role.isClient()) {
                for (byte[] m : method.clientStart()) {
                    writeLocked(m);
                }
            }
        } finally {
            transport.writeLock.unlock();
        }
    }

    private void onMethodMessage(KexState.AwaitingMethodMessage now, byte[] payload) throws IOException {
        if (now.skipGuess()) {
            setState(new KexState.AwaitingMethodMessage(now.exchange(), now.method(), false));
            return;
        }
        KeyExchange.Step step = now.method().receive(payload);
        if (step.result() == null) {
            sendAll(step.send());
        } else {
            finish(now, step);
        }
    }

    private void setState(KexState next) {
        transport.writeLock.lock();
        try {
            state = next;
        } finally {
            transport.writeLock.unlock();
        }
    }

    private void sendAll(List<byte[]> messages) throws IOException {
        transport.writeLock.lock();
        try {
            for (byte[] m : messages) {
                writeLocked(m);
            }
        } finally {
            transport.writeLock.unlock();
        }
    }

    /**
     * The method is done: check the host key (client), derive keys, send the method's last
     * messages and NEWKEYS, and switch our side. From here only the peer's NEWKEYS is accepted,
     * so nothing can make this run twice for one exchange.
     */
    private void finish(KexState.AwaitingMethodMessage now, KeyExchange.Step step) throws IOException {
        KeyExchange.Result result = step.result();
        NegotiatedAlgorithms negotiated = now.exchange().negotiated();
        SshPublicKey key = SshPublicKey.decode(result.hostKey());
        if (role.isClient()) {
            verifyHostKey(negotiated, key, result);
        }
        byte[] h = result.exchangeHash();
        if (sessionId == null) {
            sessionId = h.clone();
        }
        String digest = now.method().digest();
        DirectionKeys outgoing = KeyDerivation.outgoing(role, negotiated, digest, result.encodedSecret(), h, sessionId);
        DirectionKeys incoming = KeyDerivation.incoming(role, negotiated, digest, result.encodedSecret(), h, sessionId);
        java.util.Arrays.fill(result.encodedSecret(), (byte) 0);
        transport.writeLock.lock();
        try {
            for (byte[] m : step.send()) {
                writeLocked(m);
            }
            writeLocked(NewKeys.INSTANCE.toPayload());
            LOG.log(System.Logger.Level.DEBUG, "NEWKEYS sent: what we send from now on is under the new keys (RFC 4253 §7.3)");
            transport.installOutgoingLocked(outgoing, strict);
            outgoing.wipe();
            state = new KexState.AwaitingNewKeys(now.exchange(), incoming);
            // RFC 8308 §2.4: the server's EXT_INFO is the first message under the new keys.
            if (!role.isClient() && !initialDone && negotiated.clientWantsExtInfo()) {
                writeLocked(ExtInfo.serverSigAlgs(SignatureAlgorithm.defaultNames()).toPayload());
            }
            transport.outgoingReleasedLocked();
        } finally {
            transport.writeLock.unlock();
        }
    }

    private void verifyHostKey(NegotiatedAlgorithms negotiated, SshPublicKey key, KeyExchange.Result result) throws IOException {
        SignatureAlgorithm algorithm = SignatureAlgorithm.find(negotiated.hostKey()).orElseThrow();
        if (!key.keyType().equals(algorithm.keyType())) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "the server sent a " + key.keyType() + " host key for " + algorithm.wireName());
        }
        if (!algorithm.verify(key, result.exchangeHash(), result.signature())) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "the server's signature of the exchange hash does not verify with its host key " + key);
        }
        if (hostKey == null) {
            try {
                config.hostKeyVerifier().verify(host, port, key);
            } catch (ProtocolException | HostKeyRejectedException e) {
                throw e;
            } catch (SshException e) {
                throw new HostKeyRejectedException(host, port, key, e.getMessage());
            }
            hostKey = key;
        } else if (!hostKey.equals(key)) {
            throw new HostKeyRejectedException(host, port, key, "the host key changed during key re-exchange (it was " + hostKey + ")");
        }
    }

    /** The peer's NEWKEYS: what it sends from now on is under the new keys, and the exchange is over. */
    private void onNewKeys(KexState.AwaitingNewKeys now) throws IOException {
        transport.installIncoming(now.incoming(), strict);
        LOG.log(System.Logger.Level.DEBUG, "NEWKEYS received: what the peer sends from now on is under the new keys");
        now.incoming().wipe();
        NegotiatedAlgorithms negotiated = now.exchange().negotiated();
        lastNegotiated = negotiated;
        transport.writeLock.lock();
        try {
            state = new KexState.Idle();
            bytesSinceKex.set(0);
            packetsSentSinceKex = 0;
            packetsReceivedSinceKex = 0;
            lastKex = Instant.now();
            rekeyLimit = rekeyLimitFor(negotiated);
        } finally {
            transport.writeLock.unlock();
        }
        completed++;
        LOG.log(System.Logger.Level.DEBUG, "key exchange {0} done", completed);
        if (!initialDone) {
            initialDone = true;
            transport.ready();
        }
    }

    /**
     * RFC 4419 §3, as OpenSSH asks: unless configured, the preferred group size follows the
     * strongest key the negotiated ciphers and MACs need (2048, 3072, 7680 or 8192 bits).
     */
    private KexContext.GroupBits groupBits(NegotiatedAlgorithms n) {
        KexContext.GroupBits configured = config.groupBits();
        if (!configured.equals(KexContext.GroupBits.DEFAULT)) {
            return configured;
        }
        int needBytes = 0;
        for (String[] dir : new String[][] {{n.cipherClientToServer(), n.macClientToServer()}, {n.cipherServerToClient(), n.macServerToClient()}}) {
            Ciphers.CipherAlgorithm c = Ciphers.find(dir[0]).orElseThrow();
            needBytes = Math.max(needBytes, Math.max(c.keyLength(), Math.max(c.blockSize(), c.ivLength())));
            needBytes = Math.max(needBytes, org.amiko.ssh.transport.crypto.Macs.find(dir[1]).orElseThrow().keyLength());
        }
        int bits = needBytes * 8;
        int preferred = bits <= 112 ? 2048 : bits <= 128 ? 3072 : bits <= 192 ? 7680 : 8192;
        return new KexContext.GroupBits(configured.min(), preferred, configured.max());
    }

    /** RFC 4344 §3.2: at most 2^(L/4) blocks under one key for an L-bit block cipher; OpenSSH's 1 GiB for smaller blocks. */
    private long rekeyLimitFor(NegotiatedAlgorithms n) {
        if (config.rekeyBytes() > 0) {
            return config.rekeyBytes();
        }
        int block = Math.min(Ciphers.find(n.cipherClientToServer()).orElseThrow().blockSize(),
                Ciphers.find(n.cipherServerToClient()).orElseThrow().blockSize());
        return block >= 16 ? (1L << 32) * block : 1L << 30;
    }

    byte[] sessionId() {
        return sessionId == null ? null : sessionId.clone();
    }

    NegotiatedAlgorithms negotiated() {
        return lastNegotiated;
    }

    SshPublicKey hostKey() {
        return hostKey;
    }

    List<String> serverSigAlgs() {
        return serverSigAlgs;
    }

    int completed() {
        return completed;
    }
}
