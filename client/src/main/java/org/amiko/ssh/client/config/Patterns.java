package org.amiko.ssh.client.config;

import java.util.Locale;

/**
 * ssh_config(5) PATTERNS: {@code *} matches any run of characters, {@code ?} exactly one; a
 * pattern list is comma separated and an entry may be negated with {@code !}.
 */
final class Patterns {

    private Patterns() {
    }

    /** Whether {@code text} matches the single pattern {@code pattern}, case-sensitively. */
    static boolean matches(String text, String pattern) {
        return matches(text, 0, pattern, 0);
    }

    private static boolean matches(String t, int ti, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = ti; k <= t.length(); k++) {
                    if (matches(t, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length() || (c != '?' && c != t.charAt(ti))) {
                return false;
            }
            ti++;
            pi++;
        }
        return ti == t.length();
    }

    /**
     * A comma-separated list: true when some positive entry matches and no negated entry does (a
     * list of negations alone matches nothing). With {@code ignoreCase} both sides are lower-cased.
     */
    static boolean matchesList(String text, String list, boolean ignoreCase) {
        String t = ignoreCase ? text.toLowerCase(Locale.ROOT) : text;
        boolean positive = false;
        for (String entry : list.split(",", -1)) {
            String e = ignoreCase ? entry.toLowerCase(Locale.ROOT) : entry;
            boolean negated = e.startsWith("!");
            if (matches(t, negated ? e.substring(1) : e)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }
}
