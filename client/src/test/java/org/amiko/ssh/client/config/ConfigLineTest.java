package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigLineTest {

    private static ConfigLine parse(String text) throws SshConfigException {
        return ConfigLine.parse(text, "f", 7).orElseThrow();
    }

    @Test
    void keywordIsLowerCasedAndArgumentsSplitOnWhitespace() throws Exception {
        ConfigLine l = parse("  UserKnownHostsFile   /a  /b\t/c ");
        assertEquals("userknownhostsfile", l.keyword());
        assertEquals(List.of("/a", "/b", "/c"), l.args());
        assertEquals(7, l.number());
    }

    @Test
    void equalsSignWithOrWithoutSpaces() throws Exception {
        assertEquals(List.of("22"), parse("Port=22").args());
        assertEquals(List.of("22"), parse("Port = 22").args());
        assertEquals(List.of("22"), parse("Port =22").args());
        assertEquals(List.of("=22"), parse("Port==22").args(), "only one '=' separates");
    }

    @Test
    void quotesKeepSpacesAndBackslashEscapes() throws Exception {
        assertEquals(List.of("a b", "c"), parse("User \"a b\" c").args());
        assertEquals(List.of("a b"), parse("User 'a b'").args());
        assertEquals(List.of("a b"), parse("User a\\ b").args());
        assertEquals(List.of("say \"hi\""), parse("User \"say \\\"hi\\\"\"").args());
        assertEquals(List.of("x#y"), parse("User x#y").args(), "# inside a word is not a comment");
    }

    @Test
    void commentsAndBlankLines() throws Exception {
        assertTrue(ConfigLine.parse("   # Port 22", "f", 1).isEmpty());
        assertTrue(ConfigLine.parse("", "f", 1).isEmpty());
        assertTrue(ConfigLine.parse(" \t ", "f", 1).isEmpty());
        assertEquals(List.of("22"), parse("Port 22 # trailing comment").args());
    }

    @Test
    void unbalancedQuoteNamesFileAndLine() {
        SshConfigException e = assertThrows(SshConfigException.class, () -> parse("User \"a b"));
        assertEquals("f", e.source());
        assertEquals(7, e.line());
        assertEquals("f line 7: invalid quotes", e.getMessage());
    }

    @Test
    void keywordWithoutArgumentIsAnError() {
        SshConfigException e = assertThrows(SshConfigException.class, () -> parse("Port"));
        assertTrue(e.getMessage().contains("no argument after keyword \"port\""), e.getMessage());
        assertThrows(SshConfigException.class, () -> parse("Port="));
        assertThrows(SshConfigException.class, () -> parse("Port # comment"));
    }
}
