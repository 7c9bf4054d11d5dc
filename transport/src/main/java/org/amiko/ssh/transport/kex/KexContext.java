package org.amiko.ssh.transport.kex;

import java.security.SecureRandom;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;

/**
 * What a key exchange method needs from the transport: who we are, the four strings that open
 * the exchange hash, randomness, and on the server the host key that signs H.
 *
 * @param clientKexInit I_C, the exact payload of the client's KEXINIT
 * @param serverKexInit I_S
 * @param hostKey the server's host key (null on the client)
 * @param signatureAlgorithm the negotiated host key algorithm (the server signs H with it)
 * @param groupBits for diffie-hellman-group-exchange: the client's min, preferred and max group sizes
 */
public record KexContext(Role role,
                         String clientVersion,
                         String serverVersion,
                         byte[] clientKexInit,
                         byte[] serverKexInit,
                         SecureRandom random,
                         HostKey hostKey,
                         SignatureAlgorithm signatureAlgorithm,
                         GroupBits groupBits) {

    /** RFC 4419 §3 and RFC 8270: the group sizes a client asks for. */
    public record GroupBits(int min, int preferred, int max) {
        public static final GroupBits DEFAULT = new GroupBits(2048, 3072, 8192);
    }

    /** Starts H with V_C, V_S, I_C, I_S and K_S. */
    ExchangeHash exchangeHash(String digest, byte[] hostKeyBlob) {
        return new ExchangeHash(digest, clientVersion, serverVersion, clientKexInit, serverKexInit, hostKeyBlob);
    }
}
