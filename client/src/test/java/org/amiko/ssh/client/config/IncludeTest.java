package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeTest {

    @TempDir
    Path home;

    private Configs c;

    @BeforeEach
    void setUp() throws Exception {
        c = new Configs(home);
    }

    @Test
    void relativeGlobIsUnderDotSshAndSorted() throws Exception {
        c.write(".ssh/conf.d/20-b.conf", "IdentityFile /b\nPort 2020\n");
        c.write(".ssh/conf.d/10-a.conf", "IdentityFile /a\n");
        c.write(".ssh/conf.d/.hidden.conf", "IdentityFile /hidden\n");
        c.write(".ssh/conf.d/30-c.txt", "IdentityFile /txt\n");
        HostConfig h = c.resolve("Include conf.d/*.conf\nPort 1\n", "h");
        assertEquals(List.of(Path.of("/a"), Path.of("/b")), h.identityFiles());
        assertEquals(2020, h.port(), "included lines come where the Include stands");
    }

    @Test
    void tildeAbsoluteAndSeveralArguments() throws Exception {
        c.write("x/one", "IdentityFile /one\n");
        Path two = c.write("y/two", "IdentityFile /two\n");
        HostConfig h = c.resolve("Include ~/x/one " + two + " ~/missing/* nothing-here\n", "h");
        assertEquals(List.of(Path.of("/one"), Path.of("/two")), h.identityFiles(), "no match is no error");
    }

    @Test
    void globInDirectoryAndBracketClass() throws Exception {
        c.write(".ssh/d1/inc", "IdentityFile /d1\n");
        c.write(".ssh/d2/inc", "IdentityFile /d2\n");
        c.write(".ssh/d3/inc", "IdentityFile /d3\n");
        assertEquals(List.of(Path.of("/d1"), Path.of("/d2")),
                c.resolve("Include d[12]/inc\n", "h").identityFiles());
    }

    @Test
    void includeInsideHostAppliesOnlyForThatHost() throws Exception {
        c.write(".ssh/work", "Port 2222\nHost *\nUser worker\n");
        String cfg = "Host work*\n Include work\n Compression yes\nHost *\n User default\n";
        HostConfig w = c.resolve(cfg, "work1");
        assertEquals(2222, w.port());
        assertEquals("worker", w.user());
        assertTrue(w.compression(), "a Host in the included file does not change the including block");
        HostConfig o = c.resolve(cfg, "other");
        assertEquals(22, o.port());
        assertEquals("default", o.user(), "Host * inside an Include from a block that does not apply never applies");
    }

    @Test
    void includedFilesAreCheckedEvenWhereTheyDoNotApply() throws Exception {
        Path bad = c.write(".ssh/bad", "Port 22\nPort oops\n");
        SshConfigException e = c.failure("Host nothing\n Include bad\n", "h");
        assertEquals(bad.toString(), e.source());
        assertEquals(2, e.line());
    }

    @Test
    void recursionIsBounded() throws Exception {
        c.write(".ssh/loop", "Include loop\n");
        Files.writeString(c.file, "Include loop\n");
        SshConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SshConfigException.class,
                () -> SshConfig.load(c.file, home, "me"));
        assertTrue(e.getMessage().contains("too many recursive configuration includes"), e.getMessage());
        for (int i = 1; i < ConfigFile.MAX_INCLUDE_DEPTH; i++) {
            c.write(".ssh/chain" + i, "Include chain" + (i + 1) + "\n");
        }
        c.write(".ssh/chain" + ConfigFile.MAX_INCLUDE_DEPTH, "Port 1616\n");
        assertEquals(1616, c.resolve("Include chain1\n", "h").port(), "16 levels are allowed");
    }

    @Test
    void systemFilesIncludeRelativeToTheirDirectoryAndRefuseTilde() throws Exception {
        Path etc = home.resolve("etc-ssh");
        Files.createDirectories(etc.resolve("ssh_config.d"));
        Files.writeString(etc.resolve("ssh_config"), "Include ssh_config.d/*.conf\nHost *\n Port 2\n");
        Files.writeString(etc.resolve("ssh_config.d/a.conf"), "User sys\n");
        c.write(".ssh/config", "Port 1\n");
        HostConfig h = SshConfig.defaults(home, "me", etc).resolve("h", List.of());
        assertEquals(1, h.port(), "the user's file comes first");
        assertEquals("sys", h.user());
        Files.writeString(etc.resolve("ssh_config"), "Include ~/x\n");
        SshConfigException e = org.junit.jupiter.api.Assertions.assertThrows(SshConfigException.class,
                () -> SshConfig.defaults(home, "me", etc));
        assertTrue(e.getMessage().contains("bad include path"), e.getMessage());
    }

    @Test
    void defaultsWithoutFiles() throws Exception {
        Files.deleteIfExists(c.file);
        HostConfig h = SshConfig.defaults(home, "me", home.resolve("no-etc")).resolve("h", List.of("Port 5"));
        assertEquals(5, h.port());
    }
}
