package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fingerprints exactly as {@code ssh-keygen -l -E sha256} and {@code -E md5} print them. */
class FingerprintTest {

    @TempDir
    Path dir;

    @Test
    void sameAsSshKeygen() {
        TestKeys keys = new TestKeys(dir);
        for (TestKeys.Pub key : List.of(keys.ed25519("ed"), keys.get("ec256", KeyType.ECDSA_256), keys.get("ec384", KeyType.ECDSA_384),
                keys.get("ec521", KeyType.ECDSA_521), keys.rsa("rsa"))) {
            Path pub = SshKeygen.publicKeyFile(key.privateKey());
            assertEquals(field(SshKeygen.run(dir, "-l", "-E", "sha256", "-f", pub.toString())), Fingerprint.sha256(key.blob()), key.type());
            assertEquals(field(SshKeygen.run(dir, "-l", "-E", "md5", "-f", pub.toString())), Fingerprint.md5(key.blob()), key.type());
        }
    }

    @Test
    void knownAnswers() {
        byte[] empty = new byte[0];
        assertEquals("SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Fingerprint.sha256(empty), "no padding");
        assertEquals("MD5:d4:1d:8c:d9:8f:00:b2:04:e9:80:09:98:ec:f8:42:7e", Fingerprint.md5(empty));
    }

    private static String field(String sshKeygenLine) {
        return sshKeygenLine.strip().split(" ")[1];
    }
}
