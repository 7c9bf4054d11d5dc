package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patterns in a config file must not cost time without end: an Include glob of many stars (a
 * regular expression of many {@code .*} backtracked for ever: fuzzing found it), a Host pattern of
 * many stars (a recursive matcher is exponential in them), a time value of many digits (a nested
 * quantifier). Each is answered at once; the globs still match as glob(3) does.
 */
class HostilePatternsTest {

    private static final Duration AT_ONCE = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void globItems() {
        assertTrue(Glob.matches("*.conf", "a.conf"));
        assertFalse(Glob.matches("*.conf", "a.conf~"));
        assertTrue(Glob.matches("a?c", "abc"));
        assertFalse(Glob.matches("a?c", "ac"));
        assertTrue(Glob.matches("[a-c]x", "bx"));
        assertFalse(Glob.matches("[a-c]x", "dx"));
        assertTrue(Glob.matches("[!a-c]x", "dx"));
        assertFalse(Glob.matches("[!a-c]x", "ax"));
        assertTrue(Glob.matches("[]]", "]"), "a ']' first in a set is a member");
        assertTrue(Glob.matches("a[b", "a[b"), "an unclosed '[' is itself");
        assertTrue(Glob.matches("*a*b*", "xxaxxbxx"));
        assertFalse(Glob.matches("*a*b*", "xxbxxaxx"));
        assertTrue(Glob.matches("**", ""));
    }

    @Test
    void aGlobOfManyStarsIsAnsweredAtOnce() throws Exception {
        Path conf = dir.resolve("conf.d");
        Files.createDirectories(conf);
        Files.writeString(conf.resolve("a".repeat(200)), "Port 2\n");
        String stars = "*".repeat(130) + ".";
        assertTimeoutPreemptively(AT_ONCE, () -> assertFalse(Glob.matches(stars, "a".repeat(200))));
        assertTimeoutPreemptively(AT_ONCE, () -> assertFalse(Glob.matches("*a".repeat(60) + "b", "a".repeat(250))));
        Configs c = new Configs(dir);
        HostConfig h = assertTimeoutPreemptively(AT_ONCE, () -> c.resolve("Include " + conf + "/" + stars + "\n", "h"));
        assertEquals(22, h.port());
        HostConfig matched = c.resolve("Include " + conf + "/" + "*".repeat(130) + "\n", "h");
        assertEquals(2, matched.port());
    }

    @Test
    void aHostPatternOfManyStarsIsAnsweredAtOnce() {
        String pattern = "*a".repeat(60) + "b";
        assertTimeoutPreemptively(AT_ONCE, () -> assertFalse(Patterns.matches("a".repeat(250), pattern)));
        assertTimeoutPreemptively(AT_ONCE, () -> assertTrue(Patterns.matches("a".repeat(250) + "b", pattern)));
    }

    @Test
    void aTimeValueOfManyDigitsIsAnsweredAtOnce() throws Exception {
        Configs c = new Configs(dir);
        SshConfigException e = assertTimeoutPreemptively(AT_ONCE,
                () -> c.failure("ConnectTimeout " + "1".repeat(5000) + "x\n", "h"));
        assertTrue(e.getMessage().contains("invalid time value"), e.getMessage());
        assertEquals(java.util.Optional.of(Duration.ofSeconds(5400)),
                c.resolve("ConnectTimeout 1h30m\n", "h").connectTimeout());
    }
}
