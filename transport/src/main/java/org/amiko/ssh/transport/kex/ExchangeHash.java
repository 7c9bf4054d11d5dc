package org.amiko.ssh.transport.kex;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * The exchange hash H (RFC 4253 §8, RFC 5656 §4, RFC 4419 §3, RFC 8731 §3): the hash of a string
 * that starts with V_C, V_S, I_C, I_S and K_S, continues with the method's own values, and ends
 * with the shared secret K. The first H of a connection is its session identifier.
 */
public final class ExchangeHash {

    private final String digest;
    private final SshWriter input = new SshWriter(4096);

    /**
     * Starts H with the fields every method shares.
     *
     * @param digest the JCA name of the method's hash ("SHA-256", "SHA-384", "SHA-512")
     * @param clientVersion V_C, the client's identification line without CR LF
     * @param serverVersion V_S
     * @param clientKexInit I_C, the payload of the client's SSH_MSG_KEXINIT
     * @param serverKexInit I_S
     * @param hostKey K_S, the server's public host key blob
     */
    public ExchangeHash(String digest, String clientVersion, String serverVersion,
                        byte[] clientKexInit, byte[] serverKexInit, byte[] hostKey) {
        this.digest = digest;
        input.writeUtf8(clientVersion).writeUtf8(serverVersion)
                .writeString(clientKexInit).writeString(serverKexInit)
                .writeString(hostKey);
    }

    public ExchangeHash string(byte[] v) {
        input.writeString(v);
        return this;
    }

    public ExchangeHash mpint(BigInteger v) {
        input.writeMpint(v);
        return this;
    }

    public ExchangeHash uint32(long v) {
        input.writeUint32(v);
        return this;
    }

    /** Appends the shared secret, already in its wire form (mpint or string), and hashes. */
    public byte[] finish(byte[] encodedSecret) {
        input.writeRaw(encodedSecret);
        return hash(digest, input.array(), input.size());
    }

    static byte[] hash(String digest, byte[] data, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance(digest);
            md.update(data, 0, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(digest + " is not available in this JDK", e);
        }
    }
}
