package org.amiko.ssh.transport.kex;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.wire.SecretBytes;

/**
 * RFC 4253 §7.2: keys from the shared secret K, the exchange hash H and the session id:
 * {@code K1 = HASH(K || H || X || session_id)}, {@code Kn = HASH(K || H || K1 || ... || Kn-1)},
 * where X is a letter: A and B the client-to-server and server-to-client IVs, C and D the
 * encryption keys, E and F the MAC keys. The only place the letters appear.
 */
public final class KeyDerivation {

    private KeyDerivation() {
    }

    /** One key of {@code length} bytes for letter {@code x}. {@code encodedSecret} is K in its wire form. */
    public static byte[] derive(String digest, byte[] encodedSecret, byte[] h, char x, byte[] sessionId, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance(digest);
            md.update(encodedSecret);
            md.update(h);
            md.update((byte) x);
            md.update(sessionId);
            byte[] out = md.digest();
            while (out.length < length) {
                md.update(encodedSecret);
                md.update(h);
                md.update(out);
                byte[] next = md.digest();
                byte[] longer = Arrays.copyOf(out, out.length + next.length);
                System.arraycopy(next, 0, longer, out.length, next.length);
                Arrays.fill(out, (byte) 0);
                Arrays.fill(next, (byte) 0);
                out = longer;
            }
            byte[] key = Arrays.copyOf(out, length);
            Arrays.fill(out, (byte) 0);
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is not available in this JDK", e);
        }
    }

    /** The keys for what {@code role} sends: client-to-server for a client (A, C, E), else B, D, F. */
    public static DirectionKeys outgoing(Role role, NegotiatedAlgorithms n, String digest, byte[] k, byte[] h, byte[] sessionId) {
        return role.isClient() ? clientToServer(n, digest, k, h, sessionId) : serverToClient(n, digest, k, h, sessionId);
    }

    /** The keys for what {@code role} receives. */
    public static DirectionKeys incoming(Role role, NegotiatedAlgorithms n, String digest, byte[] k, byte[] h, byte[] sessionId) {
        return role.isClient() ? serverToClient(n, digest, k, h, sessionId) : clientToServer(n, digest, k, h, sessionId);
    }

    private static DirectionKeys clientToServer(NegotiatedAlgorithms n, String digest, byte[] k, byte[] h, byte[] sid) {
        return keys(n.cipherClientToServer(), n.macClientToServer(), n.compressionClientToServer(), digest, k, h, sid, 'A', 'C', 'E');
    }

    private static DirectionKeys serverToClient(NegotiatedAlgorithms n, String digest, byte[] k, byte[] h, byte[] sid) {
        return keys(n.cipherServerToClient(), n.macServerToClient(), n.compressionServerToClient(), digest, k, h, sid, 'B', 'D', 'F');
    }

    private static DirectionKeys keys(String cipher, String mac, String compression, String digest,
                                      byte[] k, byte[] h, byte[] sid, char ivLetter, char keyLetter, char macLetter) {
        Ciphers.CipherAlgorithm c = Ciphers.find(cipher).orElseThrow();
        Macs.MacAlgorithm m = Macs.find(mac).orElseThrow();
        return new DirectionKeys(cipher, mac, compression,
                secret(derive(digest, k, h, keyLetter, sid, c.keyLength())),
                secret(derive(digest, k, h, ivLetter, sid, c.ivLength())),
                secret(derive(digest, k, h, macLetter, sid, c.aead() ? 0 : m.keyLength())));
    }

    private static SecretBytes secret(byte[] b) {
        SecretBytes s = SecretBytes.copyOf(b);
        Arrays.fill(b, (byte) 0);
        return s;
    }
}
