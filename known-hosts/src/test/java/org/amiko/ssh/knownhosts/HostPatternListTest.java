package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Host patterns as sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT" describes them and match.c implements them. */
class HostPatternListTest {

    private static int match(String patterns, String host, int port) {
        return HostPatternList.parse(patterns).match(LookupName.of(host, port).text());
    }

    @Test
    void plainNamesCommaListsAndCase() {
        assertEquals(1, match("example.com", "example.com", 22));
        assertEquals(1, match("a.org,EXAMPLE.com,b.org", "Example.COM", 22));
        assertEquals(0, match("example.com", "example.org", 22));
        assertEquals(0, match("example.com", "www.example.com", 22));
    }

    @Test
    void portsUseBrackets() {
        assertEquals(1, match("[example.com]:2222", "example.com", 2222));
        assertEquals(0, match("example.com", "example.com", 2222));
        assertEquals(0, match("[example.com]:2222", "example.com", 22));
        assertEquals(1, match("[example.com]:22", "[example.com]:22", 22), "a literal name is compared as it is");
        assertEquals(1, match("[::1]:2200", "::1", 2200));
        assertEquals(1, match("::1", "::1", 22));
    }

    @Test
    void wildcards() {
        assertEquals(1, match("*.example.com", "www.example.com", 22));
        assertEquals(0, match("*.example.com", "example.com", 22));
        assertEquals(1, match("host?", "host1", 22));
        assertEquals(0, match("host?", "host12", 22));
        assertEquals(1, match("*", "anything", 2222), "* matches [host]:port too");
        assertEquals(1, match("[*.example.com]:*", "a.example.com", 2222));
        assertEquals(1, match("10.0.0.*", "10.0.0.7", 22));
        assertEquals(1, match("**a**", "bab", 22));
    }

    @Test
    void negationRejectsTheLine() {
        assertEquals(-1, match("*.example.com,!bad.example.com", "bad.example.com", 22));
        assertEquals(1, match("*.example.com,!bad.example.com", "good.example.com", 22));
        assertEquals(-1, match("!bad.example.com,*.example.com", "bad.example.com", 22), "order does not matter");
        assertEquals(0, match("!bad.example.com", "good.example.com", 22), "a negation alone matches nothing");
        assertEquals(-1, match("!*", "x", 22));
    }

    @Test
    void emptyPatternsAndOddFields() {
        assertEquals(0, match(",", "a", 22));
        assertEquals(1, match(",a,", "a", 22));
        assertEquals(0, match("!", "a", 22));
    }

    @Test
    void anOverlongSubpatternEndsTheListWithNoMatch() {
        String longPattern = "x".repeat(1023);
        assertEquals(0, match("a," + longPattern + ",b", "a", 22), "match.c gives up on a sub-pattern of 1023 chars");
        assertEquals(-1, match("!a," + longPattern, "a", 22), "a negation before it still counts");
        assertEquals(1, match("a," + "x".repeat(1022), "a", 22), "1022 chars are fine");
    }

    @Test
    void hostileWildcardPatternsTakeLinearTime() {
        String pattern = "*a".repeat(400) + "b";
        String host = "a".repeat(4000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals(0, match(pattern, host, 22)));
    }

    @Test
    void wildcardDetection() {
        assertTrue(HostPatternList.parse("a,*.b").hasWildcards());
        assertTrue(HostPatternList.parse("a,!b").hasWildcards());
        assertFalse(HostPatternList.parse("a,[b]:22").hasWildcards());
    }

    /** The iterative matcher agrees with the textbook recursive definition of * and ? on any input. */
    @Test
    void iterativeGlobAgreesWithTheRecursiveDefinition() {
        qt().withExamples(5000)
                .forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 8), strings().basicLatinAlphabet().ofLengthBetween(0, 8),
                        integers().between(0, Integer.MAX_VALUE))
                .checkAssert((s, p, seed) -> {
                    String text = squash(s, seed);
                    String pattern = squash(p, seed >>> 3).replace('d', '*').replace('e', '?');
                    assertEquals(reference(text, 0, pattern, 0), HostPatternList.glob(text, pattern), text + " ~ " + pattern);
                });
    }

    /** Maps characters onto a small alphabet so that matches are frequent. */
    private static String squash(String s, int seed) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            sb.append((char) ('a' + Math.floorMod(s.charAt(i) + seed, 5)));
        }
        return sb.toString();
    }

    /** The definition: * matches any run (also empty), ? one char, others themselves. */
    private static boolean reference(String s, int i, String p, int j) {
        if (j == p.length()) {
            return i == s.length();
        }
        char c = p.charAt(j);
        if (c == '*') {
            for (int k = i; k <= s.length(); k++) {
                if (reference(s, k, p, j + 1)) {
                    return true;
                }
            }
            return false;
        }
        return i < s.length() && (c == '?' || c == s.charAt(i)) && reference(s, i + 1, p, j + 1);
    }
}
