package org.amiko.ssh.auth.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;

/** Every user authentication message (RFC 4252, RFC 4256) from any payload, in every method's context: a record or a ProtocolException. */
class UserAuthMessageFuzzTest {

    private static final String[] CONTEXTS = {null, "publickey", "password", "keyboard-interactive", "none"};

    @FuzzTest
    void decode(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        for (String method : CONTEXTS) {
            try {
                UserAuthMessage m = UserAuthMessage.decode(payload, method);
                m.toString();
                if (m instanceof UserAuthRequest r && r.method() instanceof UserAuthRequest.PublicKey pk) {
                    UserAuthRequest.publicKeySignedData(new byte[32], r.user(), r.service(), pk.algorithm(), pk.keyBlob());
                }
            } catch (ProtocolException e) {
                FuzzChecks.expected(e);
            }
        }
    }
}
