package org.amiko.ssh.transport.kex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.wire.SshWriter;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.EncapsulatedSecretExtractor;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMExtractor;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePrivateKeyParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimePublicKeyParameters;

/**
 * The post-quantum hybrids: a KEM combined with X25519 (sntrup761x25519-sha512,
 * draft-josefsson-ntruprime-ssh; mlkem768x25519-sha256, draft-kampanakis-curdle-ssh-pq-ke):
 *
 * <pre>
 *   Q_C = KEM public key || X25519 public value
 *   Q_S = KEM ciphertext || X25519 public value
 *   K   = HASH(KEM shared secret || X25519 shared secret), sent as a string, not an mpint
 * </pre>
 *
 * Bouncy Castle provides sntrup761 and ML-KEM-768.
 */
final class HybridKemAgreement implements EcdhShapedKex.Agreement {

    /** A key encapsulation mechanism, reduced to what the hybrid needs. */
    interface Kem {
        int publicKeyLength();

        int ciphertextLength();

        /** Makes a key pair; returns the encoded public key. */
        byte[] generate(SecureRandom random);

        /** Encapsulates to {@code publicKey}; returns {secret, ciphertext}. */
        byte[][] encapsulate(byte[] publicKey, SecureRandom random);

        /** Decapsulates with the key pair made by {@link #generate}. */
        byte[] decapsulate(byte[] ciphertext);
    }

    private final Kem kem;
    private final String digest;
    private final SecureRandom random;
    private final X25519Agreement x25519;

    HybridKemAgreement(Kem kem, String digest, SecureRandom random) {
        this.kem = kem;
        this.digest = digest;
        this.random = random;
        this.x25519 = new X25519Agreement(random);
    }

    @Override
    public byte[] clientPublic() {
        return concat(kem.generate(random), x25519.publicKey());
    }

    @Override
    public EcdhShapedKex.ServerShare serverShare(byte[] clientPublic) throws ProtocolException {
        int pkLength = kem.publicKeyLength();
        if (clientPublic.length != pkLength + X25519Agreement.SIZE) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "hybrid client value of "
                    + clientPublic.length + " bytes, expected " + (pkLength + X25519Agreement.SIZE));
        }
        byte[][] encapsulated;
        try {
            encapsulated = kem.encapsulate(Arrays.copyOf(clientPublic, pkLength), random);
        } catch (RuntimeException e) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "bad KEM public key: " + e.getMessage(), e);
        }
        byte[] classical = x25519.rawSecret(Arrays.copyOfRange(clientPublic, pkLength, clientPublic.length), 0);
        return new EcdhShapedKex.ServerShare(concat(encapsulated[1], x25519.publicKey()), combine(encapsulated[0], classical));
    }

    @Override
    public byte[] clientSecret(byte[] serverPublic) throws ProtocolException {
        int ctLength = kem.ciphertextLength();
        if (serverPublic.length != ctLength + X25519Agreement.SIZE) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "hybrid server value of "
                    + serverPublic.length + " bytes, expected " + (ctLength + X25519Agreement.SIZE));
        }
        byte[] pq;
        try {
            pq = kem.decapsulate(Arrays.copyOf(serverPublic, ctLength));
        } catch (RuntimeException e) {
            throw new ProtocolException(DisconnectReason.KEY_EXCHANGE_FAILED, "bad KEM ciphertext: " + e.getMessage(), e);
        }
        byte[] classical = x25519.rawSecret(Arrays.copyOfRange(serverPublic, ctLength, serverPublic.length), 0);
        return combine(pq, classical);
    }

    /** K = HASH(pq || classical), as a string. */
    private byte[] combine(byte[] pq, byte[] classical) {
        try {
            MessageDigest md = MessageDigest.getInstance(digest);
            md.update(pq);
            md.update(classical);
            byte[] k = md.digest();
            byte[] encoded = new SshWriter().writeString(k).toByteArray();
            Arrays.fill(pq, (byte) 0);
            Arrays.fill(classical, (byte) 0);
            Arrays.fill(k, (byte) 0);
            return encoded;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** ML-KEM-768 (FIPS 203): 1184-byte public keys, 1088-byte ciphertexts. */
    static final class MlKem768 implements Kem {
        private AsymmetricCipherKeyPair pair;

        @Override
        public int publicKeyLength() {
            return 1184;
        }

        @Override
        public int ciphertextLength() {
            return 1088;
        }

        @Override
        public byte[] generate(SecureRandom random) {
            MLKEMKeyPairGenerator g = new MLKEMKeyPairGenerator();
            g.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
            pair = g.generateKeyPair();
            return ((MLKEMPublicKeyParameters) pair.getPublic()).getEncoded();
        }

        @Override
        public byte[][] encapsulate(byte[] publicKey, SecureRandom random) {
            SecretWithEncapsulation s = new MLKEMGenerator(random)
                    .generateEncapsulated(new MLKEMPublicKeyParameters(MLKEMParameters.ml_kem_768, publicKey));
            return new byte[][] {s.getSecret(), s.getEncapsulation()};
        }

        @Override
        public byte[] decapsulate(byte[] ciphertext) {
            EncapsulatedSecretExtractor x = new MLKEMExtractor((MLKEMPrivateKeyParameters) pair.getPrivate());
            return x.extractSecret(ciphertext);
        }
    }

    /** Streamlined NTRU Prime sntrup761: 1158-byte public keys, 1039-byte ciphertexts. */
    static final class Sntrup761 implements Kem {
        private AsymmetricCipherKeyPair pair;

        @Override
        public int publicKeyLength() {
            return 1158;
        }

        @Override
        public int ciphertextLength() {
            return 1039;
        }

        @Override
        public byte[] generate(SecureRandom random) {
            SNTRUPrimeKeyPairGenerator g = new SNTRUPrimeKeyPairGenerator();
            g.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
            pair = g.generateKeyPair();
            return ((SNTRUPrimePublicKeyParameters) pair.getPublic()).getEncoded();
        }

        @Override
        public byte[][] encapsulate(byte[] publicKey, SecureRandom random) {
            SecretWithEncapsulation s = new SNTRUPrimeKEMGenerator(random)
                    .generateEncapsulated(new SNTRUPrimePublicKeyParameters(SNTRUPrimeParameters.sntrup761, publicKey));
            return new byte[][] {s.getSecret(), s.getEncapsulation()};
        }

        @Override
        public byte[] decapsulate(byte[] ciphertext) {
            return new SNTRUPrimeKEMExtractor((SNTRUPrimePrivateKeyParameters) pair.getPrivate()).extractSecret(ciphertext);
        }
    }
}
