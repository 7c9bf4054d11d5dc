package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PatternsTest {

    @Test
    void starAndQuestionMark() {
        assertTrue(Patterns.matches("host.example.com", "*.example.com"));
        assertTrue(Patterns.matches("example.com", "*example.com"));
        assertFalse(Patterns.matches("example.org", "*.example.com"));
        assertTrue(Patterns.matches("db7", "db?"));
        assertFalse(Patterns.matches("db17", "db?"));
        assertTrue(Patterns.matches("", "*"));
        assertTrue(Patterns.matches("a*b", "a*b"));
        assertTrue(Patterns.matches("abcabd", "*ab?"));
        assertFalse(Patterns.matches("Host", "host"), "case-sensitive");
    }

    @Test
    void listNeedsAPositiveMatchAndNoNegatedOne() {
        assertTrue(Patterns.matchesList("bar", "foo,b*", false));
        assertFalse(Patterns.matchesList("bar", "!foo", false), "negations alone match nothing");
        assertFalse(Patterns.matchesList("bar", "b*,!bar", false));
        assertFalse(Patterns.matchesList("bar", "!bar,b*", false));
        assertTrue(Patterns.matchesList("baz", "b*,!bar", false));
        assertTrue(Patterns.matchesList("BAZ", "b*", true));
        assertFalse(Patterns.matchesList("BAZ", "b*", false));
    }
}
