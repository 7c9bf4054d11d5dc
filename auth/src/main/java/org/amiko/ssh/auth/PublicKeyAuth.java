package org.amiko.ssh.auth;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.auth.keys.Signer;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthPkOk;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.auth.message.UserAuthSuccess;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * RFC 4252 §7 publickey: for each key in order, first ask whether the server would accept it
 * (no signature), and sign only when it says PK_OK. RSA keys sign with rsa-sha2-512 or -256
 * (RFC 8332) as the server's server-sig-algs allows; a server that sent no EXT_INFO is asked
 * with each in turn. ssh-rsa (SHA-1) is used only when {@code allowSha1Rsa}.
 */
public record PublicKeyAuth(List<Signer> signers, boolean allowSha1Rsa) implements AuthMethod {

    public PublicKeyAuth {
        signers = List.copyOf(signers);
    }

    public PublicKeyAuth(List<Signer> signers) {
        this(signers, false);
    }

    @Override
    public String name() {
        return "publickey";
    }

    @Override
    public UserAuthMessage attempt(AuthExchange ex) throws IOException {
        UserAuthMessage last = null;
        List<String> serverSigAlgs = ex.transport().serverSigAlgs();
        for (Signer signer : signers) {
            Bytes blob = signer.publicKey().blob();
            String who = signer.publicKey() + " from " + signer.description();
            List<SignatureAlgorithm> algorithms = candidates(signer, serverSigAlgs);
            if (algorithms.isEmpty()) {
                ex.tried("publickey " + who + ": no signature algorithm the server accepts (server-sig-algs " + serverSigAlgs + ")");
                continue;
            }
            for (SignatureAlgorithm alg : algorithms) {
                UserAuthMessage answer = ex.request(new UserAuthRequest.PublicKey(alg.wireName(), blob, null));
                if (answer instanceof UserAuthPkOk) {
                    byte[] signed = UserAuthRequest.publicKeySignedData(ex.transport().sessionId(), ex.user(), ex.service(),
                            alg.wireName(), blob);
                    UserAuthMessage result = ex.request(new UserAuthRequest.PublicKey(alg.wireName(), blob, signer.sign(alg, signed)));
                    ex.tried("publickey " + alg.wireName() + " " + who + ": " + describe(result));
                    if (result instanceof UserAuthSuccess || result instanceof UserAuthFailure f && f.partialSuccess()) {
                        return result;
                    }
                    last = result;
                    break;
                }
                if (answer instanceof UserAuthSuccess) {
                    return answer;
                }
                ex.tried("publickey " + alg.wireName() + " " + who + ": refused");
                last = answer;
            }
        }
        return last != null ? last : new UserAuthFailure(List.of(name()), false);
    }

    private List<SignatureAlgorithm> candidates(Signer signer, List<String> serverSigAlgs) {
        List<SignatureAlgorithm> out = new ArrayList<>();
        for (SignatureAlgorithm a : signer.algorithms()) {
            if (a.legacy() && !allowSha1Rsa) {
                continue;
            }
            // RFC 8308 §3.1: only what the server lists; without EXT_INFO, each is asked in turn.
            if (!a.keyType().equals("ssh-rsa") || serverSigAlgs.isEmpty() || serverSigAlgs.contains(a.wireName())) {
                out.add(a);
            }
            if (!a.keyType().equals("ssh-rsa") && !out.isEmpty()) {
                break; // one algorithm per non-RSA key
            }
        }
        return out;
    }

    static String describe(UserAuthMessage m) {
        if (m instanceof UserAuthSuccess) {
            return "accepted";
        }
        if (m instanceof UserAuthFailure f) {
            return f.partialSuccess() ? "accepted, more methods required" : "refused";
        }
        return "unexpected " + m;
    }
}
