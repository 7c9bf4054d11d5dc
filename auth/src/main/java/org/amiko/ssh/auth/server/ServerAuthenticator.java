package org.amiko.ssh.auth.server;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.amiko.ssh.auth.message.UserAuthBanner;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.message.UserAuthInfoResponse;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthPasswdChangeReq;
import org.amiko.ssh.auth.message.UserAuthPkOk;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.auth.message.UserAuthSuccess;
import org.amiko.ssh.transport.ConnectionClosedException;
import org.amiko.ssh.transport.DisconnectReason;
import org.amiko.ssh.transport.ProtocolException;
import org.amiko.ssh.transport.SshException;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * The server side of RFC 4252: accepts the ssh-userauth service, sends the banner, answers each
 * request with the methods that can continue, verifies publickey signatures itself and asks the
 * checkers the rest, follows partial success through the required chains, and disconnects after
 * too many failures or too much time.
 */
public final class ServerAuthenticator {

    private ServerAuthenticator() {
    }

    /**
     * Who logged in, and what the keys that proved it allow (their authorized_keys options;
     * {@link KeyRestrictions#NONE} when no key was involved).
     */
    public record AuthenticatedUser(String user, KeyRestrictions restrictions) {
    }

    /** Runs authentication on {@code transport}; returns the authenticated user name. */
    public static String authenticate(Transport transport, ServerAuthConfig config) throws IOException {
        return authenticateUser(transport, config).user();
    }

    /** Runs authentication on {@code transport}; returns the user and the restrictions its keys carry. */
    public static AuthenticatedUser authenticateUser(Transport transport, ServerAuthConfig config) throws IOException {
        // LoginGraceTime from a timer: the connection ends at the deadline whatever the client sends or doesn't
        try (Transport.Deadline grace = transport.endAfter(config.timeLimit(), DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE,
                "authentication took longer than " + config.timeLimit().toSeconds() + " s")) {
            return run(transport, config);
        }
    }

    private static AuthenticatedUser run(Transport transport, ServerAuthConfig config) throws IOException {
        long deadline = System.nanoTime() + config.timeLimit().toNanos();
        transport.acceptService(List.of("ssh-userauth"), config.timeLimit());
        if (config.banner() != null) {
            transport.send(new UserAuthBanner(config.banner(), "").toPayload());
        }
        MethodChains chains = new MethodChains(config.requiredMethods(), config.offered());
        String user = null;
        String service = null;
        int failures = 0;
        int requests = 0;
        Set<Bytes> usedKeys = new HashSet<>(); // sshd: a key proves itself once ("publickey,publickey" needs two keys)
        KeyRestrictions[] restrictions = {KeyRestrictions.NONE}; // narrowed by each key that proves itself
        while (true) {
            UserAuthRequest request = next(transport, deadline, null, UserAuthRequest.class);
            requests++;
            if (user == null) {
                user = request.user();
                service = request.service();
                if (!service.equals("ssh-connection")) {
                    throw disconnect(transport, DisconnectReason.SERVICE_NOT_AVAILABLE, "service " + service + " is not offered");
                }
            } else {
                requireSameUser(transport, user, service, request);
            }
            String method = request.method().name();
            Outcome outcome = !chains.allows(method) ? Outcome.FAILED : switch (method) {
                case "publickey" -> config.publicKeys() == null ? Outcome.FAILED
                        : publicKey(transport, config.publicKeys(), user, (UserAuthRequest.PublicKey) request.method(), usedKeys,
                        restrictions);
                case "password" -> config.passwords() == null ? Outcome.FAILED
                        : password(transport, config.passwords(), user, (UserAuthRequest.Password) request.method(), deadline);
                case "keyboard-interactive" -> config.keyboardInteractive() == null ? Outcome.FAILED
                        : keyboardInteractive(transport, config.keyboardInteractive(), user, deadline);
                default -> Outcome.FAILED;
            };
            if (outcome == Outcome.ANSWERED) {
                continue;
            }
            if (outcome == Outcome.SUCCEEDED) {
                if (request.method() instanceof UserAuthRequest.PublicKey pk) {
                    usedKeys.add(pk.keyBlob());
                }
                if (chains.succeeded(method)) {
                    transport.send(UserAuthSuccess.INSTANCE.toPayload());
                    return new AuthenticatedUser(user, restrictions[0]);
                }
                transport.send(new UserAuthFailure(chains.next(), true).toPayload());
                continue;
            }
            // sshd: only a first "none" is free (it asks what may follow); every later failure counts
            if ((requests > 1 || !method.equals("none")) && ++failures >= config.maxAttempts()) {
                throw disconnect(transport, DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "too many authentication failures");
            }
            transport.send(new UserAuthFailure(chains.next(), false).toPayload());
        }
    }

    /** How one request ended: the method succeeded, failed, or was answered in its own way (PK_OK to a query). */
    private enum Outcome {
        SUCCEEDED, FAILED, ANSWERED;

        static Outcome of(boolean ok) {
            return ok ? SUCCEEDED : FAILED;
        }
    }

