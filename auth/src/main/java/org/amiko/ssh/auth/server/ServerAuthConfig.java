package org.amiko.ssh.auth.server;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How a server authenticates users: the checkers (null where a method is not offered), which
 * methods must all succeed (like OpenSSH's AuthenticationMethods; one method by default), a
 * banner, and limits on failed attempts (MaxAuthTries) and total time (LoginGraceTime).
 */
public record ServerAuthConfig(PublicKeyChecker publicKeys,
                               PasswordChecker passwords,
                               KeyboardInteractiveChallenge keyboardInteractive,
                               List<List<String>> requiredMethods,
                               String banner,
                               int maxAttempts,
                               Duration timeLimit) {

    public ServerAuthConfig {
        requiredMethods = requiredMethods == null ? null : requiredMethods.stream().map(List::copyOf).toList();
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts);
        }
    }

    /** OpenSSH's defaults: 6 attempts, 120 seconds, any one offered method. */
    public static ServerAuthConfig of(PublicKeyChecker publicKeys, PasswordChecker passwords,
                                      KeyboardInteractiveChallenge keyboardInteractive) {
        return new ServerAuthConfig(publicKeys, passwords, keyboardInteractive, null, null, 6, Duration.ofSeconds(120));
    }

    public ServerAuthConfig withRequiredMethods(List<List<String>> chains) {
        return new ServerAuthConfig(publicKeys, passwords, keyboardInteractive, chains, banner, maxAttempts, timeLimit);
    }

    public ServerAuthConfig withBanner(String text) {
        return new ServerAuthConfig(publicKeys, passwords, keyboardInteractive, requiredMethods, text, maxAttempts, timeLimit);
    }

    public ServerAuthConfig withLimits(int attempts, Duration time) {
        return new ServerAuthConfig(publicKeys, passwords, keyboardInteractive, requiredMethods, banner, attempts, time);
    }

    /** The methods offered: those with a checker, in OpenSSH's order. */
    List<String> offered() {
        List<String> out = new java.util.ArrayList<>();
        if (publicKeys != null) {
            out.add("publickey");
        }
        if (keyboardInteractive != null) {
            out.add("keyboard-interactive");
        }
        if (passwords != null) {
            out.add("password");
        }
        return out;
    }
}
