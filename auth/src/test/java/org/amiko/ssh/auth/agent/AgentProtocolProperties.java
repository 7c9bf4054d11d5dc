package org.amiko.ssh.auth.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.wire.Bytes;
import org.junit.jupiter.api.Test;

/**
 * QuickTheories properties of the agent protocol: requests and answers round trip, every
 * truncation is a {@link ProtocolException} and nothing else, and our agent answers any bytes at
 * all with a well-formed reply.
 */
class AgentProtocolProperties {

    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);

    private static final List<KeyType> CHEAP_TYPES = List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.ECDSA_521);

    @Test
    void signRequestsRoundTripAndEveryTruncationIsAProtocolError() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4096), integers().all(), longs().all())
                .checkAssert((length, flags, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    SshPublicKey key = TestKeys.publicKey(CHEAP_TYPES.get(rnd.nextInt(CHEAP_TYPES.size())));
                    byte[] data = new byte[length];
                    rnd.nextBytes(data);
                    byte[] request = AgentProtocol.signRequest(key, data, flags);
                    AgentProtocol.SignRequest decoded = decode(request);
                    assertEquals(key.blob(), decoded.keyBlob());
                    assertEquals(Bytes.of(data), decoded.data());
                    assertEquals(flags, decoded.flags());
                    int cut = 1 + rnd.nextInt(request.length - 1);
                    assertThrows(ProtocolException.class,
                            () -> AgentProtocol.decodeSignRequest(Arrays.copyOf(request, cut)));
                });
    }

    @Test
    void identitiesAnswersRoundTripAndEveryTruncationIsAProtocolError() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 6), longs().all()).checkAssert((count, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<AgentIdentity> identities = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                StringBuilder comment = new StringBuilder();
                int chars = rnd.nextInt(20);
                for (int c = 0; c < chars; c++) {
                    // printable ASCII or any character up to U+301F (below the surrogates)
                    comment.appendCodePoint(rnd.nextInt(4) == 0 ? 0x20 + rnd.nextInt(0x3000) : 'a' + rnd.nextInt(26));
                }
                identities.add(new AgentIdentity(TestKeys.publicKey(CHEAP_TYPES.get(rnd.nextInt(CHEAP_TYPES.size()))),
                        comment.toString()));
            }
            byte[] answer = AgentProtocol.identitiesAnswer(identities);
            try {
                assertEquals(identities, AgentProtocol.decodeIdentitiesAnswer(answer));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
            int cut = 1 + rnd.nextInt(answer.length - 1);
            assertThrows(ProtocolException.class, () -> AgentProtocol.decodeIdentitiesAnswer(Arrays.copyOf(answer, cut)));
        });
    }

    @Test
    void ourAgentAnswersAnyBytesWithAWellFormedReply() {
        InMemoryAgent agent = new InMemoryAgent();
        agent.add(TestKeys.pair(KeyType.ED25519), "fuzzed");
        byte[] valid = AgentProtocol.signRequest(TestKeys.publicKey(KeyType.ED25519), new byte[16], 0);
        int[] numbers = {11, 13, 17, 18, 19, 25, 27};
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 600), longs().all()).checkAssert((length, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            byte[] request;
            if (rnd.nextBoolean()) {
                // A valid sign request with one byte changed.
                request = valid.clone();
                request[rnd.nextInt(request.length)] ^= (byte) (1 + rnd.nextInt(255));
            } else {
                request = new byte[length];
                rnd.nextBytes(request);
                request[0] = (byte) (rnd.nextInt(4) == 0 ? rnd.nextInt(256) : numbers[rnd.nextInt(numbers.length)]);
            }
            byte[] reply = agent.answer(request);
            int number = reply[0] & 0xff;
            assertTrue(number == AgentProtocol.SSH_AGENT_FAILURE || number == AgentProtocol.SSH_AGENT_SUCCESS
                    || number == AgentProtocol.SSH_AGENT_SIGN_RESPONSE || number == AgentProtocol.SSH_AGENT_IDENTITIES_ANSWER,
                    "reply " + number);
            assertTrue(reply.length <= AgentProtocol.MAX_MESSAGE);
        });
        // Nothing sent could add a second key: a valid ADD_IDENTITY is beyond random bytes.
        assertTrue(agent.identities().size() <= 1);
    }

    private static AgentProtocol.SignRequest decode(byte[] request) {
        try {
            return AgentProtocol.decodeSignRequest(request);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }
}
