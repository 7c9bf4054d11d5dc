package org.amiko.ssh.transport.kex;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.security.SecureRandom;
import java.util.List;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.message.KexInit;
import org.amiko.ssh.transport.message.TransportMessage;
import org.amiko.ssh.transport.testing.FuzzChecks;
import org.amiko.ssh.transport.testing.FuzzInput;

/**
 * Key exchange on hostile input: every method, in both roles, fed the fuzzer's method messages
 * (a real ECDH_INIT or GEX_REQUEST in the seeds, mutated); and negotiation against any peer
 * KEXINIT. Only typed exceptions may come out, and each method runs each step at most once.
 */
class KexFuzzTest {

    private static final List<String> METHODS = KexMethods.supportedNames();
    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Input: method index, role (even: client), the client's group bits as three u16, then the peer's messages as frames. */
    @FuzzTest
    void methodMessages(byte[] input) {
        FuzzInput in = new FuzzInput(input);
        String name = METHODS.get(in.pick(METHODS.size()));
        Role role = in.u8() % 2 == 0 ? Role.CLIENT : Role.SERVER;
        KexContext context = new KexContext(role, "SSH-2.0-client", "SSH-2.0-server", new byte[] {20}, new byte[] {20},
                RANDOM, role.isClient() ? null : HOST_KEY, SignatureAlgorithm.SSH_ED25519,
                new KexContext.GroupBits(in.u16(), in.u16(), in.u16()));
        KeyExchange method = KexMethods.find(name).orElseThrow().factory().apply(context);
        try {
            if (role.isClient()) {
                method.clientStart();
            }
            for (byte[] message : in.frames(3)) {
                method.receive(message);
            }
        } catch (SshException e) {
            FuzzChecks.expected(e);
        }
    }

    @FuzzTest
    void negotiation(byte[] peerKexInit) {
        KexInit ours = new KexInit(org.amiko.ssh.transport.wire.Bytes.of(new byte[16]), KexMethods.defaultNames(),
                SignatureAlgorithm.defaultNames(), List.of("aes128-gcm@openssh.com", "aes128-ctr"),
                List.of("aes128-gcm@openssh.com", "aes128-ctr"), List.of("hmac-sha2-256"), List.of("hmac-sha2-256"),
                List.of("none"), List.of("none"), List.of(), List.of(), false, 0);
        try {
            if (peerKexInit.length == 0 || !(TransportMessage.decode(peerKexInit) instanceof KexInit peer)) {
                return;
            }
            AlgorithmNegotiation.negotiate(ours, peer, true);
            AlgorithmNegotiation.negotiate(peer, ours, false);
            AlgorithmNegotiation.guessIsRight(peer, ours);
        } catch (SshException e) {
            FuzzChecks.expected(e);
        }
    }
}
