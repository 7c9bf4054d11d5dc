package org.amiko.ssh.transport.keys;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * Public key blobs (RFC 4253 §6.6, RFC 5656 §3.1, RFC 8709) and signature blobs from a peer:
 * decoding any blob, and verifying any signature blob against real keys of every type, is a
 * key, false, or a ProtocolException.
 */
class KeyBlobFuzzTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final List<SshPublicKey> KEYS = List.of(HostKey.generate("ssh-ed25519", RANDOM).publicKey(),
            HostKey.generate("ecdsa-sha2-nistp256", RANDOM).publicKey(), HostKey.generate("ecdsa-sha2-nistp384", RANDOM).publicKey(),
            HostKey.generate("ecdsa-sha2-nistp521", RANDOM).publicKey(), HostKey.generate("ssh-rsa", RANDOM).publicKey());

    @FuzzTest
    void publicKey(byte[] blob) {
        try {
            SshPublicKey key = SshPublicKey.decode(Bytes.of(blob));
            key.sha256Fingerprint();
            key.toString();
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }

    @FuzzTest
    void signature(FuzzedDataProvider data) {
        SshPublicKey key = KEYS.get(data.consumeInt(0, KEYS.size() - 1));
        List<SignatureAlgorithm> algorithms = java.util.Arrays.stream(SignatureAlgorithm.values())
                .filter(a -> a.keyType().equals(key.keyType())).toList();
        SignatureAlgorithm algorithm = algorithms.get(data.consumeInt(0, algorithms.size() - 1));
        byte[] signed = data.consumeBytes(64);
        try {
            algorithm.verify(key, signed, Bytes.of(data.consumeRemainingAsBytes()));
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }
}
