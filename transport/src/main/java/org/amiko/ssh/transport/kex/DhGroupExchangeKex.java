package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.util.List;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * diffie-hellman-group-exchange-sha256 (RFC 4419): the client asks for a group size, the server
 * picks a group, then Diffie-Hellman as in RFC 4253 §8:
 *
 * <pre>
 *   client: byte SSH_MSG_KEX_DH_GEX_REQUEST (34), uint32 min, uint32 n, uint32 max
 *   server: byte SSH_MSG_KEX_DH_GEX_GROUP (31), mpint p, mpint g
 *   client: byte SSH_MSG_KEX_DH_GEX_INIT (32), mpint e
 *   server: byte SSH_MSG_KEX_DH_GEX_REPLY (33), string K_S, mpint f, string signature of H
 *   H = HASH(V_C || V_S || I_C || I_S || K_S || min || n || max || p || g || e || f || K)
 * </pre>
 *
 * Groups smaller than 2048 bits are refused (RFC 8270).
 */
final class DhGroupExchangeKex implements KeyExchange {

    static final int GEX_GROUP = 31;
    static final int GEX_INIT = 32;
    static final int GEX_REPLY = 33;
    static final int GEX_REQUEST = 34;
    /** RFC 8270 §3: the smallest group either side accepts. */
    static final int MIN_BITS = 2048;
    static final int MAX_BITS = 8192;

    private final KexContext context;
    private final String digest;
    private int min;
    private int preferred;
    private int max;
    private DhGroup group;
    private DhGroup.Ephemeral ours;
    private boolean finished;

    DhGroupExchangeKex(KexContext context, String digest) {
        this.context = context;
        this.digest = digest;
    }

    @Override
    public String digest() {
        return digest;
    }

    @Override
    public List<byte[]> clientStart() {
        KexContext.GroupBits bits = context.groupBits();
        min = bits.min();
        preferred = bits.preferred();
        max = bits.max();
        return List.of(new SshWriter().writeByte(GEX_REQUEST).writeUint32(min).writeUint32(preferred).writeUint32(max).toByteArray());
    }

    @Override
    public int awaiting() {
        if (finished) {
            return -1;
        }
        if (context.role().isClient()) {
            return group == null ? GEX_GROUP : GEX_REPLY;
        }
        return group == null ? GEX_REQUEST : GEX_INIT;
    }

    @Override
    public String name(int id) {
        return switch (id) {
            case GEX_GROUP -> "SSH_MSG_KEX_DH_GEX_GROUP";
            case GEX_INIT -> "SSH_MSG_KEX_DH_GEX_INIT";
            case GEX_REPLY -> "SSH_MSG_KEX_DH_GEX_REPLY";
            case GEX_REQUEST -> "SSH_MSG_KEX_DH_GEX_REQUEST";
            default -> "key exchange message " + id;
        };
    }

    @Override
    public Step receive(byte[] payload) throws SshException {
        SshReader r = new SshReader(payload);
        int id = r.readByte();
        EcdhShapedKex.expect(this, id);
        return context.role().isClient() ? client(r) : server(r);
    }

    private Step client(SshReader r) throws SshException {
        if (group == null) {
            BigInteger p = r.readPositiveMpint();
            BigInteger g = r.readPositiveMpint();
            r.ensureEnd();
            if (p.bitLength() < Math.max(min, MIN_BITS) || p.bitLength() > max || !p.testBit(0)) {
                throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                        "the server's group has " + p.bitLength() + " bits; we asked for " + min + " to " + max);
            }
            group = new DhGroup(p, g);
            group.check(g);
            ours = group.ephemeral(context.random());
            return Step.reply(new SshWriter().writeByte(GEX_INIT).writeMpint(ours.publicValue).toByteArray());
        }
        finished = true;
        Bytes hostKey = r.readString();
        BigInteger f = r.readPositiveMpint();
        Bytes signature = r.readString();
        r.ensureEnd();
        byte[] k = ours.secret(f);
        byte[] h = hash(hostKey.toByteArray(), ours.publicValue, f, k);
        return new Step(List.of(), new Result(k, h, hostKey, signature));
    }

    private Step server(SshReader r) throws SshException {
        if (group == null) {
            min = (int) Math.min(r.readUint32(), Integer.MAX_VALUE);
            preferred = (int) Math.min(r.readUint32(), Integer.MAX_VALUE);
            max = (int) Math.min(r.readUint32(), Integer.MAX_VALUE);
            r.ensureEnd();
            group = choose(min, preferred, max);
            ours = group.ephemeral(context.random());
            return Step.reply(new SshWriter().writeByte(GEX_GROUP).writeMpint(group.p).writeMpint(group.g).toByteArray());
        }
        finished = true;
        BigInteger e = r.readPositiveMpint();
        r.ensureEnd();
        byte[] k = ours.secret(e);
        byte[] hostKey = context.hostKey().publicKey().blob().toByteArray();
        byte[] h = hash(hostKey, e, ours.publicValue, k);
        Bytes signature = context.hostKey().sign(context.signatureAlgorithm(), h);
        byte[] reply = new SshWriter().writeByte(GEX_REPLY).writeString(hostKey)
                .writeMpint(ours.publicValue).writeString(signature).toByteArray();
        return new Step(List.of(reply), new Result(k, h, Bytes.of(hostKey), signature));
    }

    private byte[] hash(byte[] hostKey, BigInteger e, BigInteger f, byte[] k) {
        return context.exchangeHash(digest, hostKey).uint32(min).uint32(preferred).uint32(max)
                .mpint(group.p).mpint(group.g).mpint(e).mpint(f).finish(k);
    }

    /** RFC 4419 §3: the smallest built-in group of at least n bits within [min, max], else the largest within. */
    static DhGroup choose(int min, int n, int max) throws ProtocolException {
        int lo = Math.max(min, MIN_BITS);
        int hi = Math.min(max, MAX_BITS);
        int wanted = Math.max(lo, Math.min(n, hi));
        DhGroup best = null;
        for (DhGroup g : DhGroup.MODULI) {
            if (g.bits() >= lo && g.bits() <= hi && (best == null
                    || (best.bits() < wanted ? g.bits() > best.bits() : g.bits() >= wanted && g.bits() < best.bits()))) {
                best = g;
            }
        }
        if (best == null) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED,
                    "no Diffie-Hellman group between " + min + " and " + max + " bits");
        }
        return best;
    }
}
