package org.amiko.ssh.transport.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.SshKeygen;

/**
 * Interoperability with OpenSSH's {@code ssh-keygen} (package openssh-client): its public keys
 * decode and re-encode byte for byte with the same fingerprint; its SSHSIG signatures verify with
 * our code; its private keys sign with our code, and {@code ssh-keygen -Y check-novalidate} accepts
 * those signatures.
 */
class SshKeygenInteropTest {

    private static final String NAMESPACE = "amiko-test";

    static Stream<Arguments> keyTypes() {
        return Stream.of(
                Arguments.of(List.of("-t", "ed25519"), "ssh-ed25519"),
                Arguments.of(List.of("-t", "ecdsa", "-b", "256"), "ecdsa-sha2-nistp256"),
                Arguments.of(List.of("-t", "ecdsa", "-b", "384"), "ecdsa-sha2-nistp384"),
                Arguments.of(List.of("-t", "ecdsa", "-b", "521"), "ecdsa-sha2-nistp521"),
                Arguments.of(List.of("-t", "rsa", "-b", "3072"), "ssh-rsa"),
                Arguments.of(List.of("-t", "rsa", "-b", "1024"), "ssh-rsa"));
    }

    private static Path generate(Path dir, List<String> typeArgs) {
        Stream<String> args = Stream.concat(typeArgs.stream(), Stream.of("-N", "", "-C", "amiko", "-f", "key", "-q"));
        SshKeygen.run(dir, args.toArray(String[]::new));
        return dir.resolve("key");
    }

    private static SshPublicKey readPub(Path pubFile, String keyType) throws Exception {
        String[] fields = Files.readString(pubFile, StandardCharsets.US_ASCII).trim().split(" ");
        assertEquals(keyType, fields[0]);
        Bytes blob = Bytes.of(Base64.getDecoder().decode(fields[1]));
        SshPublicKey key = SshPublicKey.decode(blob);
        assertEquals(keyType, key.keyType());
        assertEquals(blob, key.blob());
        return key;
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("keyTypes")
    void publicKeyRoundTripsWithTheSameFingerprint(List<String> typeArgs, String keyType, @TempDir Path dir) throws Exception {
        Path file = generate(dir, typeArgs);
        SshPublicKey key = readPub(dir.resolve("key.pub"), keyType);
        assertEquals(key.blob(), SshPublicKey.of(key.jcaKey()).blob(), "re-encoding the JCA key gives the same blob");
        // "256 SHA256:... amiko (ED25519)"
        String line = SshKeygen.run(dir, "-l", "-E", "sha256", "-f", file.getFileName() + ".pub").trim();
        assertEquals(line.split(" ")[1], key.sha256Fingerprint(), line);
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("keyTypes")
    void ourCodeVerifiesSignaturesMadeBySshKeygen(List<String> typeArgs, String keyType, @TempDir Path dir) throws Exception {
        generate(dir, typeArgs);
        SshPublicKey key = readPub(dir.resolve("key.pub"), keyType);
        byte[] message = randomBytes(1000, keyType.hashCode());
        Files.write(dir.resolve("message"), message);
        SshKeygen.run(dir, "-Y", "sign", "-f", "key", "-n", NAMESPACE, "message");
        SshSig sig = SshSig.parse(Files.readString(dir.resolve("message.sig"), StandardCharsets.US_ASCII));
        assertEquals(key.blob(), sig.publicKey());

        String algorithmName = org.amiko.ssh.transport.wire.SshReader.of(sig.signature()).readUtf8();
        SignatureAlgorithm algorithm = SignatureAlgorithm.find(algorithmName).orElseThrow();
        assertEquals(keyType, algorithm.keyType());
        byte[] signed = SshSig.signedData(NAMESPACE, sig.hashAlgorithm(), message);
        assertTrue(algorithm.verify(key, signed, sig.signature()), "OpenSSH's " + algorithmName + " signature verifies");
        message[17] ^= 4;
        assertFalse(algorithm.verify(key, SshSig.signedData(NAMESPACE, sig.hashAlgorithm(), message), sig.signature()));
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("keyTypes")
    void sshKeygenVerifiesSignaturesMadeByOurCode(List<String> typeArgs, String keyType, @TempDir Path dir) throws Exception {
        Path file = generate(dir, typeArgs);
        SshPublicKey key = readPub(dir.resolve("key.pub"), keyType);
        HostKey hostKey = HostKey.of(new KeyPair(key.jcaKey(), loadPrivate(dir, file, keyType)));
        assertEquals(key, hostKey.publicKey());

        byte[] message = randomBytes(777, keyType.hashCode() + 1);
        Path messageFile = Files.write(dir.resolve("message"), message);
        for (SignatureAlgorithm algorithm : hostKey.algorithms()) {
            for (String hash : List.of("sha256", "sha512")) {
                byte[] signed = SshSig.signedData(NAMESPACE, hash, message);
                Bytes signature = hostKey.sign(algorithm, signed);
                assertTrue(algorithm.verify(key, signed, signature), algorithm + " round trip");
                if (algorithm.legacy()) {
                    continue; // SSHSIG refuses SHA-1 ssh-rsa signatures by design
                }
                Path sigFile = dir.resolve("ours-" + algorithm.wireName() + "-" + hash + ".sig");
                Files.writeString(sigFile, new SshSig(key.blob(), NAMESPACE, hash, signature).armor(), StandardCharsets.US_ASCII);
                Command.Result r = SshKeygen.runWithInput(dir, messageFile,
                        "-Y", "check-novalidate", "-n", NAMESPACE, "-s", sigFile.getFileName().toString());
                assertEquals(0, r.exitCode(), algorithm + "/" + hash + " refused by ssh-keygen: " + r.stdout() + r.stderr());
                // And the check is not vacuous: ssh-keygen refuses the same signature over other data.
                Path other = Files.write(dir.resolve("other"), "other".getBytes(StandardCharsets.US_ASCII));
                Command.Result refused = SshKeygen.runWithInput(dir, other,
                        "-Y", "check-novalidate", "-n", NAMESPACE, "-s", sigFile.getFileName().toString());
                assertTrue(refused.exitCode() != 0, "ssh-keygen accepted a signature over other data");
            }
        }
    }

    /**
     * The private key through the JCA: {@code ssh-keygen -p -m PKCS8} converts ECDSA and RSA keys
     * to PKCS#8 PEM in place; OpenSSH 9.2 keeps Ed25519 keys in its own format, read directly.
     */
    private static PrivateKey loadPrivate(Path dir, Path file, String keyType) throws Exception {
        SshKeygen.run(dir, "-p", "-m", "PKCS8", "-N", "", "-f", file.getFileName().toString());
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (pem.contains("BEGIN OPENSSH PRIVATE KEY")) {
            assertEquals("ssh-ed25519", keyType, "only Ed25519 should stay in OpenSSH format");
            return OpenSshPrivateKey.ed25519(pem);
        }
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
        String algorithm = keyType.startsWith("ecdsa") ? "EC" : keyType.equals("ssh-rsa") ? "RSA" : "Ed25519";
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
