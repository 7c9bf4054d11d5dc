package org.amiko.ssh.transport.kex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.amiko.ssh.transport.NegotiatedAlgorithms;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.kex.KexState.Disposition;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.packet.DirectionKeys;
import org.amiko.ssh.transport.wire.SecretBytes;
import org.junit.jupiter.api.Test;

/**
 * Every state of the key exchange against every message number 1-255, in the first exchange and
 * in a re-exchange, with and without strict kex: each state takes exactly the one message it is
 * named for, and a kex message it is not waiting for is always refused.
 */
class KexStateTest {

    private static final HostKey HOST_KEY = HostKey.generate("ssh-ed25519", new SecureRandom());
    private static final NegotiatedAlgorithms NEGOTIATED = new NegotiatedAlgorithms(KexMethods.CURVE25519_SHA256, "ssh-ed25519",
            "aes128-ctr", "aes128-ctr", "hmac-sha2-256", "hmac-sha2-256", "none", "none", true, true);

    private static KeyExchange method(String kex, Role role) {
        KexContext context = new KexContext(role, "SSH-2.0-a", "SSH-2.0-b", new byte[] {20}, new byte[] {20}, new SecureRandom(),
                role.isClient() ? null : HOST_KEY, SignatureAlgorithm.find("ssh-ed25519").orElseThrow(), KexContext.GroupBits.DEFAULT);
        return KexMethods.find(kex).orElseThrow().factory().apply(context);
    }

    private static KexState.AwaitingMethodMessage awaiting(String kex, Role role, boolean skipGuess) {
        KeyExchange m = method(kex, role);
        if (role.isClient()) {
            try {
                m.clientStart();
            } catch (org.amiko.ssh.transport.SshException e) {
                throw new AssertionError(e);
            }
        }
        return new KexState.AwaitingMethodMessage(new KexState.Exchange(new byte[] {20}, new byte[] {20}, NEGOTIATED), m, skipGuess);
    }

    private static DirectionKeys keys() {
        SecretBytes none = SecretBytes.copyOf(new byte[16]);
        return new DirectionKeys("aes128-ctr", "hmac-sha2-256", "none", none, none, SecretBytes.copyOf(new byte[32]));
    }

    /** Each state, and the one message number it takes as its next step (all of 30-49 for a skipped guess). */
    private static Map<KexState, Set<Integer>> states() {
        Map<KexState, Set<Integer>> m = new LinkedHashMap<>();
        m.put(new KexState.Idle(), Set.of(20));
        m.put(new KexState.AwaitingKexInit(new byte[] {20}, 0), Set.of(20));
        m.put(awaiting(KexMethods.CURVE25519_SHA256, Role.CLIENT, false), Set.of(31));
        m.put(awaiting(KexMethods.CURVE25519_SHA256, Role.SERVER, false), Set.of(30));
        m.put(awaiting(KexMethods.ECDH_NISTP384, Role.CLIENT, false), Set.of(31));
        m.put(awaiting(KexMethods.DH_GROUP14_SHA256, Role.SERVER, false), Set.of(30));
        m.put(awaiting(KexMethods.DH_GEX_SHA256, Role.CLIENT, false), Set.of(31));
        m.put(awaiting(KexMethods.DH_GEX_SHA256, Role.SERVER, false), Set.of(34));
        m.put(awaiting(KexMethods.MLKEM768_X25519_SHA256, Role.CLIENT, false), Set.of(31));
        Set<Integer> all = new java.util.HashSet<>();
        for (int i = 30; i <= 49; i++) {
            all.add(i);
        }
        m.put(awaiting(KexMethods.CURVE25519_SHA256, Role.SERVER, true), all);
        m.put(new KexState.AwaitingNewKeys(new KexState.Exchange(new byte[] {20}, new byte[] {20}, NEGOTIATED), keys()), Set.of(21));
        return m;
    }

