package org.amiko.ssh.transport.io;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;

/** RFC 4253 §4.2 identification lines from a peer, with and without preamble lines: a version, a ProtocolException or end of stream. */
class VersionExchangeFuzzTest {

    @FuzzTest
    void receive(FuzzedDataProvider data) throws Exception {
        boolean client = data.consumeBoolean();
        try {
            VersionExchange.PeerVersion v = VersionExchange.receive(new ByteArrayInputStream(data.consumeRemainingAsBytes()), client);
            v.softwareVersion();
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        } catch (EOFException e) {
            // the input ended first
        }
    }
}
