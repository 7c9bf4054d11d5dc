package org.amiko.ssh.transport.kex;

import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The two-message shape that ECDH (RFC 5656 §4), curve25519 (RFC 8731) and the post-quantum
 * hybrids (sntrup761x25519, mlkem768x25519) share:
 *
 * <pre>
 *   client: byte SSH_MSG_KEX_ECDH_INIT (30), string Q_C
 *   server: byte SSH_MSG_KEX_ECDH_REPLY (31), string K_S, string Q_S, string signature of H
 *   H = HASH(V_C || V_S || I_C || I_S || K_S || Q_C || Q_S || K)
 * </pre>
 *
 * The methods differ only in their {@link Agreement}: how Q_C, Q_S and K are made.
 */
final class EcdhShapedKex implements KeyExchange {

    static final int ECDH_INIT = 30;
    static final int ECDH_REPLY = 31;

    /** The method-specific part: key generation and the shared secret K, already in wire form. */
    interface Agreement {
        /** Client: our ephemeral public value Q_C. */
        byte[] clientPublic();

        /** Server: our Q_S and K from the client's Q_C. */
        ServerShare serverShare(byte[] clientPublic) throws ProtocolException;

        /** Client: K from the server's Q_S. */
        byte[] clientSecret(byte[] serverPublic) throws ProtocolException;
    }

    record ServerShare(byte[] serverPublic, byte[] encodedSecret) {
    }

    private final KexContext context;
    private final String digest;
    private final Agreement agreement;
    private byte[] clientPublic;
    private boolean finished;

    EcdhShapedKex(KexContext context, String digest, Agreement agreement) {
        this.context = context;
        this.digest = digest;
        this.agreement = agreement;
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public List<byte[]> clientStart() {
        clientPublic = agreement.clientPublic();
        return List.of(new SshWriter().writeByte(ECDH_INIT).writeString(clientPublic).toByteArray());
    }

    @Override
    public int awaiting() {
        return finished ? -1 : context.role().isClient() ? ECDH_REPLY : ECDH_INIT;
    }

    @Override
    public String name(int id) {
        return id == ECDH_INIT ? "SSH_MSG_KEX_ECDH_INIT" : id == ECDH_REPLY ? "SSH_MSG_KEX_ECDH_REPLY" : "key exchange message " + id;
    }

    @Override
    public Step receive(byte[] payload) throws SshException {
        SshReader r = new SshReader(payload);
        int id = r.readByte();
        expect(this, id);
        finished = true;
        if (context.role().isClient()) {
            Bytes hostKey = r.readString();
            byte[] serverPublic = r.readStringBytes();
            Bytes signature = r.readString();
            r.ensureEnd();
            byte[] secret = agreement.clientSecret(serverPublic);
            byte[] h = context.exchangeHash(digest, hostKey.toByteArray())
                    .string(clientPublic).string(serverPublic).finish(secret);
            return new Step(List.of(), new Result(secret, h, hostKey, signature));
        }
        byte[] qc = r.readStringBytes();
        r.ensureEnd();
        ServerShare share = agreement.serverShare(qc);
        byte[] hostKey = context.hostKey().publicKey().blob().toByteArray();
        byte[] h = context.exchangeHash(digest, hostKey).string(qc).string(share.serverPublic()).finish(share.encodedSecret());
        Bytes signature = context.hostKey().sign(context.signatureAlgorithm(), h);
        byte[] reply = new SshWriter().writeByte(ECDH_REPLY).writeString(hostKey)
                .writeString(share.serverPublic()).writeString(signature).toByteArray();
        return new Step(List.of(reply), new Result(share.encodedSecret(), h, Bytes.of(hostKey), signature));
    }

    /** A method runs each of its steps once: a message it is not waiting for (a replay among them) is a protocol error. */
    static void expect(KeyExchange method, int got) throws ProtocolException {
        int wanted = method.awaiting();
        if (got != wanted) {
            throw new ProtocolException(wanted < 0
                    ? "unexpected " + method.name(got) + " (" + got + "): the key exchange method has finished"
                    : "expected " + method.name(wanted) + " (" + wanted + ") in the key exchange, got " + method.name(got) + " (" + got + ")");
        }
    }
}
