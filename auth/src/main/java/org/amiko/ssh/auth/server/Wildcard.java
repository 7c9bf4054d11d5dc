package org.amiko.ssh.auth.server;

/**
 * sshd(8)'s "PATTERNS" wildcards: {@code *} matches any run of characters, {@code ?} one
 * character, everything else itself. Used for {@code from=} and for AcceptEnv-style name lists.
 */
public final class Wildcard {

    private Wildcard() {
    }

    /** Whether all of {@code text} matches {@code pattern}; linear, with backtracking only to the last star. */
    public static boolean matches(String pattern, String text) {
        int pi = 0;
        int si = 0;
        int star = -1;
        int mark = 0;
        while (si < text.length()) {
            if (pi < pattern.length() && (pattern.charAt(pi) == '?' || pattern.charAt(pi) == text.charAt(si))) {
                pi++;
                si++;
            } else if (pi < pattern.length() && pattern.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < pattern.length() && pattern.charAt(pi) == '*') {
            pi++;
        }
        return pi == pattern.length();
    }
}
