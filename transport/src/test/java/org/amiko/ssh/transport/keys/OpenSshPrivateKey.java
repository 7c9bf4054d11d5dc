package org.amiko.ssh.transport.keys;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.amiko.ssh.transport.wire.SshReader;

/**
 * Test helper: the Ed25519 private key of an unencrypted {@code openssh-key-v1} file (OpenSSH
 * PROTOCOL.key). OpenSSH 9.2's {@code ssh-keygen -p -m PKCS8} leaves Ed25519 keys in this format.
 */
final class OpenSshPrivateKey {

    private static final byte[] MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private OpenSshPrivateKey() {
    }

    static PrivateKey ed25519(String pem) throws Exception {
        String body = pem.replace("-----BEGIN OPENSSH PRIVATE KEY-----", "")
                .replace("-----END OPENSSH PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] bytes = Base64.getDecoder().decode(body);
        if (!Arrays.equals(MAGIC, Arrays.copyOf(bytes, MAGIC.length))) {
            throw new IllegalArgumentException("not an openssh-key-v1 file");
        }
        SshReader r = new SshReader(bytes, MAGIC.length, bytes.length - MAGIC.length);
        if (!r.readUtf8().equals("none") || !r.readUtf8().equals("none")) {
            throw new IllegalArgumentException("encrypted key");
        }
        r.readString();                      // kdf options
        if (r.readUint32() != 1) {
            throw new IllegalArgumentException("not exactly one key");
        }
        r.readString();                      // public key blob
        SshReader p = new SshReader(r.readStringBytes());
        if (p.readUint32() != p.readUint32()) {
            throw new IllegalArgumentException("check integers differ");
        }
        if (!p.readUtf8().equals("ssh-ed25519")) {
            throw new IllegalArgumentException("not an Ed25519 key");
        }
        p.readString();                      // public key (32 bytes)
        byte[] secret = p.readStringBytes(); // seed (32 bytes) || public key (32 bytes)
        return KeyFactory.getInstance("Ed25519").generatePrivate(
                new EdECPrivateKeySpec(NamedParameterSpec.ED25519, Arrays.copyOf(secret, 32)));
    }
}
