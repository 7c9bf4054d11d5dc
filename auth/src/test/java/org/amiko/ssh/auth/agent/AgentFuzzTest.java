package org.amiko.ssh.auth.agent;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.SecureRandom;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.testing.FuzzChecks;

/**
 * The agent protocol (draft-miller-ssh-agent) both ways: any reply an agent might send decoded by
 * our client, and any byte stream a client might send served by our in-memory agent, which must
 * answer every frame with a well-formed reply or stop, never throw anything but an IOException.
 */
class AgentFuzzTest {

    private static final InMemoryAgent AGENT = new InMemoryAgent();

    static {
        AGENT.add(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "fuzz");
    }

    @FuzzTest
    void replies(byte[] payload) {
        try {
            AgentProtocol.decodeIdentitiesAnswer(payload);
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
        try {
            AgentProtocol.decodeSignResponse(payload);
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        }
        try {
            AgentProtocol.readFrame(new ByteArrayInputStream(payload));
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        } catch (IOException e) {
            // end of stream before a whole frame
        }
    }

    @FuzzTest
    void requests(byte[] stream) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            AGENT.serve(new ByteArrayInputStream(stream), out);
        } catch (ProtocolException e) {
            FuzzChecks.expected(e);
        } catch (IOException e) {
            // the stream ended in the middle of a frame
        }
        // every reply is a whole frame with a known answer number
        try {
            ByteArrayInputStream replies = new ByteArrayInputStream(out.toByteArray());
            while (replies.available() > 0) {
                byte[] reply = AgentProtocol.readFrame(replies);
                int n = reply[0] & 0xff;
                if (n != AgentProtocol.SSH_AGENT_FAILURE && n != AgentProtocol.SSH_AGENT_SUCCESS
                        && n != AgentProtocol.SSH_AGENT_IDENTITIES_ANSWER && n != AgentProtocol.SSH_AGENT_SIGN_RESPONSE
                        && n != AgentProtocol.SSH_AGENT_EXTENSION_FAILURE) {
                    throw new AssertionError("the agent answered with message " + n);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("the agent wrote a malformed reply", e);
        }
    }
}
