package org.amiko.ssh.transport.keys;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.testing.FuzzInput;
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

    /**
     * Input: key index, algorithm index, then the signature body. The harness wraps the body as
     * {@code string algorithm, string body} (mostly with the algorithm's own name, sometimes the
     * body is the whole blob), so the fuzzer spends its time in each family's body decoding
     * (ECDSA's r and s, RSA's padding, Ed25519's length) rather than guessing names.
     */
    @FuzzTest
    void signature(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        SshPublicKey key = KEYS.get(in.pick(KEYS.size()));
        SignatureAlgorithm[] all = SignatureAlgorithm.values();
        SignatureAlgorithm algorithm = all[in.pick(all.length)];
        boolean raw = in.u8() % 8 == 0;
        byte[] body = in.frame();
        byte[] blob = raw ? body : new org.amiko.ssh.transport.wire.SshWriter().writeUtf8(algorithm.wireName())
                .writeString(body).toByteArray();
        try {
            algorithm.verify(key, "signed data".getBytes(java.nio.charset.StandardCharsets.US_ASCII), Bytes.of(blob));
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }
}
