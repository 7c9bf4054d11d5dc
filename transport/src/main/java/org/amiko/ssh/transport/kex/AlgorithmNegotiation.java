package org.amiko.ssh.transport.kex;

import java.util.List;
import java.util.Set;
import org.amiko.ssh.transport.AlgorithmNegotiationException;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.message.KexInit;

/**
 * RFC 4253 §7.1: for each kind, the first algorithm on the client's list that the server also
 * lists. The pseudo-algorithms that only signal support (RFC 8308 ext-info, OpenSSH strict kex)
 * take no part in choosing the key exchange method.
 */
public final class AlgorithmNegotiation {

    /** RFC 8308 §2.1: the client can receive SSH_MSG_EXT_INFO. */
    public static final String EXT_INFO_C = "ext-info-c";
    /** RFC 8308 §2.1: the server can receive SSH_MSG_EXT_INFO. */
    public static final String EXT_INFO_S = "ext-info-s";
    /** OpenSSH PROTOCOL §1.10: strict key exchange, the Terrapin (CVE-2023-48795) countermeasure. */
    public static final String KEX_STRICT_C = "kex-strict-c-v00@openssh.com";
    public static final String KEX_STRICT_S = "kex-strict-s-v00@openssh.com";

    private static final Set<String> MARKERS = Set.of(EXT_INFO_C, EXT_INFO_S, KEX_STRICT_C, KEX_STRICT_S);

    private AlgorithmNegotiation() {
    }

    /**
     * Chooses the algorithms. {@code initial} is true for the first key exchange, the only one in
     * which the strict-kex and ext-info markers count.
     */
    public static NegotiatedAlgorithms negotiate(KexInit client, KexInit server, boolean initial)
            throws AlgorithmNegotiationException {
        String kex = choose("key exchange", withoutMarkers(client.kexAlgorithms()), withoutMarkers(server.kexAlgorithms()));
        String hostKey = choose("host key", client.hostKeyAlgorithms(), server.hostKeyAlgorithms());
        String cipherC2S = choose("client-to-server cipher", client.ciphersClientToServer(), server.ciphersClientToServer());
        String cipherS2C = choose("server-to-client cipher", client.ciphersServerToClient(), server.ciphersServerToClient());
        // OpenSSH PROTOCOL §1.6: an AEAD cipher carries its own MAC; the MAC lists are then not consulted.
        String macC2S = aead(cipherC2S) ? Macs.NONE
                : choose("client-to-server MAC", client.macsClientToServer(), server.macsClientToServer());
        String macS2C = aead(cipherS2C) ? Macs.NONE
                : choose("server-to-client MAC", client.macsServerToClient(), server.macsServerToClient());
        String compC2S = choose("client-to-server compression", client.compressionClientToServer(), server.compressionClientToServer());
        String compS2C = choose("server-to-client compression", client.compressionServerToClient(), server.compressionServerToClient());
        boolean strict = initial && client.kexAlgorithms().contains(KEX_STRICT_C) && server.kexAlgorithms().contains(KEX_STRICT_S);
        boolean extInfo = initial && client.kexAlgorithms().contains(EXT_INFO_C);
        return new NegotiatedAlgorithms(kex, hostKey, cipherC2S, cipherS2C, macC2S, macS2C, compC2S, compS2C, strict, extInfo);
    }

    /**
     * RFC 4253 §7: a guessed first key exchange packet was guessed right when both sides prefer
     * the same key exchange method and the same host key algorithm.
     */
    public static boolean guessIsRight(KexInit client, KexInit server) {
        List<String> ck = withoutMarkers(client.kexAlgorithms());
        List<String> sk = withoutMarkers(server.kexAlgorithms());
        return !ck.isEmpty() && !sk.isEmpty() && ck.get(0).equals(sk.get(0))
                && !client.hostKeyAlgorithms().isEmpty() && !server.hostKeyAlgorithms().isEmpty()
                && client.hostKeyAlgorithms().get(0).equals(server.hostKeyAlgorithms().get(0));
    }

    static String choose(String kind, List<String> client, List<String> server) throws AlgorithmNegotiationException {
        for (String name : client) {
            if (server.contains(name)) {
                return name;
            }
        }
        throw new AlgorithmNegotiationException(kind, client, server);
    }

    static List<String> withoutMarkers(List<String> names) {
        return names.stream().filter(n -> !MARKERS.contains(n)).toList();
    }

    private static boolean aead(String cipher) {
        return Ciphers.find(cipher).map(Ciphers.CipherAlgorithm::aead).orElse(false);
    }
}
