package org.amiko.ssh.transport.keys;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * Signature algorithms of SSH (RFC 4253 §6.6, RFC 5656 §3.1.2, RFC 8332, RFC 8709 §6). Every
 * signature blob is {@code string algorithm-name, string signature}; the second string's layout
 * depends on the family.
 */
public enum SignatureAlgorithm {
    SSH_ED25519("ssh-ed25519", SshPublicKey.SSH_ED25519, "Ed25519", null),
    ECDSA_SHA2_NISTP256("ecdsa-sha2-nistp256", SshPublicKey.ECDSA_SHA2_NISTP256, null, EcCurve.NISTP256),
    ECDSA_SHA2_NISTP384("ecdsa-sha2-nistp384", SshPublicKey.ECDSA_SHA2_NISTP384, null, EcCurve.NISTP384),
    ECDSA_SHA2_NISTP521("ecdsa-sha2-nistp521", SshPublicKey.ECDSA_SHA2_NISTP521, null, EcCurve.NISTP521),
    RSA_SHA2_512("rsa-sha2-512", SshPublicKey.SSH_RSA, "SHA512withRSA", null),
    RSA_SHA2_256("rsa-sha2-256", SshPublicKey.SSH_RSA, "SHA256withRSA", null),
    SSH_RSA("ssh-rsa", SshPublicKey.SSH_RSA, "SHA1withRSA", null);

    private final String wireName;
    private final String keyType;
    private final String jcaName;
    private final EcCurve curve;

    SignatureAlgorithm(String wireName, String keyType, String jcaName, EcCurve curve) {
        this.wireName = wireName;
        this.keyType = keyType;
        this.jcaName = curve != null ? curve.signatureJcaName() : jcaName;
        this.curve = curve;
    }

    public String wireName() {
        return wireName;
    }

    /** The key type it works with: the rsa-sha2-* algorithms use {@code ssh-rsa} keys (RFC 8332 §3). */
    public String keyType() {
        return keyType;
    }

    /** True only for {@code ssh-rsa} (SHA-1): supported, never offered by default. */
    public boolean legacy() {
        return this == SSH_RSA;
    }

    public static Optional<SignatureAlgorithm> find(String wireName) {
        return Arrays.stream(values()).filter(a -> a.wireName.equals(wireName)).findFirst();
    }

    /** OpenSSH 9.x HostKeyAlgorithms order, certificates left out: no SHA-1. */
    public static List<String> defaultNames() {
        return Arrays.stream(values()).filter(a -> !a.legacy()).map(SignatureAlgorithm::wireName).toList();
    }

    /** The defaults, then {@code ssh-rsa} last. */
    public static List<String> supportedNames() {
        return Arrays.stream(values()).map(SignatureAlgorithm::wireName).toList();
    }

    /**
     * Verifies an SSH signature blob ({@code string algorithm-name, string signature}) over data.
     *
     * @return false when the signature does not match
     * @throws ProtocolException when the blob is malformed, names another algorithm than this one,
     *     or the key is of another type than this algorithm's
     */
    public boolean verify(SshPublicKey key, byte[] data, Bytes signatureBlob) throws ProtocolException {
        if (!keyType.equals(key.keyType())) {
            throw new ProtocolException(wireName + " cannot verify with a " + key.keyType() + " key");
        }
        SshReader r = SshReader.of(signatureBlob);
        String name = r.readUtf8();
        if (!wireName.equals(name)) {
            throw new ProtocolException("expected a " + wireName + " signature, got another algorithm");
        }
        byte[] body = r.readStringBytes();
        r.ensureEnd();
        byte[] jcaSignature = toJca(key, body);
        if (jcaSignature == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(jcaName);
            s.initVerify(key.jcaKey());
            s.update(data);
            return s.verify(jcaSignature);
        } catch (SignatureException e) {
            // The JCA throws rather than answers false for some values it cannot use.
            return false;
        } catch (InvalidKeyException e) {
            throw new ProtocolException(key.keyType() + " key rejected by the JCA: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " is not available in this JDK", e);
        }
    }

    /** The JCA form of the signature body, or null when it cannot be a valid signature. */
    private byte[] toJca(SshPublicKey key, byte[] body) throws ProtocolException {
        if (curve != null) {
            return EcdsaSignatures.toJca(curve, body);
        }
        if (this == SSH_ED25519) {
            // RFC 8709 §6: the 64-byte signature of RFC 8032 §5.1.6.
            if (body.length != Ed25519Keys.SIGNATURE_LENGTH) {
                throw new ProtocolException("ssh-ed25519 signature is " + body.length + " bytes");
            }
            return body;
        }
        // RFC 8332 §3: s is as long as the modulus; like OpenSSH, accept a shorter one, left-padded.
        int modulusBytes = RsaKeys.modulusBytes(((RSAPublicKey) key.jcaKey()).getModulus());
        if (body.length > modulusBytes) {
            throw new ProtocolException(wireName + " signature is longer than the modulus");
        }
        return FixedWidth.leftPad(body, modulusBytes);
    }

    /**
     * Signs data, returning the SSH signature blob.
     *
     * @throws IllegalArgumentException if the key is not one this algorithm signs with
     */
    public Bytes sign(PrivateKey key, byte[] data) {
        checkFits(key);
        byte[] raw;
        try {
            Signature s = Signature.getInstance(jcaName);
            s.initSign(key);
            s.update(data);
            raw = s.sign();
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(wireName + " cannot sign with this key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(jcaName + " failed", e);
        }
        byte[] body = curve != null ? EcdsaSignatures.toSsh(curve, raw) : raw;
        return new SshWriter(body.length + 32).writeUtf8(wireName).writeString(body).toBytes();
    }

    private void checkFits(Key key) {
        boolean fits;
        if (curve != null) {
            fits = key instanceof ECKey ec ? EcCurve.byParams(ec.getParams()).orElse(null) == curve
                    : "EC".equalsIgnoreCase(key.getAlgorithm());
        } else if (this == SSH_ED25519) {
            fits = Ed25519Keys.isEd25519(key);
        } else {
            fits = key instanceof RSAKey || "RSA".equalsIgnoreCase(key.getAlgorithm());
        }
        if (!fits) {
            throw new IllegalArgumentException(wireName + " cannot sign with a " + key.getAlgorithm() + " key");
        }
    }
}
