package org.amiko.ssh.transport.keys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * Test helper: the SSHSIG format of {@code ssh-keygen -Y sign} (OpenSSH PROTOCOL.sshsig), whose
 * inner signature is an ordinary SSH signature blob over a defined structure; a way to check our
 * signatures against OpenSSH's in both directions.
 */
record SshSig(Bytes publicKey, String namespace, String hashAlgorithm, Bytes signature) {

    private static final byte[] MAGIC = "SSHSIG".getBytes(StandardCharsets.US_ASCII);
    private static final String BEGIN = "-----BEGIN SSH SIGNATURE-----";
    private static final String END = "-----END SSH SIGNATURE-----";

    /** Reads the armored file: byte[6] "SSHSIG", uint32 1, string publickey, string namespace, string reserved, string hash_algorithm, string signature. */
    static SshSig parse(String armored) throws Exception {
        String body = armored.replace(BEGIN, "").replace(END, "").replaceAll("\\s", "");
        SshReader r = new SshReader(Base64.getDecoder().decode(body));
        if (!java.util.Arrays.equals(MAGIC, r.readRaw(6)) || r.readUint32() != 1) {
            throw new IllegalArgumentException("not an SSHSIG version 1");
        }
        Bytes key = r.readString();
        String namespace = r.readUtf8();
        r.readString();
        String hash = r.readUtf8();
        Bytes signature = r.readString();
        r.ensureEnd();
        return new SshSig(key, namespace, hash, signature);
    }

    /** The bytes the inner signature covers: byte[6] "SSHSIG", string namespace, string reserved, string hash_algorithm, string H(message). */
    static byte[] signedData(String namespace, String hashAlgorithm, byte[] message) throws Exception {
        String jca = switch (hashAlgorithm) {
            case "sha256" -> "SHA-256";
            case "sha512" -> "SHA-512";
            default -> throw new IllegalArgumentException(hashAlgorithm);
        };
        byte[] hash = MessageDigest.getInstance(jca).digest(message);
        return new SshWriter().writeRaw(MAGIC).writeUtf8(namespace).writeString(new byte[0])
                .writeUtf8(hashAlgorithm).writeString(hash).toByteArray();
    }

    /** The armored file, lines of 70 characters as OpenSSH writes them. */
    String armor() {
        byte[] blob = new SshWriter().writeRaw(MAGIC).writeUint32(1).writeString(publicKey).writeUtf8(namespace)
                .writeString(new byte[0]).writeUtf8(hashAlgorithm).writeString(signature).toByteArray();
        String b64 = Base64.getEncoder().encodeToString(blob);
        StringBuilder sb = new StringBuilder(BEGIN).append('\n');
        for (int i = 0; i < b64.length(); i += 70) {
            sb.append(b64, i, Math.min(b64.length(), i + 70)).append('\n');
        }
        return sb.append(END).append('\n').toString();
    }
}
