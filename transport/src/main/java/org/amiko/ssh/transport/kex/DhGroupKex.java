package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.util.List;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * diffie-hellman-group14-sha256, -group16-sha512, -group18-sha512 (RFC 4253 §8, RFC 8268):
 *
 * <pre>
 *   client: byte SSH_MSG_KEXDH_INIT (30), mpint e
 *   server: byte SSH_MSG_KEXDH_REPLY (31), string K_S, mpint f, string signature of H
 *   H = HASH(V_C || V_S || I_C || I_S || K_S || e || f || K)
 * </pre>
 */
final class DhGroupKex implements KeyExchange {

    static final int KEXDH_INIT = 30;
    static final int KEXDH_REPLY = 31;

    private final KexContext context;
    private final String digest;
    private final DhGroup.Ephemeral ours;
    private boolean finished;

    DhGroupKex(KexContext context, String digest, DhGroup group) {
        this.context = context;
        this.digest = digest;
        this.ours = group.ephemeral(context.random());
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public List<byte[]> clientStart() {
        return List.of(new SshWriter().writeByte(KEXDH_INIT).writeMpint(ours.publicValue).toByteArray());
    }

    @Override
    public int awaiting() {
        return finished ? -1 : context.role().isClient() ? KEXDH_REPLY : KEXDH_INIT;
    }

    @Override
    public String name(int id) {
        return id == KEXDH_INIT ? "SSH_MSG_KEXDH_INIT" : id == KEXDH_REPLY ? "SSH_MSG_KEXDH_REPLY" : "key exchange message " + id;
    }

    @Override
    public Step receive(byte[] payload) throws SshException {
        SshReader r = new SshReader(payload);
        int id = r.readByte();
        EcdhShapedKex.expect(this, id);
        finished = true;
        if (context.role().isClient()) {
            Bytes hostKey = r.readString();
            BigInteger f = r.readPositiveMpint();
            Bytes signature = r.readString();
            r.ensureEnd();
            byte[] k = ours.secret(f);
            byte[] h = context.exchangeHash(digest, hostKey.toByteArray()).mpint(ours.publicValue).mpint(f).finish(k);
            return new Step(List.of(), new Result(k, h, hostKey, signature));
        }
        BigInteger e = r.readPositiveMpint();
        r.ensureEnd();
        byte[] k = ours.secret(e);
        byte[] hostKey = context.hostKey().publicKey().blob().toByteArray();
        byte[] h = context.exchangeHash(digest, hostKey).mpint(e).mpint(ours.publicValue).finish(k);
        Bytes signature = context.hostKey().sign(context.signatureAlgorithm(), h);
        byte[] reply = new SshWriter().writeByte(KEXDH_REPLY).writeString(hostKey)
                .writeMpint(ours.publicValue).writeString(signature).toByteArray();
        return new Step(List.of(reply), new Result(k, h, Bytes.of(hostKey), signature));
    }
}
