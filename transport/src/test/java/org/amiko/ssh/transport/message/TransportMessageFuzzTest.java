package org.amiko.ssh.transport.message;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;

/** Every transport message (RFC 4253 §7.1, §10, §11; RFC 8308) decoded from any payload: a record or a ProtocolException. */
class TransportMessageFuzzTest {

    @FuzzTest
    void decode(byte[] payload) {
        if (payload.length == 0) {
            return;
        }
        try {
            TransportMessage m = TransportMessage.decode(payload);
            if (m instanceof ExtInfo e) {
                e.serverSigAlgs();
            }
            m.toString();
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
    }
}
