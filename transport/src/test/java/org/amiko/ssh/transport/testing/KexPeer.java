package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.io.VersionExchange;
import org.amiko.ssh.transport.kex.AlgorithmNegotiation;
import org.amiko.ssh.transport.kex.KexContext;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.kex.KeyDerivation;
import org.amiko.ssh.transport.kex.KeyExchange;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.message.NewKeys;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.packet.ByteView;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.packet.PacketDecoder;
import org.amiko.ssh.transport.packet.PacketEncoder;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A hand-driven peer that runs a real key exchange, in either role, with our own codec and kex
 * methods, and then sends whatever a test tells it to under the new keys: a hostile peer that
 * gets past the handshake. It verifies nothing of the other side (it is the attacker), and every
 * step is a method a test can call out of order or twice.
 *
 * <p>Not thread-safe; blocking reads: use it under a test timeout.
 */
public final class KexPeer implements AutoCloseable {

    private final Role role;
    private final InputStream in;
    private final OutputStream out;
    private final HostKey hostKey;
    private final SecureRandom random = new SecureRandom();
    private final PacketEncoder encoder = new PacketEncoder(64 * 1024, random);
    private final PacketDecoder decoder = new PacketDecoder();
    private final String ourVersion = "SSH-2.0-KexPeer";
    private String peerVersion;
    private byte[] ourKexInit;
    private byte[] peerKexInit;
    private NegotiatedAlgorithms negotiated;
    private KeyExchange method;
    private KeyExchange.Result result;
    private byte[] sessionId;
    /** Every key exchange method message we sent, in order, for replays. */
    private final List<byte[]> methodMessagesSent = new ArrayList<>();
    /** Every key exchange method message the other side sent, in order. */
    private final List<byte[]> methodMessagesReceived = new ArrayList<>();

    private KexPeer(Role role, InputStream in, OutputStream out, HostKey hostKey) {
        this.role = role;
        this.in = in;
        this.out = out;
        this.hostKey = hostKey;
    }

    /** A client peer; {@code in} and {@code out} lead to the server under test. */
    public static KexPeer client(InputStream in, OutputStream out) {
        return new KexPeer(Role.CLIENT, in, out, null);
    }

    /** A server peer that signs with {@code hostKey}. */
    public static KexPeer server(InputStream in, OutputStream out, HostKey hostKey) {
        return new KexPeer(Role.SERVER, in, out, hostKey);
    }

    // ---- the steps ------------------------------------------------------------------------------

    public KexPeer exchangeVersions() throws IOException {
        VersionExchange.send(out, ourVersion);
        peerVersion = VersionExchange.receive(in, role.isClient()).identification();
        return this;
    }

    /** Our KEXINIT, with the strict-kex marker when {@code strict}; {@code change} may alter it before it goes. */
    public KexPeer sendKexInit(String kex, boolean strict, UnaryOperator<KexInit> change) throws IOException {
        List<String> kexList = new ArrayList<>(List.of(kex));
        if (strict) {
            kexList.add(role.isClient() ? AlgorithmNegotiation.KEX_STRICT_C : AlgorithmNegotiation.KEX_STRICT_S);
        }
        List<String> hostKeys = role.isClient() ? SignatureAlgorithm.defaultNames()
                : hostKey.algorithms().stream().map(SignatureAlgorithm::wireName).toList();
        List<String> ciphers = List.of("aes128-gcm@openssh.com", "aes128-ctr");
        List<String> macs = List.of("hmac-sha2-256-etm@openssh.com", "hmac-sha2-256");
        byte[] cookie = new byte[16];
        random.nextBytes(cookie);
        KexInit init = change.apply(new KexInit(Bytes.of(cookie), kexList, hostKeys, ciphers, ciphers, macs, macs,
                List.of("none"), List.of("none"), List.of(), List.of(), false, 0));
        ourKexInit = init.toPayload();
        send(ourKexInit);
        return this;
    }

    public KexPeer sendKexInit(String kex, boolean strict) throws IOException {
        return sendKexInit(kex, strict, UnaryOperator.identity());
    }

