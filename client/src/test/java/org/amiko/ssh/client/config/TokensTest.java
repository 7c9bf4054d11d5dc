package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {

    @TempDir
    Path home;

    private Configs c;

    @BeforeEach
    void setUp() throws Exception {
        c = new Configs(home);
    }

    @Test
    void identityFileTokensUseTheFinalValues() throws Exception {
        HostConfig h = c.resolve("Host alias\n HostName Real.Host\n IdentityFile ~/.ssh/%h_%p_%r_%u\n"
                + " IdentityFile %d/k/%n/100%%\nHost *\n Port 2222\n User bob\n", "alias");
        assertEquals(List.of(home.resolve(".ssh/real.host_2222_bob_me"), home.resolve("k/alias/100%")),
                h.identityFiles());
    }

    @Test
    void tildeOnlyAtTheStart() throws Exception {
        assertEquals(List.of(Path.of("/a/~/b"), home), c.resolve("IdentityFile /a/~/b\nIdentityFile ~\n", "h")
                .identityFiles());
        assertTrue(c.failure("IdentityFile ~root/k\n", "h").getMessage().contains("~user"));
    }

    @Test
    void knownHostsTokensAndHostKeyAlias() throws Exception {
        HostConfig h = c.resolve("HostKeyAlias ka\nUserKnownHostsFile %d/%u/%h/%k\n", "H");
        assertEquals(List.of(home.resolve("me/h/ka")), h.userKnownHostsFiles());
        assertEquals("ka", h.hostKeyAlias().orElseThrow());
    }

    @Test
    void unknownOrDanglingTokensNameTheLine() throws Exception {
        SshConfigException e = c.failure("Port 1\nIdentityFile /k/%Q\n", "h");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("unknown token %Q"), e.getMessage());
        assertTrue(c.failure("IdentityFile /k/%\n", "h").getMessage().contains("'%' at the end"));
    }
}