    /** {@code restrictions[0]}: narrowed by this key's options when its signature verifies. */
    private static Outcome publicKey(Transport t, PublicKeyChecker checker, String user, UserAuthRequest.PublicKey m,
                                     Set<Bytes> usedKeys, KeyRestrictions[] restrictions) throws IOException {
        if (usedKeys.contains(m.keyBlob())) {
            return Outcome.FAILED;
        }
        SignatureAlgorithm alg = SignatureAlgorithm.find(m.algorithm()).filter(a -> !a.legacy()).orElse(null);
        if (alg == null) {
            return Outcome.FAILED;
        }
        SshPublicKey key;
        try {
            key = SshPublicKey.decode(m.keyBlob());
        } catch (ProtocolException e) {
            return Outcome.FAILED;
        }
        if (!key.keyType().equals(alg.keyType())) {
            return Outcome.FAILED;
        }
        KeyRestrictions allowed = checker.authorize(user, key, t.peerHost()).orElse(null);
        if (allowed == null) {
            return Outcome.FAILED;
        }
        if (m.signature() == null) {
            // RFC 4252 §7: the key would do; say so and wait for the signed request.
            t.send(new UserAuthPkOk(m.algorithm(), m.keyBlob()).toPayload());
            return Outcome.ANSWERED;
        }
        byte[] signed = UserAuthRequest.publicKeySignedData(t.sessionId(), user, "ssh-connection", m.algorithm(), m.keyBlob());
        if (!alg.verify(key, signed, m.signature())) {
            return Outcome.FAILED;
        }
        KeyRestrictions merged = restrictions[0].and(allowed);
        if (merged == null) {
            return Outcome.FAILED; // two keys forcing different commands: neither wins (sshd refuses too)
        }
        restrictions[0] = merged;
        return Outcome.SUCCEEDED;
    }

    private static Outcome password(Transport t, PasswordChecker checker, String user, UserAuthRequest.Password m, long deadline)
            throws IOException {
        PasswordChecker.Result r = checker.check(user, m.password());
        if (m.newPassword() != null) {
            return Outcome.of(r != PasswordChecker.Result.REFUSED && checker.change(user, m.password(), m.newPassword()));
        }
        if (r == PasswordChecker.Result.CHANGE_REQUIRED) {
            t.send(new UserAuthPasswdChangeReq("Your password has expired; enter a new one", "").toPayload());
            UserAuthRequest again = next(t, deadline, "password", UserAuthRequest.class);
            requireSameUser(t, user, "ssh-connection", again);
            if (!(again.method() instanceof UserAuthRequest.Password p) || p.newPassword() == null) {
                return Outcome.FAILED;
            }
            return Outcome.of(checker.check(user, p.password()) != PasswordChecker.Result.REFUSED
                    && checker.change(user, p.password(), p.newPassword()));
        }
        return Outcome.of(r == PasswordChecker.Result.ACCEPTED);
    }

    private static Outcome keyboardInteractive(Transport t, KeyboardInteractiveChallenge challenge, String user, long deadline)
            throws IOException {
        UserAuthInfoRequest round = challenge.start(user);
        for (int i = 0; i < 32; i++) {
            t.send(round.toPayload());
            UserAuthInfoResponse response = next(t, deadline, "keyboard-interactive", UserAuthInfoResponse.class);
            if (response.responses().size() != round.prompts().size()) {
                throw new ProtocolException(response.responses().size() + " answers for " + round.prompts().size() + " prompts");
            }
            Object verdict = challenge.answer(user, round, response.responses());
            if (verdict instanceof UserAuthInfoRequest nextRound) {
                round = nextRound;
            } else {
                return Outcome.of(verdict == KeyboardInteractiveChallenge.Verdict.ACCEPTED);
            }
        }
        return Outcome.FAILED;
    }

    /** As sshd (auth2.c): what was proven for one user or service never counts for another, so a change ends the connection. */
    private static void requireSameUser(Transport t, String user, String service, UserAuthRequest r) throws SshException {
        if (!user.equals(r.user()) || !service.equals(r.service())) {
            throw disconnect(t, DisconnectReason.PROTOCOL_ERROR, "change of user name or service not allowed: ("
                    + user + "," + service + ") -> (" + r.user() + "," + r.service() + ")");
        }
    }

    private static <T extends UserAuthMessage> T next(Transport t, long deadline, String method, Class<T> type) throws IOException {
        long left = deadline - System.nanoTime();
        byte[] payload = left > 0 ? t.receive(Duration.ofNanos(left)) : null;
        if (payload == null) {
            throw disconnect(t, DisconnectReason.NO_MORE_AUTH_METHODS_AVAILABLE, "authentication took too long");
        }
        UserAuthMessage m;
        try {
            m = UserAuthMessage.decode(payload, method);
        } catch (ProtocolException e) {
            throw disconnect(t, e.reason(), e.getMessage()); // the client learns why, as sshd tells it
        }
        if (!type.isInstance(m)) {
            throw disconnect(t, DisconnectReason.PROTOCOL_ERROR, "expected " + type.getSimpleName() + ", got " + m);
        }
        return type.cast(m);
    }

    private static SshException disconnect(Transport t, DisconnectReason reason, String why) {
        t.disconnect(reason, why);
        return reason == DisconnectReason.PROTOCOL_ERROR ? new ProtocolException(why) : new ConnectionClosedException(why);
    }
}
