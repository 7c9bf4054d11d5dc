package org.amiko.ssh.transport.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * An SSH public key: its key type name ({@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521},
 * {@code ssh-rsa}), its wire blob, and the JCA key. Immutable; equal when the blobs are equal.
 *
 * <p>{@link #decode} is strict: the blob must be exactly one well-formed key of a known type, and
 * the key itself must be sound (an EC point on its curve, an RSA modulus of at least 1024 bits).
 */
public final class SshPublicKey {

    public static final String SSH_ED25519 = "ssh-ed25519";
    public static final String ECDSA_SHA2_NISTP256 = "ecdsa-sha2-nistp256";
    public static final String ECDSA_SHA2_NISTP384 = "ecdsa-sha2-nistp384";
    public static final String ECDSA_SHA2_NISTP521 = "ecdsa-sha2-nistp521";
    public static final String SSH_RSA = "ssh-rsa";

    /** The key types amiko reads, in OpenSSH's order of preference. */
    public static final List<String> KEY_TYPES =
            List.of(SSH_ED25519, ECDSA_SHA2_NISTP256, ECDSA_SHA2_NISTP384, ECDSA_SHA2_NISTP521, SSH_RSA);

    private final String keyType;
    private final Bytes blob;
    private final PublicKey jcaKey;

    private SshPublicKey(String keyType, Bytes blob, PublicKey jcaKey) {
        this.keyType = keyType;
        this.blob = blob;
        this.jcaKey = jcaKey;
    }

    /** Parses a public key blob (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709 §4). */
    public static SshPublicKey decode(Bytes blob) throws ProtocolException {
        SshReader r = SshReader.of(blob);
        String type = r.readUtf8();
        PublicKey key;
        if (SSH_ED25519.equals(type)) {
            // RFC 8709 §4: string "ssh-ed25519", string key
            key = Ed25519Keys.toJca(r.readStringBytes());
        } else if (SSH_RSA.equals(type)) {
            // RFC 4253 §6.6: string "ssh-rsa", mpint e, mpint n
            BigInteger e = r.readPositiveMpint();
            BigInteger n = r.readPositiveMpint();
            key = RsaKeys.toJca(e, n);
        } else {
            EcCurve curve = EcCurve.byKeyType(type)
                    .orElseThrow(() -> new ProtocolException("unsupported public key type \"" + printable(type) + "\""));
            // RFC 5656 §3.1: string "ecdsa-sha2-[identifier]", string [identifier], string Q
            String identifier = r.readUtf8();
            if (!curve.identifier().equals(identifier)) {
                throw new ProtocolException(type + " key names curve \"" + printable(identifier) + "\"");
            }
            key = ecKey(curve, curve.decodePoint(r.readStringBytes()));
        }
        r.ensureEnd();
        return new SshPublicKey(type, blob, key);
    }

    private static PublicKey ecKey(EcCurve curve, ECPoint q) throws ProtocolException {
        try {
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(q, curve.params()));
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(curve.keyType() + " key rejected: " + e.getMessage());
        }
    }

    /**
     * The SSH form of a JCA public key (Ed25519, EC on P-256/384/521, RSA), checked by the same
     * rules as {@link #decode}.
     *
     * @throws IllegalArgumentException for any other key, or one {@link #decode} would refuse
     */
    public static SshPublicKey of(PublicKey jcaKey) {
        SshWriter w = new SshWriter(512);
        if (jcaKey instanceof EdECPublicKey ed && Ed25519Keys.isEd25519(ed)) {
            w.writeUtf8(SSH_ED25519).writeString(Ed25519Keys.encode(ed));
        } else if (jcaKey instanceof ECPublicKey ec) {
            EcCurve curve = EcCurve.byParams(ec.getParams())
                    .orElseThrow(() -> new IllegalArgumentException("EC key on a curve SSH does not use here"));
            w.writeUtf8(curve.keyType()).writeUtf8(curve.identifier()).writeString(curve.encodePoint(ec.getW()));
        } else if (jcaKey instanceof RSAPublicKey rsa) {
            w.writeUtf8(SSH_RSA).writeMpint(rsa.getPublicExponent()).writeMpint(rsa.getModulus());
        } else {
            throw new IllegalArgumentException("unsupported public key: " + jcaKey.getAlgorithm());
        }
        try {
            return decode(w.toBytes());
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("unusable public key: " + e.getMessage(), e);
        }
    }

    public String keyType() {
        return keyType;
    }

    /** The wire encoding, as sent in KEXDH_REPLY and stored in known_hosts. */
    public Bytes blob() {
        return blob;
    }

    public PublicKey jcaKey() {
        return jcaKey;
    }

    /** {@code "SHA256:"} and the unpadded base64 of SHA-256 over the blob, as {@code ssh-keygen -l} prints. */
    public String sha256Fingerprint() {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(blob.toByteArray());
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SshPublicKey k && blob.equals(k.blob);
    }

    @Override
    public int hashCode() {
        return blob.hashCode();
    }

    @Override
    public String toString() {
        return keyType + " " + sha256Fingerprint();
    }

    /** Peer-supplied text for an error message: bounded, control characters escaped. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(64).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return s.length() > 64 ? sb + "..." : sb.toString();
    }
}
