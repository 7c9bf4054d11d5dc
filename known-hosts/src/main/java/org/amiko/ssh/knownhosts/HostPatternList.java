package org.amiko.ssh.knownhosts;

import java.util.ArrayList;
import java.util.List;

/**
 * A comma-separated list of host patterns (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"): {@code *}
 * matches any run of characters, {@code ?} exactly one, a leading {@code !} negates a pattern, and
 * a non-default port is written {@code [host]:port}. Matching follows OpenSSH's match.c
 * (match_hostname): patterns are lower-cased in ASCII; the line applies when some pattern matches
 * and no negated one does; a pattern of 1023 characters or more ends the list with "no match".
 *
 * <p>The matcher is iterative (greedy with one backtrack point), so a hostile pattern such as
 * {@code *a*a*a*a*b} costs at most length(pattern) x length(name) steps, never exponential time.
 */
public final class HostPatternList implements HostNames {

    /** match.c copies a sub-pattern into a 1024-byte buffer; one of 1023 chars or more fails the list. */
    static final int MAX_SUBPATTERN = 1022;

    private final String text;
    private final String[] patterns;
    private final boolean[] negated;
    private final boolean endsWithOverlongPattern;

    private HostPatternList(String text, List<String> patterns, List<Boolean> negated, boolean overlong) {
        this.text = text;
        this.patterns = patterns.toArray(new String[0]);
        this.negated = new boolean[negated.size()];
        for (int i = 0; i < this.negated.length; i++) {
            this.negated[i] = negated.get(i);
        }
        this.endsWithOverlongPattern = overlong;
    }

    /** Parses a host field that is not hashed. Never fails: any text is a (possibly useless) pattern list. */
    public static HostPatternList parse(String field) {
        List<String> patterns = new ArrayList<>();
        List<Boolean> negated = new ArrayList<>();
        boolean overlong = false;
        int i = 0;
        int len = field.length();
        while (i < len) {
            boolean neg = field.charAt(i) == '!';
            if (neg) {
                i++;
            }
            int end = field.indexOf(',', i);
            if (end < 0) {
                end = len;
            }
            if (end - i > MAX_SUBPATTERN) {
                overlong = true; // match.c returns "no match" on reaching such a pattern
                break;
            }
            patterns.add(LookupName.lowerAscii(field.substring(i, end)));
            negated.add(neg);
            i = end < len ? end + 1 : end;
        }
        return new HostPatternList(field, patterns, negated, overlong);
    }

    @Override
    public String text() {
        return text;
    }

    /** Whether any pattern has a wildcard or a negation (ssh-keygen -H leaves such lines unhashed). */
    public boolean hasWildcards() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '*' || c == '?' || c == '!') {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean matches(String host, int port) {
        return match(LookupName.of(host, port).text()) == 1;
    }

    /**
     * OpenSSH's three-way answer (match.c, match_pattern_list): -1 when a negated pattern matches,
     * 1 when a plain one does (and no negated one), 0 otherwise. {@code name} is lower-case.
     */
    int match(String name) {
        boolean positive = false;
        for (int i = 0; i < patterns.length; i++) {
            if (glob(name, patterns[i])) {
                if (negated[i]) {
                    return -1;
                }
                positive = true;
            }
        }
        if (endsWithOverlongPattern) {
            return 0;
        }
        return positive ? 1 : 0;
    }

    /** {@code *} and {@code ?} wildcard match of the whole of {@code s} (match.c, match_pattern). */
    static boolean glob(String s, String p) {
        int si = 0;
        int pi = 0;
        int starP = -1;
        int starS = 0;
        int sl = s.length();
        int pl = p.length();
        while (si < sl) {
            if (pi < pl && p.charAt(pi) == '*') {
                starP = pi++;
                starS = si;
            } else if (pi < pl && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                si++;
                pi++;
            } else if (starP >= 0) {
                pi = starP + 1;
                si = ++starS;
            } else {
                return false;
            }
        }
        while (pi < pl && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == pl;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HostPatternList other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
