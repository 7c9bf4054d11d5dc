package org.amiko.ssh.transport;

/**
 * The outcome of RFC 4253 §7.1 negotiation: one algorithm of each kind, plus OpenSSH's strict
 * key exchange and RFC 8308's extension negotiation flags. MACs are "none" under an AEAD cipher.
 */
public record NegotiatedAlgorithms(String kex,
                                   String hostKey,
                                   String cipherClientToServer,
                                   String cipherServerToClient,
                                   String macClientToServer,
                                   String macServerToClient,
                                   String compressionClientToServer,
                                   String compressionServerToClient,
                                   boolean strictKex,
                                   boolean clientWantsExtInfo) {

    @Override
    public String toString() {
        return "kex " + kex + ", host key " + hostKey
                + ", c2s " + cipherClientToServer + "/" + macClientToServer + "/" + compressionClientToServer
                + ", s2c " + cipherServerToClient + "/" + macServerToClient + "/" + compressionServerToClient
                + (strictKex ? ", strict kex" : "");
    }
}
