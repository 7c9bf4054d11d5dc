package org.amiko.ssh.auth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.amiko.ssh.auth.server.ScriptedAuthClient.Answer;
import org.amiko.ssh.auth.server.ScriptedAuthClient.Disconnected;
import org.amiko.ssh.auth.server.ScriptedAuthClient.Failure;
import org.amiko.ssh.auth.server.ScriptedAuthClient.Success;
import org.amiko.ssh.transport.DisconnectReason;
import org.junit.jupiter.api.Test;

/**
 * Required method chains (sshd's AuthenticationMethods), over the real {@link ServerAuthenticator}:
 * no method outside a chain, no chain out of order, no credentials carried from one user to another.
 */
class MethodChainsTest {

    private static final List<String> METHODS = List.of("publickey", "password", "keyboard-interactive");

    // ---- the bypasses, each of which logged in before the fix -----------------------------------

    @Test
    void aMethodInNoChainDoesNotLogIn() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(List.of(List.of("publickey", "password")), 6))) {
            Answer a = c.attempt("alice", "keyboard-interactive", true);
            assertEquals(new Failure(List.of("publickey"), false), a, "keyboard-interactive is in no chain");
            assertEquals(new Failure(List.of("publickey"), false), c.attempt("alice", "password", true),
                    "password is second in its chain");
            assertEquals(new Failure(List.of("password"), true), c.attempt("alice", "publickey", true));
            assertEquals(new Failure(List.of("password"), false), c.attempt("alice", "keyboard-interactive", true));
            assertEquals(new Success(), c.attempt("alice", "password", true));
            assertEquals("alice", c.serverResult());
        }
    }

    @Test
    void orderWithinAChainIsEnforced() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(List.of(List.of("password", "publickey")), 6))) {
            assertEquals(new Failure(List.of("password"), false), c.attempt("alice", "publickey", true));
            assertEquals(new Failure(List.of("publickey"), true), c.attempt("alice", "password", true));
            assertEquals(new Success(), c.attempt("alice", "publickey", true));
        }
    }

    @Test
    void aChangeOfUserNameEndsTheConnection() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(List.of(List.of("publickey", "password")), 6))) {
            assertEquals(new Failure(List.of("password"), true), c.attempt("alice", "publickey", true));
            assertEquals(new Disconnected(DisconnectReason.PROTOCOL_ERROR.code()), c.attempt("root", "password", true));
            ExecutionException e = assertThrows(ExecutionException.class, c::serverResult);
            assertTrue(e.getCause().getMessage().contains("change of user name"), e.getCause().getMessage());
        }
    }

    @Test
    void aChangeOfServiceEndsTheConnection() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(null, 6))) {
            assertInstanceOf(Failure.class, c.attempt("alice", "none", true));
            assertEquals(new Disconnected(DisconnectReason.PROTOCOL_ERROR.code()),
                    c.attempt("alice", "ssh-userauth", "password", true));
        }
    }

    @Test
    void aKeyProvesItselfOnlyOnce() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(List.of(List.of("publickey", "publickey")), 6))) {
            assertEquals(new Failure(List.of("publickey"), true), c.attempt("alice", "publickey", true));
            assertEquals(new Failure(List.of("publickey"), false), c.attempt("alice", "publickey", true));
        }
    }

    @Test
    void noneRequestsAfterTheFirstUseUpAttempts() throws Exception {
        try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(null, 3))) {
            assertInstanceOf(Failure.class, c.attempt("alice", "none", true)); // free
            assertInstanceOf(Failure.class, c.attempt("alice", "none", true));
            assertInstanceOf(Failure.class, c.attempt("alice", "none", true));
            assertEquals(new Disconnected(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE.code()), c.attempt("alice", "none", true),
                    "a client must not ask \"none\" for the whole grace time");
        }
    }

    // ---- the property -------------------------------------------------------------------------

    /**
     * For random chains and random requests: the server's answer to each request is what a model
     * of AuthenticationMethods says, so success comes exactly when one user has completed some
     * chain in order; a change of user ends the connection.
     */
    @Test
    void successExactlyWhenOneUserCompletedAChainInOrder() {
        qt().withExamples(Integer.getInteger("amiko.auth.chainExamples", 200)).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            List<List<String>> chains = rnd.nextInt(5) == 0 ? null : randomChains(rnd);
            int maxAttempts = 2 + rnd.nextInt(6);
            List<Attempt> script = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(10); i < n; i++) {
                String user = rnd.nextInt(8) == 0 ? "bob" : "alice";
                String method = rnd.nextInt(6) == 0 ? "none" : METHODS.get(rnd.nextInt(METHODS.size()));
                script.add(new Attempt(user, method, rnd.nextInt(4) != 0));
            }
            List<Answer> expected = Model.answers(chains, maxAttempts, script);
            List<Answer> got = new ArrayList<>();
            try (ScriptedAuthClient c = new ScriptedAuthClient(ScriptedAuthClient.config(chains, maxAttempts))) {
                for (Attempt a : script.subList(0, expected.size())) {
                    got.add(c.attempt(a.user(), a.method(), a.right()));
                }
                boolean loggedIn = !got.isEmpty() && got.get(got.size() - 1) instanceof Success;
                if (loggedIn) {
                    assertEquals(script.get(0).user(), c.serverResult());
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertEquals(expected, got, "chains " + chains + ", max " + maxAttempts + ", script " + script);
        });
    }

    private static List<List<String>> randomChains(SplittableRandom rnd) {
        List<List<String>> chains = new ArrayList<>();
        for (int i = 0, n = 1 + rnd.nextInt(3); i < n; i++) {
            List<String> chain = new ArrayList<>();
            for (int j = 0, m = 1 + rnd.nextInt(3); j < m; j++) {
                chain.add(METHODS.get(rnd.nextInt(METHODS.size())));
            }
            chains.add(chain);
        }
        return chains;
    }

    record Attempt(String user, String method, boolean right) {
    }

    /**
     * The rules restated independently of {@link MethodChains}: an attempt counts only if its
     * credentials are right, it is not a key already used, and appending it to what counted so far
     * keeps some chain's prefix in order; the user is in once the methods that counted contain a
     * whole chain as an in-order subsequence. Every failure but a first "none" uses up an attempt.
     */
    static final class Model {
        static List<Answer> answers(List<List<String>> configured, int maxAttempts, List<Attempt> script) {
            // without chains, any one offered method, announced in OpenSSH's order
            List<List<String>> chains = configured != null ? configured
                    : List.of(List.of("publickey"), List.of("keyboard-interactive"), List.of("password"));
            List<String> counted = new ArrayList<>();
            List<Answer> out = new ArrayList<>();
            int failures = 0;
            String user = script.get(0).user();
            for (Attempt a : script) {
                if (!a.user().equals(user)) {
                    out.add(new Disconnected(DisconnectReason.PROTOCOL_ERROR.code()));
                    return out;
                }
                List<String> before = counted;
                List<String> extended = new ArrayList<>(counted);
                extended.add(a.method());
                boolean advances = chains.stream().anyMatch(ch -> prefixInOrder(ch, extended) > prefixInOrder(ch, before));
                boolean keyReused = a.method().equals("publickey") && counted.contains("publickey");
                if (a.right() && advances && !keyReused && !a.method().equals("none")) {
                    counted = extended;
                    if (chains.stream().anyMatch(ch -> prefixInOrder(ch, extended) == ch.size())) {
                        out.add(new Success());
                        return out;
                    }
                    out.add(new Failure(canContinue(chains, counted), true));
                    continue;
                }
                if ((out.size() > 0 || !a.method().equals("none")) && ++failures >= maxAttempts) {
                    out.add(new Disconnected(DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE.code()));
                    return out;
                }
                out.add(new Failure(canContinue(chains, counted), false));
            }
            return out;
        }

        /** How many methods of {@code chain}, from its start, occur in {@code done} in order. */
        static int prefixInOrder(List<String> chain, List<String> done) {
            int matched = 0;
            for (String m : done) {
                if (matched < chain.size() && chain.get(matched).equals(m)) {
                    matched++;
                }
            }
            return matched;
        }

        static List<String> canContinue(List<List<String>> chains, List<String> done) {
            List<String> out = new ArrayList<>();
            for (List<String> chain : chains) {
                int p = prefixInOrder(chain, done);
                if (p < chain.size() && !out.contains(chain.get(p))) {
                    out.add(chain.get(p));
                }
            }
            return out;
        }
    }

    @Test
    void theModelAgreesWithTheBypassCases() {
        List<Answer> a = Model.answers(List.of(List.of("publickey", "password")), 6,
                List.of(new Attempt("alice", "keyboard-interactive", true)));
        assertFalse(a.get(0) instanceof Success);
        List<Answer> b = Model.answers(List.of(List.of("publickey", "password")), 6,
                List.of(new Attempt("alice", "publickey", true), new Attempt("alice", "password", true)));
        assertInstanceOf(Success.class, b.get(1));
    }
}