    @Test
    void everyStateAgainstEveryMessageNumber() {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<KexState, Set<Integer>> e : states().entrySet()) {
            KexState state = e.getKey();
            boolean peerInKex = state instanceof KexState.AwaitingMethodMessage || state instanceof KexState.AwaitingNewKeys;
            for (boolean initialDone : new boolean[] {false, true}) {
                for (boolean strict : new boolean[] {false, true}) {
                    for (int id = 1; id <= 255; id++) {
                        Disposition expected = expected(e.getValue(), peerInKex, initialDone, strict, id);
                        Disposition got = KexState.disposition(state, id, initialDone, strict);
                        if (got != expected) {
                            wrong.add(state.getClass().getSimpleName() + " awaiting " + state.awaiting() + ", initialDone="
                                    + initialDone + ", strict=" + strict + ", message " + id + ": " + got + " instead of " + expected);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The rules, written as the table RFC 4253 §7.1 and §11, RFC 8308 and OpenSSH PROTOCOL §1.10 give. */
    private static Disposition expected(Set<Integer> step, boolean peerInKex, boolean initialDone, boolean strict, int id) {
        boolean kexNumber = id == 20 || id == 21 || (id >= 30 && id <= 49);
        if (id == 1) {
            return Disposition.GENERIC;                       // DISCONNECT: always heard
        }
        if (kexNumber) {
            return step.contains(id) ? Disposition.STEP : Disposition.REFUSE;
        }
        if (strict && !initialDone) {
            return Disposition.REFUSE;                        // nothing else during the strict first exchange
        }
        if (id == 2 || id == 3 || id == 4) {
            return Disposition.GENERIC;                       // IGNORE, UNIMPLEMENTED, DEBUG
        }
        if (id == 5 || id == 6 || id == 7 || id >= 50) {
            if (!initialDone || peerInKex) {
                return Disposition.REFUSE;
            }
            return id == 7 ? Disposition.EXT_INFO : Disposition.UPPER;
        }
        return Disposition.UNKNOWN;                           // 8-19, 22-29
    }

    @Test
    void eachStateButTheSkippedGuessTakesExactlyOneMessage() {
        for (KexState state : states().keySet()) {
            long steps = java.util.stream.IntStream.rangeClosed(1, 255)
                    .filter(id -> KexState.disposition(state, id, true, false) == Disposition.STEP).count();
            boolean skipping = state instanceof KexState.AwaitingMethodMessage m && m.skipGuess();
            assertEquals(skipping ? 20 : 1, steps, state.awaiting());
        }
    }

    @Test
    void afterOurNewKeysNoMethodMessageIsTaken() {
        KexState s = new KexState.AwaitingNewKeys(new KexState.Exchange(new byte[] {20}, new byte[] {20}, NEGOTIATED), keys());
        assertTrue(s.peerInKex());
        assertFalse(s.holdsOutgoing(), "our NEWKEYS is out: the layers above may send again");
        for (int id = 30; id <= 49; id++) {
            assertEquals(Disposition.REFUSE, KexState.disposition(s, id, true, false));
            assertEquals(Disposition.REFUSE, KexState.disposition(s, id, false, true));
        }
    }

    /** Each method runs each step once: after its result, even the message it took last is refused. */
    @Test
    void aMethodRefusesAReplayOfItsLastMessage() throws Exception {
        for (String kex : List.of(KexMethods.CURVE25519_SHA256, KexMethods.ECDH_NISTP256, KexMethods.DH_GROUP14_SHA256,
                KexMethods.MLKEM768_X25519_SHA256)) {
            KeyExchange client = method(kex, Role.CLIENT);
            KeyExchange server = method(kex, Role.SERVER);
            byte[] init = client.clientStart().get(0);
            KeyExchange.Step reply = server.receive(init);
            assertNotNull(reply.result(), kex);
            assertEquals(-1, server.awaiting(), kex);
            assertThrows(ProtocolException.class, () -> server.receive(init), kex);
            byte[] replyMessage = reply.send().get(0);
            assertNotNull(client.receive(replyMessage).result(), kex);
            assertThrows(ProtocolException.class, () -> client.receive(replyMessage), kex);
        }
    }
}
