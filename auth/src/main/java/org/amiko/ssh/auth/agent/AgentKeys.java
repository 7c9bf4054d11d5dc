package org.amiko.ssh.auth.agent;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The private key contents of SSH_AGENTC_ADD_IDENTITY (draft-miller-ssh-agent, "Adding keys to
 * the agent"; the layout OpenSSH's agent reads):
 * <pre>
 * ssh-ed25519          string ENC(A), string k || ENC(A)        (RFC 8032 seed k, public A)
 * ecdsa-sha2-nistpNNN  string curve identifier, string Q, mpint d
 * ssh-rsa              mpint n, mpint e, mpint d, mpint iqmp, mpint p, mpint q
 * </pre>
 * each preceded by {@code string key type}. The public halves are checked by the rules of
 * {@link SshPublicKey#decode}; whether the private half matches is for the holder to check with a
 * trial signature.
 */
final class AgentKeys {

    /** The PKCS#8 prefix of an Ed25519 private key (RFC 8410 §7): the 32-byte seed follows. */
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final int ED25519_LENGTH = 32;

    private AgentKeys() {}

    /**
     * Writes the key type and contents of a key pair.
     *
     * @throws IllegalArgumentException for a key SSH does not use, or a private key whose
     *     components the JCA does not reveal (a hardware key, an RSA key without CRT values)
     */
    static void writePrivateKey(SshWriter w, KeyPair pair) {
        SshPublicKey pub = SshPublicKey.of(pair.getPublic());
        SshReader blob = SshReader.of(pub.blob());
        PrivateKey priv = pair.getPrivate();
        try {
            String type = blob.readUtf8();
            w.writeUtf8(type);
            switch (type) {
                case SshPublicKey.SSH_ED25519 -> {
                    byte[] a = blob.readStringBytes();
                    byte[] seed = ed25519Seed(priv);
                    byte[] secret = new byte[2 * ED25519_LENGTH];
                    System.arraycopy(seed, 0, secret, 0, ED25519_LENGTH);
                    System.arraycopy(a, 0, secret, ED25519_LENGTH, ED25519_LENGTH);
                    w.writeString(a).writeString(secret);
                    Arrays.fill(seed, (byte) 0);
                    Arrays.fill(secret, (byte) 0);
                }
                case SshPublicKey.SSH_RSA -> {
                    if (!(priv instanceof RSAPrivateCrtKey rsa)) {
                        throw new IllegalArgumentException("an RSA key for an agent needs its CRT values (p, q, iqmp)");
                    }
                    w.writeMpint(rsa.getModulus()).writeMpint(rsa.getPublicExponent())
                            .writeMpint(rsa.getPrivateExponent()).writeMpint(rsa.getCrtCoefficient())
                            .writeMpint(rsa.getPrimeP()).writeMpint(rsa.getPrimeQ());
                }
                default -> {
                    if (!(priv instanceof ECPrivateKey ec)) {
                        throw new IllegalArgumentException(type + " needs an EC private key, not " + priv.getAlgorithm());
                    }
                    w.writeString(blob.readStringBytes()).writeString(blob.readStringBytes()).writeMpint(ec.getS());
                }
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("own public key blob unreadable", e);
        }
    }

    /** The 32-byte RFC 8032 seed of an Ed25519 private key, from the JCA or from its PKCS#8 form. */
    private static byte[] ed25519Seed(PrivateKey priv) {
        if (priv instanceof EdECPrivateKey ed && ed.getBytes().isPresent()) {
            return ed.getBytes().get();
        }
        byte[] der = priv.getEncoded();
        if (der != null && der.length == ED25519_PKCS8_PREFIX.length + ED25519_LENGTH
                && Arrays.equals(der, 0, ED25519_PKCS8_PREFIX.length, ED25519_PKCS8_PREFIX, 0, ED25519_PKCS8_PREFIX.length)) {
            return Arrays.copyOfRange(der, ED25519_PKCS8_PREFIX.length, der.length);
        }
        throw new IllegalArgumentException("the Ed25519 private key does not reveal its seed");
    }

    /** Reads the key type and contents written by {@link #writePrivateKey}. */
    static KeyPair readPrivateKey(SshReader r) throws ProtocolException {
        String type = r.readUtf8();
        SshWriter pubBlob = new SshWriter(512).writeUtf8(type);
        try {
            switch (type) {
                case SshPublicKey.SSH_ED25519 -> {
                    byte[] a = r.readStringBytes();
                    byte[] secret = r.readStringBytes();
                    if (secret.length != 2 * ED25519_LENGTH
                            || !Arrays.equals(secret, ED25519_LENGTH, secret.length, a, 0, a.length)) {
                        throw new ProtocolException("ssh-ed25519 private key is not k || ENC(A) of its public key");
                    }
                    PublicKey pub = SshPublicKey.decode(pubBlob.writeString(a).toBytes()).jcaKey();
                    byte[] seed = Arrays.copyOf(secret, ED25519_LENGTH);
                    Arrays.fill(secret, (byte) 0);
                    PrivateKey priv = KeyFactory.getInstance("Ed25519")
                            .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
                    Arrays.fill(seed, (byte) 0);
                    return new KeyPair(pub, priv);
                }
                case SshPublicKey.SSH_RSA -> {
                    BigInteger n = r.readPositiveMpint();
                    BigInteger e = r.readPositiveMpint();
                    BigInteger d = r.readPositiveMpint();
                    BigInteger iqmp = r.readPositiveMpint();
                    BigInteger p = r.readPositiveMpint();
                    BigInteger q = r.readPositiveMpint();
                    PublicKey pub = SshPublicKey.decode(pubBlob.writeMpint(e).writeMpint(n).toBytes()).jcaKey();
                    if (p.compareTo(BigInteger.ONE) <= 0 || q.compareTo(BigInteger.ONE) <= 0 || !p.multiply(q).equals(n)
                            || !iqmp.multiply(q).mod(p).equals(BigInteger.ONE) || d.signum() == 0 || d.compareTo(n) >= 0) {
                        throw new ProtocolException("ssh-rsa private key values are inconsistent");
                    }
                    BigInteger one = BigInteger.ONE;
                    PrivateKey priv = KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(
                            n, e, d, p, q, d.mod(p.subtract(one)), d.mod(q.subtract(one)), iqmp));
                    return new KeyPair(pub, priv);
                }
                default -> {
                    if (!SshPublicKey.KEY_TYPES.contains(type)) {
                        throw new ProtocolException("unsupported private key type \"" + AgentProtocol.printable(type) + "\"");
                    }
                    byte[] identifier = r.readStringBytes();
                    byte[] q = r.readStringBytes();
                    BigInteger d = r.readPositiveMpint();
                    ECPublicKey pub = (ECPublicKey) SshPublicKey.decode(
                            pubBlob.writeString(identifier).writeString(q).toBytes()).jcaKey();
                    if (d.signum() == 0 || d.compareTo(pub.getParams().getOrder()) >= 0) {
                        throw new ProtocolException(type + " private scalar is out of range");
                    }
                    PrivateKey priv = KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, pub.getParams()));
                    return new KeyPair(pub, priv);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new ProtocolException(type + " private key rejected: " + e.getMessage());
        }
    }
}
