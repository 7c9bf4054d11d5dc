package org.amiko.ssh.transport;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.kex.AlgorithmNegotiation;
import org.amiko.ssh.transport.kex.KexContext;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.kex.KeyDerivation;
import org.amiko.ssh.transport.kex.KeyExchange;
import org.amiko.ssh.transport.kex.NegotiatedAlgorithms;
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
 * <p>Threads: {@link #received} runs on the reader thread only, which owns the fields marked
 * "reader". The outgoing state ({@code ourKexInit}, byte counters) is guarded by the
 * transport's {@code writeLock}, since any thread may start a re-exchange by sending.
 */
final class Handshake {

    private static final System.Logger LOG = System.getLogger(Handshake.class.getName());
    /** RFC 4252 §5.1: the message after which delayed compression starts. */
    static final int USERAUTH_SUCCESS = 52;

    private final Transport transport;
    private final Role role;
    private final TransportConfig config;
    private final String host;
    private final int port;
    private String clientVersion;
    private String serverVersion;

    // guarded by writeLock
    private byte[] ourKexInit;          // non-null from our KEXINIT until the exchange completes
    private long ourKexInitSeq = -1;    // its sequence number, to recognize an UNIMPLEMENTED answer
    private boolean sentNewKeys;        // our NEWKEYS of the current exchange is out
    private Instant lastKex = Instant.now();
    private volatile long rekeyLimit = Long.MAX_VALUE;
    /** Bytes both ways since the last exchange; the reader adds without the write lock (see {@link #received}). */
    private final java.util.concurrent.atomic.AtomicLong bytesSinceKex = new java.util.concurrent.atomic.AtomicLong();

    // reader
    private byte[] peerKexInit;
    private NegotiatedAlgorithms negotiated;
    private KeyExchange method;
    private DirectionKeys pendingIncoming;
    private boolean ignoreNextKexPacket;
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

    Handshake(Transport transport, Role role, TransportConfig config, String host, int port) {
        this.transport = transport;
        this.role = role;
        this.config = config;
        this.host = host;
        this.port = port;
    }

    void versions(String client, String server) {
        clientVersion = client;
        serverVersion = server;
    }

    // ---- outgoing ------------------------------------------------------------------------------

    /** Sends our KEXINIT unless an exchange is already in flight. Any thread. */
    void startKeyExchange() throws IOException {
        transport.writeLock.lock();
        try {
            if (ourKexInit == null) {
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
        ourKexInit = init.toPayload();
        sentNewKeys = false;
        ourKexInitSeq = transport.nextSequenceNumberLocked();
        LOG.log(System.Logger.Level.DEBUG, () -> "our KEXINIT (RFC 4253 §7.1), in order of preference: kex "
                + String.join(",", kex) + "; host keys " + String.join(",", init.hostKeyAlgorithms())
                + "; ciphers " + String.join(",", config.ciphers()) + "; MACs " + String.join(",", config.macs())
                + "; compression " + String.join(",", config.compression()));
        transport.writeLocked(ourKexInit);
        if (sendWrongGuess()) {
            // RFC 4253 §7: a guessed first kex packet; the test seam guesses wrong, so the peer must skip it
            transport.writeLocked(new byte[] {30, 0, 0, 0, 0});
        }
    }

    private boolean sendWrongGuess() {
        return config.wrongKexGuess() && !initialDone;
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
        return ourKexInit != null && !sentNewKeys;
    }

    /** Counts bytes we sent and starts a re-exchange at the limits. Caller holds writeLock. */
    void countSent(int bytes) throws IOException {
        bytesSinceKex.addAndGet(bytes);
        maybeRekeyLocked();
    }

    /** Limits start re-keys only after authentication, as OpenSSH does: its sshd refuses KEXINIT before it. */
    private void maybeRekeyLocked() throws IOException {
        if (!initialDone || !authenticated || ourKexInit != null) {
            return;
        }
        boolean bytes = bytesSinceKex.get() >= rekeyLimit;
        Duration interval = config.rekeyInterval();
        boolean time = !interval.isZero() && Duration.between(lastKex, Instant.now()).compareTo(interval) >= 0;
        if (bytes || time) {
            LOG.log(System.Logger.Level.DEBUG, "re-keying after {0} bytes", bytesSinceKex.get());
            sendKexInitLocked();
        }
    }

    // ---- incoming (reader thread) -------------------------------------------------------------

    /** Handles one received payload; {@code seq} is its sequence number. */
    void received(byte[] payload, long seq) throws IOException {
        int id = payload[0] & 0xff;
        boolean kexMessage = id == KexInit.ID || id == NewKeys.ID || (id >= 30 && id <= 49);
        if (!initialDone) {
            if (peerKexInit == null && id != KexInit.ID) {
                packetsBeforePeerKexInit++;
            }
            // OpenSSH PROTOCOL §1.10: under strict kex nothing but kex messages before the first NEWKEYS.
            if (strict && !kexMessage) {
                throw new ProtocolException("strict key exchange: unexpected " + MessageNames.of(id) + " during the initial key exchange");
            }
            if (id >= 50 || id == 5 || id == 6) {
                throw new ProtocolException(MessageNames.of(id) + " before the first key exchange finished");
            }
        }
        if (id == USERAUTH_SUCCESS && role.isClient() && !authenticated) {
            // OpenSSH PROTOCOL §1.2: zlib@openssh.com starts right after USERAUTH_SUCCESS, before the next packet.
            authenticated();
            transport.authenticationSucceeded();
        }
        if (id >= 50 || id == 5 || id == 6) {
            if (peerKexInit != null && id >= 50) {
                throw new ProtocolException(MessageNames.of(id) + " in the middle of a key exchange (RFC 4253 §7.1)");
            }
            // The reader never waits for the write lock here: a writer may hold it while blocked on a
            // peer whose own reader is blocked the same way. Past the limit it tries, packet by packet.
            if (bytesSinceKex.addAndGet(payload.length) >= rekeyLimit && transport.writeLock.tryLock()) {
                try {
                    maybeRekeyLocked();
                } finally {
                    transport.writeLock.unlock();
                }
            }
            transport.deliver(payload);
            return;
        }
        switch (id) {
            case Disconnect.ID -> {
                Disconnect d = (Disconnect) TransportMessage.decode(payload);
                throw new DisconnectException(d.reasonCode(), d.description(), true);
            }
            case 2 -> { } // IGNORE (§11.2)
            case Debug.ID -> {
                Debug d = (Debug) TransportMessage.decode(payload);
                LOG.log(d.alwaysDisplay() ? System.Logger.Level.INFO : System.Logger.Level.DEBUG, "peer says: {0}", d.message());
            }
            case Unimplemented.ID -> onUnimplemented((Unimplemented) TransportMessage.decode(payload));
            case ExtInfo.ID -> onExtInfo(payload);
            case KexInit.ID -> onKexInit(payload);
            case NewKeys.ID -> onNewKeys();
            default -> {
                if (id >= 30 && id <= 49 && method != null) {
                    onMethodMessage(payload);
                } else if (id >= 30 && id <= 49 && ignoreNextKexPacket) {
                    ignoreNextKexPacket = false;
                } else if (strict || (id >= 30 && id <= 49)) {
                    throw new ProtocolException("unexpected " + MessageNames.of(id));
                } else {
                    // RFC 4253 §11.4: answer what we do not understand.
                    transport.writeLock.lock();
                    try {
                        transport.writeLocked(new Unimplemented(seq).toPayload());
                    } finally {
                        transport.writeLock.unlock();
                    }
                }
            }
        }
    }

    private void onUnimplemented(Unimplemented u) throws IOException {
        LOG.log(System.Logger.Level.DEBUG, "peer did not understand packet {0}", u.sequenceNumber());
        transport.writeLock.lock();
        try {
            if (ourKexInit != null && u.sequenceNumber() == ourKexInitSeq) {
                // OpenSSH's sshd answers a KEXINIT before authentication this way; waiting would hang.
                throw new ProtocolException("the peer refused our key re-exchange (UNIMPLEMENTED); OpenSSH accepts re-keying only after authentication");
            }
        } finally {
            transport.writeLock.unlock();
        }
    }

    /** User authentication succeeded: byte and time limits may start re-keys from now on. */
    void authenticated() {
        authenticated = true;
    }

    private void onExtInfo(byte[] payload) throws IOException {
        ExtInfo info = (ExtInfo) TransportMessage.decode(payload);
        if (role.isClient()) {
            serverSigAlgs = info.serverSigAlgs();
            LOG.log(System.Logger.Level.DEBUG, "server-sig-algs: {0}", serverSigAlgs);
        }
    }

    private void onKexInit(byte[] payload) throws IOException {
        if (peerKexInit != null) {
            throw new ProtocolException("KEXINIT in the middle of a key exchange");
        }
        KexInit peer = (KexInit) TransportMessage.decode(payload);
        byte[] ours;
        transport.writeLock.lock();
        try {
            if (ourKexInit == null) {
                sendKexInitLocked(); // the peer started a re-exchange (RFC 4253 §9)
            }
            ours = ourKexInit;
        } finally {
            transport.writeLock.unlock();
        }
        peerKexInit = payload;
        KexInit mine = (KexInit) TransportMessage.decode(ours);
        KexInit client = role.isClient() ? mine : peer;
        KexInit server = role.isClient() ? peer : mine;
        negotiated = AlgorithmNegotiation.negotiate(client, server, !initialDone);
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
        // RFC 4253 §7: a guessed packet that follows a wrong guess is ignored.
        ignoreNextKexPacket = peer.firstKexPacketFollows() && !AlgorithmNegotiation.guessIsRight(client, server);
        SignatureAlgorithm signature = SignatureAlgorithm.find(negotiated.hostKey()).orElseThrow();
        HostKey key = role.isClient() ? null : config.hostKeys().stream()
                .filter(k -> k.algorithms().contains(signature)).findFirst().orElseThrow();
        KexContext context = new KexContext(role, clientVersion, serverVersion,
                role.isClient() ? ours : payload, role.isClient() ? payload : ours,
                config.random(), key, signature, groupBits(negotiated));
        method = KexMethods.find(negotiated.kex()).orElseThrow().factory().apply(context);
        if (role.isClient()) {
            sendAll(method.clientStart());
        }
    }

    private void onMethodMessage(byte[] payload) throws IOException {
        if (ignoreNextKexPacket) {
            ignoreNextKexPacket = false;
            return;
        }
        KeyExchange.Step step = method.receive(payload);
        sendAll(step.send());
        if (step.result() != null) {
            finish(step.result());
        }
    }

    private void sendAll(List<byte[]> messages) throws IOException {
        transport.writeLock.lock();
        try {
            for (byte[] m : messages) {
                transport.writeLocked(m);
            }
        } finally {
            transport.writeLock.unlock();
        }
    }

    /** The method is done: check the host key (client), derive keys, send NEWKEYS and switch our side. */
    private void finish(KeyExchange.Result result) throws IOException {
        SshPublicKey key = SshPublicKey.decode(result.hostKey());
        if (role.isClient()) {
            verifyHostKey(key, result);
        }
        byte[] h = result.exchangeHash();
        if (sessionId == null) {
            sessionId = h.clone();
        }
        String digest = method.digest();
        DirectionKeys outgoing = KeyDerivation.outgoing(role, negotiated, digest, result.encodedSecret(), h, sessionId);
        pendingIncoming = KeyDerivation.incoming(role, negotiated, digest, result.encodedSecret(), h, sessionId);
        java.util.Arrays.fill(result.encodedSecret(), (byte) 0);
        transport.writeLock.lock();
        try {
            transport.writeLocked(NewKeys.INSTANCE.toPayload());
            LOG.log(System.Logger.Level.DEBUG, "NEWKEYS sent: what we send from now on is under the new keys (RFC 4253 §7.3)");
            transport.installOutgoingLocked(outgoing, strict);
            outgoing.wipe();
            sentNewKeys = true;
            // RFC 8308 §2.4: the server's EXT_INFO is the first message under the new keys.
            if (!role.isClient() && !initialDone && negotiated.clientWantsExtInfo()) {
                transport.writeLocked(ExtInfo.serverSigAlgs(SignatureAlgorithm.defaultNames()).toPayload());
            }
            transport.outgoingReleasedLocked();
        } finally {
            transport.writeLock.unlock();
        }
    }

    private void verifyHostKey(SshPublicKey key, KeyExchange.Result result) throws IOException {
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
            } catch (ProtocolException e) {
                throw e;
            } catch (SshException e) {
                throw new HostKeyRejectedException(host, port, key, e.getMessage());
            }
            hostKey = key;
        } else if (!hostKey.equals(key)) {
            throw new HostKeyRejectedException(host, port, key, "the host key changed during key re-exchange (it was " + hostKey + ")");
        }
    }

    private void onNewKeys() throws IOException {
        if (pendingIncoming == null) {
            throw new ProtocolException("NEWKEYS before the key exchange finished");
        }
        transport.installIncoming(pendingIncoming, strict);
        LOG.log(System.Logger.Level.DEBUG, "NEWKEYS received: what the peer sends from now on is under the new keys");
        pendingIncoming.wipe();
        pendingIncoming = null;
        peerKexInit = null;
        method = null;
        lastNegotiated = negotiated;
        transport.writeLock.lock();
        try {
            ourKexInit = null;
            bytesSinceKex.set(0);
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
