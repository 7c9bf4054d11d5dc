package org.amiko.ssh.client.config;

import java.util.Locale;
import org.amiko.ssh.auth.server.Wildcard;

/**
 * ssh_config(5) PATTERNS: {@code *} matches any run of characters, {@code ?} exactly one; a
 * pattern list is comma separated and an entry may be negated with {@code !}.
 */
final class Patterns {

    private Patterns() {
    }

    /** Whether {@code text} matches the single pattern {@code pattern}, case-sensitively; linear, never exponential. */
    static boolean matches(String text, String pattern) {
        return Wildcard.matches(pattern, text);
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
