package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which blocks apply to a host, and the first value obtained winning. */
class HostAndMatchTest {

    @TempDir
    Path home;

    private Configs c;

    @BeforeEach
    void setUp() throws Exception {
        c = new Configs(home);
    }

    @Test
    void firstValueWinsAcrossHostBlocks() throws Exception {
        String cfg = """
                Host web*
                    Port 2201
                Host *.example.com web1
                    Port 2202
                    User deploy
                Host *
                    Port 2203
                    User nobody
                    Compression yes
                """;
        HostConfig web1 = c.resolve(cfg, "web1");
        assertEquals(2201, web1.port());
        assertEquals("deploy", web1.user());
        assertTrue(web1.compression());
        HostConfig db = c.resolve(cfg, "db.example.com");
        assertEquals(2202, db.port());
        assertEquals("deploy", db.user());
        HostConfig other = c.resolve(cfg, "other");
        assertEquals(2203, other.port());
        assertEquals("nobody", other.user());
    }

    @Test
    void linesBeforeAnyHostApplyToAll() throws Exception {
        assertEquals(2000, c.resolve("Port 2000\nHost h\n Port 3000\n", "h").port());
    }

    @Test
    void commandLineWinsOverFilesInItsOwnOrder() throws Exception {
        String cfg = "Host h\n Port 2201\n User filer\n";
        HostConfig h = c.resolve(cfg, "h", "Port=7", "Port 8", "User cli");
        assertEquals(7, h.port());
        assertEquals("cli", h.user());
        assertEquals(2201, c.resolve(cfg, "h", "User cli").port());
    }

    @Test
    void negatedPatternExcludesTheWholeLine() throws Exception {
        String cfg = "Host * !bastion\n ProxyJump bastion\nHost *\n Port 2222\n";
        assertEquals(1, c.resolve(cfg, "app").proxyJump().size());
        HostConfig bastion = c.resolve(cfg, "bastion");
        assertEquals(0, bastion.proxyJump().size());
        assertEquals(2222, bastion.port());
        assertEquals(22, c.resolve("Host !a\n Port 5\n", "b").port(), "a negation alone matches nothing");
    }

    @Test
    void hostPatternsAreCaseSensitiveAgainstTheHostAsGiven() throws Exception {
        String cfg = "Host FOO\n Port 1001\nHost foo\n Port 1002\n";
        assertEquals(1001, c.resolve(cfg, "FOO").port());
        assertEquals(1002, c.resolve(cfg, "foo").port());
        assertEquals(22, c.resolve(cfg, "Foo").port());
        assertEquals("foo", c.resolve(cfg, "FOO").hostName());
    }

    @Test
    void hostMatchesTheNameGivenNotTheHostName() throws Exception {
        String cfg = "Host alias\n HostName real.example\nHost real.example\n Port 2222\n";
        HostConfig h = c.resolve(cfg, "alias");
        assertEquals("real.example", h.hostName());
        assertEquals(22, h.port());
    }

    @Test
    void matchHostSeesHostNameSoFar() throws Exception {
        String cfg = "Host alias\n HostName Real.Example\nMatch host real.*\n Port 2222\nMatch originalhost ALIAS\n User o\n";
        HostConfig h = c.resolve(cfg, "alias");
        assertEquals(2222, h.port());
        assertEquals("o", h.user());
        assertEquals(22, c.resolve("Match host x*\n Port 3\nHost *\n HostName x%h\n", "abc").port(),
                "a HostName set later is not seen");
    }

    @Test
    void matchUserSeesUserSoFarOrTheLocalUser() throws Exception {
        String cfg = "Match user admin\n Port 1\nMatch localuser me\n Port 2\n";
        assertEquals(1, c.resolve(cfg, "h", "User admin").port());
        assertEquals(2, c.resolve(cfg, "h").port());
        assertEquals(22, c.resolve("Match user Admin\n Port 1\n", "h", "User admin").port(), "user is case-sensitive");
        assertEquals(1, c.resolve("User admin\nMatch user adm?n\n Port 1\n", "h").port());
    }

    @Test
    void matchCriteriaCombineAndNegate() throws Exception {
        String cfg = "Match host a*,!ab user me\n Port 1\nMatch !host zz\n Port 2\n";
        assertEquals(1, c.resolve(cfg, "ax").port());
        assertEquals(2, c.resolve(cfg, "ab").port());
        assertEquals(22, c.resolve(cfg, "zz").port());
        assertEquals(2, c.resolve("Match all\n Port 2\n", "q").port());
        assertEquals(3, c.resolve("Match final all\n Port 3\n", "q").port());
        assertEquals(4, c.resolve("Match final\n Port 4\n", "q").port());
        assertEquals(22, c.resolve("Match canonical\n Port 5\n", "q").port());
        assertEquals(6, c.resolve("Match host q\n Port 6\nHost *\n Port 7\n", "q").port(), "Host ends a Match");
    }

    @Test
    void matchFinalAsksForASecondPassAgainstTheHostName() throws Exception {
        String cfg = """
                Host alias
                    HostName Real.Example
                Match final host real.example
                    User finaluser
                Host real.example
                    Port 2222
                Host *
                    IdentityFile /k/%h
                """;
        HostConfig h = c.resolve(cfg, "alias");
        assertEquals("finaluser", h.user());
        assertEquals(2222, h.port(), "Host patterns see the HostName in the final pass");
        assertEquals(List.of(Path.of("/k/real.example")), h.identityFiles(), "lines read twice are not added twice");
        assertEquals(22, c.resolve(cfg.replace("Match final host", "Match host real.example host"), "alias").port(),
                "no second pass without final");
        assertEquals(22, c.resolve("Host x\n HostName x.y\nMatch host final\n Port 1\nHost x.y\n Port 2\n", "x").port(),
                "final as a host pattern asks for nothing");
    }

    @Test
    void badMatchLines() throws Exception {
        assertTrue(c.failure("Match all host x\n Port 1\n", "h").getMessage().contains("'all' cannot be combined"));
        assertTrue(c.failure("Match host\n", "h").getMessage().contains("missing argument for Match host"));
        assertTrue(c.failure("Match colour blue\n", "h").getMessage().contains("unsupported Match attribute"));
    }

    @Test
    void matchExecIsRefusedWhenItWouldRun() throws Exception {
        SshConfigException e = c.failure("Port 1\nMatch host h exec \"test -f /x\"\n Port 2\n", "h");
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("Match exec is not supported"), e.getMessage());
        assertEquals(1, c.resolve("Port 1\nMatch host other exec \"test -f /x\"\n Port 2\n", "h").port(),
                "skipped once an earlier criterion failed, as ssh(1)");
    }
}
