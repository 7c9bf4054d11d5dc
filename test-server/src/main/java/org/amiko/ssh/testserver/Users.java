package org.amiko.ssh.testserver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.message.UserAuthInfoRequest;
import org.amiko.ssh.auth.server.KeyRestrictions;
import org.amiko.ssh.auth.server.KeyboardInteractiveChallenge;
import org.amiko.ssh.auth.server.PasswordChecker;
import org.amiko.ssh.auth.server.PublicKeyChecker;
import org.amiko.ssh.transport.keys.SshPublicKey;

/**
 * Who may log in: users with passwords (which also answer keyboard-interactive, one "Password: "
 * prompt, unless a challenge of its own is set) and authorized public keys, per user or for any
 * user name ({@link #ANY_USER}), with authorized_keys options that restrict them as in sshd.
 * Immutable; built by {@link TestServer.Builder}.
 */
public final class Users {

    /** The user name under which a key admits every user. */
    public static final String ANY_USER = "*";

    private final Map<String, String> passwords;
    private final Map<String, List<AuthorizedKey>> keys;
    private final KeyboardInteractiveChallenge challenge;

    Users(Map<String, String> passwords, Map<String, List<AuthorizedKey>> keys, KeyboardInteractiveChallenge challenge) {
        this.passwords = Map.copyOf(passwords);
        Map<String, List<AuthorizedKey>> copy = new LinkedHashMap<>();
        keys.forEach((u, k) -> copy.put(u, List.copyOf(k)));
        this.keys = Map.copyOf(copy);
        this.challenge = challenge;
    }

    static Users none() {
        return new Users(Map.of(), Map.of(), null);
    }

    Users withPassword(String user, String password) {
        Map<String, String> p = new LinkedHashMap<>(passwords);
        p.put(user, password);
        return new Users(p, keys, challenge);
    }

    Users withKey(String user, SshPublicKey key) {
        return withKey(user, new AuthorizedKey(0, List.of(), key, ""));
    }

    /** A key with its authorized_keys options, enforced as sshd does. */
    Users withKey(String user, AuthorizedKey line) {
        Map<String, List<AuthorizedKey>> k = new LinkedHashMap<>(keys);
        List<AuthorizedKey> list = new ArrayList<>(k.getOrDefault(user, List.of()));
        list.add(line);
        k.put(user, list);
        return new Users(passwords, k, challenge);
    }

    Users withChallenge(KeyboardInteractiveChallenge c) {
        return new Users(passwords, keys, c);
    }

    /** Null when no user has a password. */
    PasswordChecker passwordChecker() {
        if (passwords.isEmpty()) {
            return null;
        }
        return (user, password) -> password.equals(passwords.get(user))
                ? PasswordChecker.Result.ACCEPTED : PasswordChecker.Result.REFUSED;
    }

    /** Null when no key is authorized. */
    PublicKeyChecker publicKeyChecker() {
        if (keys.isEmpty()) {
            return null;
        }
        return new PublicKeyChecker() {
            @Override
            public boolean isAuthorized(String user, SshPublicKey key) {
                return authorize(user, key, null).isPresent();
            }

            @Override
            public Optional<KeyRestrictions> authorize(String user, SshPublicKey key, String clientAddress) {
                List<AuthorizedKey> lines = new ArrayList<>();
                for (AuthorizedKey line : keys.getOrDefault(user, List.of())) {
                    if (line.key().equals(key)) {
                        lines.add(line);
                    }
                }
                for (AuthorizedKey line : keys.getOrDefault(ANY_USER, List.of())) {
                    if (line.key().equals(key)) {
                        lines.add(line);
                    }
                }
                return PublicKeyChecker.firstAdmitting(lines, clientAddress);
            }
        };
    }

    /** The challenge set, else one password prompt; null when neither exists. */
    KeyboardInteractiveChallenge keyboardInteractive() {
        if (challenge != null) {
            return challenge;
        }
        if (passwords.isEmpty()) {
            return null;
        }
        UserAuthInfoRequest round = new UserAuthInfoRequest("", "", "",
                List.of(new UserAuthInfoRequest.Prompt("Password: ", false)));
        return new KeyboardInteractiveChallenge() {
            @Override
            public UserAuthInfoRequest start(String user) {
                return round;
            }

            @Override
            public Object answer(String user, UserAuthInfoRequest r, List<String> answers) {
                String expected = passwords.get(user);
                return expected != null && answers.size() == 1 && answers.get(0).equals(expected)
                        ? Verdict.ACCEPTED : Verdict.REFUSED;
            }
        };
    }
}
