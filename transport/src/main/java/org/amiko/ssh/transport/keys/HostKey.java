package org.amiko.ssh.transport.keys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * A server's host key: a key pair that signs the exchange hash (RFC 4253 §8). Immutable. The
 * private key never leaves this object except through the signatures it makes.
 */
public final class HostKey {

    /** RSA host keys amiko generates: ssh-keygen's default size. */
    public static final int RSA_BITS = 3072;

    private final SshPublicKey publicKey;
    private final PrivateKey privateKey;
    private final List<SignatureAlgorithm> algorithms;

    private HostKey(SshPublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.algorithms = algorithmsFor(publicKey.keyType());
    }

    /**
     * A fresh key pair of a key type: {@code ssh-ed25519}, {@code ecdsa-sha2-nistp256/384/521},
     * or {@code ssh-rsa} ({@value #RSA_BITS} bits).
     *
     * @throws IllegalArgumentException for any other key type
     */
    public static HostKey generate(String keyType, SecureRandom random) {
        return of(generateKeyPair(keyType, random));
    }

    /** A fresh JCA key pair of an SSH key type, as {@link #generate} makes (user keys too). */
    public static KeyPair generateKeyPair(String keyType, SecureRandom random) {
        try {
            KeyPairGenerator g;
            if (SshPublicKey.SSH_ED25519.equals(keyType)) {
                g = KeyPairGenerator.getInstance("Ed25519");
                g.initialize(255, random);
            } else if (SshPublicKey.SSH_RSA.equals(keyType)) {
                g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(RSA_BITS, RSAKeyGenParameterSpec.F4), random);
            } else {
                EcCurve curve = EcCurve.byKeyType(keyType)
                        .orElseThrow(() -> new IllegalArgumentException("cannot generate a key of type " + keyType));
                g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(curve.jcaName()), random);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate a " + keyType + " key", e);
        }
    }

    /**
     * A host key from a JCA key pair.
     *
     * @throws IllegalArgumentException if the public key is not one SSH uses (see {@link
     *     SshPublicKey#of}) or the private key does not belong to it
     */
    public static HostKey of(KeyPair pair) {
        SshPublicKey pub = SshPublicKey.of(pair.getPublic());
        HostKey key = new HostKey(pub, pair.getPrivate());
        // A trial signature: fails early if the private key is of another kind or another pair.
        SignatureAlgorithm algorithm = key.algorithms.get(0);
        byte[] probe = "amiko host key check".getBytes(StandardCharsets.US_ASCII);
        try {
            if (!algorithm.verify(pub, probe, algorithm.sign(pair.getPrivate(), probe))) {
                throw new IllegalArgumentException("the private key does not match the public key");
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("own signature unreadable", e);
        }
        return key;
    }

    private static List<SignatureAlgorithm> algorithmsFor(String keyType) {
        return switch (keyType) {
            case SshPublicKey.SSH_ED25519 -> List.of(SignatureAlgorithm.SSH_ED25519);
            case SshPublicKey.ECDSA_SHA2_NISTP256 -> List.of(SignatureAlgorithm.ECDSA_SHA2_NISTP256);
            case SshPublicKey.ECDSA_SHA2_NISTP384 -> List.of(SignatureAlgorithm.ECDSA_SHA2_NISTP384);
            case SshPublicKey.ECDSA_SHA2_NISTP521 -> List.of(SignatureAlgorithm.ECDSA_SHA2_NISTP521);
            // RFC 8332 §3: one RSA key serves all three, the SHA-2 ones preferred.
            case SshPublicKey.SSH_RSA -> List.of(SignatureAlgorithm.RSA_SHA2_512, SignatureAlgorithm.RSA_SHA2_256, SignatureAlgorithm.SSH_RSA);
            default -> throw new IllegalArgumentException("no signature algorithm for " + keyType);
        };
    }

    public SshPublicKey publicKey() {
        return publicKey;
    }

    /** The signature algorithms this key can sign with, most preferred first. */
    public List<SignatureAlgorithm> algorithms() {
        return algorithms;
    }

    /**
     * Signs data (the exchange hash) with one of {@link #algorithms()}.
     *
     * @throws IllegalArgumentException if the algorithm does not fit the key
     */
    public Bytes sign(SignatureAlgorithm algorithm, byte[] data) {
        if (!algorithms.contains(algorithm)) {
            throw new IllegalArgumentException(algorithm.wireName() + " does not fit a " + publicKey.keyType() + " host key");
        }
        return algorithm.sign(privateKey, data);
    }

    @Override
    public String toString() {
        return "HostKey[" + publicKey + "]";
    }
}