    /** Reads the other side's KEXINIT (skipping IGNORE and DEBUG), negotiates, and makes the method. */
    public KexPeer receiveKexInit() throws IOException {
        peerKexInit = receiveSkippingNoise();
        if (peerKexInit == null || peerKexInit[0] != KexInit.ID) {
            throw new IOException("expected KEXINIT, got " + describe(peerKexInit));
        }
        KexInit mine = (KexInit) TransportMessage.decode(ourKexInit);
        KexInit theirs = (KexInit) TransportMessage.decode(peerKexInit);
        KexInit client = role.isClient() ? mine : theirs;
        KexInit server = role.isClient() ? theirs : mine;
        negotiated = AlgorithmNegotiation.negotiate(client, server, sessionId == null);
        SignatureAlgorithm signature = SignatureAlgorithm.find(negotiated.hostKey()).orElseThrow();
        KexContext context = new KexContext(role,
                role.isClient() ? ourVersion : peerVersion, role.isClient() ? peerVersion : ourVersion,
                role.isClient() ? ourKexInit : peerKexInit, role.isClient() ? peerKexInit : ourKexInit,
                random, hostKey, signature, KexContext.GroupBits.DEFAULT);
        method = KexMethods.find(negotiated.kex()).orElseThrow().factory().apply(context);
        result = null;
        return this;
    }

    /** Runs the method to its result: the client's opening messages, then each message of the other side. */
    public KexPeer runMethod() throws IOException {
        if (role.isClient()) {
            for (byte[] m : method.clientStart()) {
                sendMethodMessage(m);
            }
        }
        while (result == null) {
            byte[] m = receiveSkippingNoise();
            if (m == null || (m[0] & 0xff) < 30 || (m[0] & 0xff) > 49) {
                throw new IOException("expected a key exchange method message, got " + describe(m));
            }
            methodMessagesReceived.add(m);
            KeyExchange.Step step = method.receive(m);
            for (byte[] reply : step.send()) {
                sendMethodMessage(reply);
            }
            result = step.result();
        }
        if (sessionId == null) {
            sessionId = result.exchangeHash().clone();
        }
        return this;
    }

    private void sendMethodMessage(byte[] m) throws IOException {
        methodMessagesSent.add(m);
        send(m);
    }

    /** Sends NEWKEYS and switches what we send to the new keys (resetting the sequence number under strict kex). */
    public KexPeer sendNewKeys() throws IOException {
        send(NewKeys.INSTANCE.toPayload());
        encoder.install(keys(true));
        if (negotiated.strictKex()) {
            encoder.resetSequenceNumber();
        }
        return this;
    }

    /** Reads the other side's NEWKEYS and switches what we read to the new keys. */
    public KexPeer receiveNewKeys() throws IOException {
        byte[] m = receiveSkippingNoise();
        if (m == null || m[0] != NewKeys.ID) {
            throw new IOException("expected NEWKEYS, got " + describe(m));
        }
        decoder.install(keys(false));
        if (negotiated.strictKex()) {
            decoder.resetSequenceNumber();
        }
        return this;
    }

    private DirectionKeys keys(boolean outgoing) {
        return outgoing
                ? KeyDerivation.outgoing(role, negotiated, method.digest(), result.encodedSecret(), result.exchangeHash(), sessionId)
                : KeyDerivation.incoming(role, negotiated, method.digest(), result.encodedSecret(), result.exchangeHash(), sessionId);
    }

    /** The whole first key exchange with {@code kex}, strict, as a well-behaved peer does it. */
    public KexPeer handshake(String kex) throws IOException {
        return exchangeVersions().sendKexInit(kex, true).receiveKexInit().runMethod().sendNewKeys().receiveNewKeys();
    }

    // ---- packets --------------------------------------------------------------------------------

    public void send(byte[] payload) throws IOException {
        encoder.write(payload, 0, payload.length, out);
        out.flush();
    }

    /** The next payload, or null at end of stream. */
    public byte[] receive() throws IOException {
        while (true) {
            ByteView v = decoder.next();
            if (v != null) {
                return v.toBytes().toByteArray();
            }
            if (decoder.readFrom(in) < 0) {
                return null;
            }
        }
    }

    /** The next payload that is not IGNORE (2) or DEBUG (4), or null at end of stream. */
    public byte[] receiveSkippingNoise() throws IOException {
        while (true) {
            byte[] p = receive();
            if (p == null || (p[0] != 2 && p[0] != 4)) {
                return p;
            }
        }
    }

    public List<byte[]> methodMessagesSent() {
        return List.copyOf(methodMessagesSent);
    }

    public List<byte[]> methodMessagesReceived() {
        return List.copyOf(methodMessagesReceived);
    }

    /** The other side's KEXINIT payload, once received. */
    public byte[] peerKexInit() {
        return peerKexInit.clone();
    }

    public NegotiatedAlgorithms negotiated() {
        return negotiated;
    }

    public byte[] sessionId() {
        return sessionId.clone();
    }

    private static String describe(byte[] payload) {
        return payload == null ? "end of stream" : "message " + (payload[0] & 0xff);
    }

    @Override
    public void close() throws IOException {
        in.close();
        out.close();
    }
}
