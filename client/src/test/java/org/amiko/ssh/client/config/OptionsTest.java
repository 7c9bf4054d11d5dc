package org.amiko.ssh.client.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One option at a time: its parsing, its default, and the values it refuses. */
class OptionsTest {

    @TempDir
    Path home;

    private Configs c;

    @BeforeEach
    void setUp() throws Exception {
        c = new Configs(home);
    }

    @Test
    void defaultsWhenNothingIsConfigured() throws Exception {
        HostConfig h = SshConfig.load(c.write(".ssh/config", ""), home, "me").resolve("Example.COM", List.of());
        assertEquals("example.com", h.hostName());
        assertEquals(22, h.port());
        assertEquals("me", h.user());
        assertEquals(List.of(), h.identityFiles());
        assertFalse(h.identitiesOnly());
        assertEquals(Optional.empty(), h.identityAgent());
        assertEquals(StrictHostKeyChecking.ASK, h.strictHostKeyChecking());
        assertEquals(List.of(home.resolve(".ssh/known_hosts"), home.resolve(".ssh/known_hosts2")),
                h.userKnownHostsFiles());
        assertEquals(List.of(Path.of("/etc/ssh/ssh_known_hosts"), Path.of("/etc/ssh/ssh_known_hosts2")),
                h.globalKnownHostsFiles());
        assertFalse(h.hashKnownHosts());
        assertEquals(List.of(), h.proxyJump());
        assertEquals(Optional.empty(), h.connectTimeout());
        assertEquals(Duration.ZERO, h.serverAliveInterval());
        assertEquals(3, h.serverAliveCountMax());
        assertFalse(h.compression());
        assertEquals(KexMethods.defaultNames(), h.kexAlgorithms());
        assertEquals(Ciphers.defaultNames(), h.ciphers());
        assertEquals(Macs.defaultNames(), h.macs());
        assertEquals(SignatureAlgorithm.defaultNames(), h.hostKeyAlgorithms());
        assertEquals(SignatureAlgorithm.defaultNames(), h.pubkeyAcceptedAlgorithms());
        assertEquals(List.of("publickey", "keyboard-interactive", "password"), h.preferredAuthentications());
        assertTrue(h.passwordAuthentication());
        assertTrue(h.pubkeyAuthentication());
        assertTrue(h.kbdInteractiveAuthentication());
        assertEquals(0, h.rekeyLimitBytes());
        assertEquals(Duration.ZERO, h.rekeyLimitTime());
        assertFalse(h.batchMode());
        assertEquals(LogLevel.INFO, h.logLevel());
    }

    @Test
    void noneHasNoFiles() throws Exception {
        HostConfig h = SshConfig.none().resolve("h", List.of("Port 2222", "User=bob"));
        assertEquals(2222, h.port());
        assertEquals("bob", h.user());
    }

    @Test
    void hostNameWithPercentH() throws Exception {
        assertEquals("h.internal", c.resolve("HostName %h.internal\n", "h").hostName());
        assertEquals("10.0.0.1", c.resolve("HostName 10.0.0.1\n", "h").hostName());
        assertEquals("big.example", c.resolve("HostName BIG.Example\n", "h").hostName(), "lower-cased as ssh(1)");
        assertTrue(c.failure("HostName %p.x\n", "h").getMessage().contains("unknown token %p"));
    }

    @Test
    void port() throws Exception {
        assertEquals(2222, c.resolve("Port 2222\n", "h").port());
        assertEquals(65535, c.resolve("Port 65535\n", "h").port());
        for (String bad : List.of("0", "65536", "-1", "twenty", "22x")) {
            SshConfigException e = c.failure("Port " + bad + "\n", "h");
            assertEquals(1, e.line());
            assertTrue(e.getMessage().contains("bad port '" + bad + "'"), e.getMessage());
        }
        assertTrue(c.failure("Port 22 23\n", "h").getMessage().contains("extra arguments"));
    }

    @Test
    void user() throws Exception {
        assertEquals("alice", c.resolve("User alice\n", "h").user());
        assertEquals("a b", c.resolve("User \"a b\"\n", "h").user());
    }

    @Test
    void identityFilesAccumulateInOrderWithoutDuplicates() throws Exception {
        HostConfig h = c.resolve("Host h\n IdentityFile /k/one\nHost *\n IdentityFile /k/two\n IdentityFile /k/one\n",
                "h", "IdentityFile=/k/zero");
        assertEquals(List.of(Path.of("/k/zero"), Path.of("/k/one"), Path.of("/k/two")), h.identityFiles());
    }

    @Test
    void identitiesOnlyAndBooleans() throws Exception {
        assertTrue(c.resolve("IdentitiesOnly yes\n", "h").identitiesOnly());
        assertTrue(c.resolve("IdentitiesOnly TRUE\n", "h").identitiesOnly());
        assertFalse(c.resolve("IdentitiesOnly false\n", "h").identitiesOnly());
        assertTrue(c.failure("IdentitiesOnly maybe\n", "h").getMessage().contains("maybe"));
        assertTrue(c.resolve("HashKnownHosts yes\n", "h").hashKnownHosts());
        assertTrue(c.resolve("BatchMode yes\n", "h").batchMode());
        assertFalse(c.resolve("PasswordAuthentication no\n", "h").passwordAuthentication());
        assertFalse(c.resolve("PubkeyAuthentication no\n", "h").pubkeyAuthentication());
        assertFalse(c.resolve("KbdInteractiveAuthentication no\n", "h").kbdInteractiveAuthentication());
        assertFalse(c.resolve("ChallengeResponseAuthentication no\n", "h").kbdInteractiveAuthentication());
    }

    @Test
    void compressionTakesOnlyYesOrNo() throws Exception {
        assertTrue(c.resolve("Compression yes\n", "h").compression());
        assertFalse(c.resolve("Compression no\n", "h").compression());
        assertTrue(c.failure("Compression true\n", "h").getMessage().contains("\"true\""), "as ssh(1)");
    }

    @Test
    void identityAgent() throws Exception {
        assertEquals(Optional.of("none"), c.resolve("IdentityAgent none\n", "h").identityAgent());
        assertEquals(Optional.of("SSH_AUTH_SOCK"), c.resolve("IdentityAgent SSH_AUTH_SOCK\n", "h").identityAgent());
        assertEquals(Optional.of(home.resolve("agent.sock").toString()),
                c.resolve("IdentityAgent ~/agent.sock\n", "h").identityAgent());
        assertEquals(Optional.of(home + "/s/h"), c.resolve("IdentityAgent %d/s/%h\n", "h").identityAgent());
    }

    @Test
    void strictHostKeyChecking() throws Exception {
        assertEquals(StrictHostKeyChecking.YES, c.resolve("StrictHostKeyChecking yes\n", "h").strictHostKeyChecking());
        assertEquals(StrictHostKeyChecking.NO, c.resolve("StrictHostKeyChecking no\n", "h").strictHostKeyChecking());
        assertEquals(StrictHostKeyChecking.NO, c.resolve("StrictHostKeyChecking off\n", "h").strictHostKeyChecking());
        assertEquals(StrictHostKeyChecking.ACCEPT_NEW,
                c.resolve("StrictHostKeyChecking accept-new\n", "h").strictHostKeyChecking());
        assertEquals(StrictHostKeyChecking.ASK, c.resolve("StrictHostKeyChecking ask\n", "h").strictHostKeyChecking());
        assertTrue(c.failure("StrictHostKeyChecking sometimes\n", "h").getMessage().contains("sometimes"));
    }

    @Test
    void knownHostsFiles() throws Exception {
        HostConfig h = c.resolve("UserKnownHostsFile ~/kh/%h /dev/null \"/with space/%u\"\n"
                + "GlobalKnownHostsFile /etc/one /etc/two\n", "h");
        assertEquals(List.of(home.resolve("kh/h"), Path.of("/dev/null"), Path.of("/with space/me")),
                h.userKnownHostsFiles());
        assertEquals(List.of(Path.of("/etc/one"), Path.of("/etc/two")), h.globalKnownHostsFiles());
        assertEquals(List.of(), c.resolve("UserKnownHostsFile none\n", "h").userKnownHostsFiles());
        assertEquals(List.of(), c.resolve("GlobalKnownHostsFile none\n", "h").globalKnownHostsFiles());
    }

    @Test
    void proxyJump() throws Exception {
        assertEquals(List.of(new JumpHost("u", "bastion", 2222), new JumpHost(null, "second", 0),
                        new JumpHost(null, "::1", 22), new JumpHost("x", "y", 3)),
                c.resolve("ProxyJump u@bastion:2222,second,[::1]:22,ssh://x@y:3\n", "h").proxyJump());
        assertEquals(List.of(), c.resolve("ProxyJump none\nHost *\nProxyJump later\n", "h").proxyJump(),
                "none is a value: it wins over later lines");
        assertTrue(c.failure("ProxyJump a,,b\n", "h").getMessage().contains("invalid ProxyJump"));
        assertTrue(c.failure("ProxyJump a:99999\n", "h").getMessage().contains("bad port"));
        assertEquals("u@[::1]:22", new JumpHost("u", "::1", 22).toString());
    }

    @Test
    void timesAndCounts() throws Exception {
        assertEquals(Optional.of(Duration.ofSeconds(90)), c.resolve("ConnectTimeout 1m30s\n", "h").connectTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(10)), c.resolve("ConnectTimeout 10\n", "h").connectTimeout());
        assertEquals(Optional.empty(), c.resolve("ConnectTimeout none\nHost *\nConnectTimeout 5\n", "h").connectTimeout());
        assertTrue(c.failure("ConnectTimeout soon\n", "h").getMessage().contains("invalid time value"));
        assertEquals(Duration.ofSeconds(7200), c.resolve("ServerAliveInterval 2h\n", "h").serverAliveInterval());
        assertEquals(Duration.ofSeconds(15), c.resolve("ServerAliveInterval 15\n", "h").serverAliveInterval());
        assertEquals(Duration.ofMinutes(5), c.resolve("BatchMode yes\n", "h").serverAliveInterval());
        assertEquals(Duration.ZERO, c.resolve("BatchMode yes\nServerAliveInterval 0\n", "h").serverAliveInterval());
        assertEquals(0, c.resolve("ServerAliveCountMax 0\n", "h").serverAliveCountMax());
        assertEquals(10, c.resolve("ServerAliveCountMax 10\n", "h").serverAliveCountMax());
        assertTrue(c.failure("ServerAliveCountMax -1\n", "h").getMessage().contains("bad number"));
    }

    @Test
    void rekeyLimit() throws Exception {
        HostConfig h = c.resolve("RekeyLimit 1G 1h\n", "h");
        assertEquals(1L << 30, h.rekeyLimitBytes());
        assertEquals(Duration.ofHours(1), h.rekeyLimitTime());
        assertEquals(1536, c.resolve("RekeyLimit 1.5K\n", "h").rekeyLimitBytes());
        assertEquals(500L << 20, c.resolve("RekeyLimit 500M none\n", "h").rekeyLimitBytes());
        HostConfig d = c.resolve("RekeyLimit default 30m\n", "h");
        assertEquals(0, d.rekeyLimitBytes());
        assertEquals(Duration.ofMinutes(30), d.rekeyLimitTime());
        assertTrue(c.failure("RekeyLimit 10\n", "h").getMessage().contains("too small"));
        assertTrue(c.failure("RekeyLimit lots\n", "h").getMessage().contains("bad size"));
        assertTrue(c.failure("RekeyLimit 1G 1h 2\n", "h").getMessage().contains("extra arguments"));
    }

    @Test
    void logLevel() throws Exception {
        assertEquals(LogLevel.DEBUG1, c.resolve("LogLevel debug\n", "h").logLevel());
        assertEquals(LogLevel.DEBUG3, c.resolve("LogLevel DEBUG3\n", "h").logLevel());
        assertEquals(LogLevel.QUIET, c.resolve("LogLevel quiet\n", "h").logLevel());
        assertEquals(LogLevel.VERBOSE, c.resolve("LogLevel VERBOSE\n", "h").logLevel());
        assertTrue(c.failure("LogLevel LOUD\n", "h").getMessage().contains("LOUD"));
    }

    @Test
    void preferredAuthentications() throws Exception {
        assertEquals(List.of("password", "publickey"),
                c.resolve("PreferredAuthentications password,publickey\n", "h").preferredAuthentications());
    }

    @Test
    void algorithmOptionsUseTheRegistries() throws Exception {
        assertEquals(List.of(Ciphers.AES256_CTR), c.resolve("Ciphers aes256-ctr\n", "h").ciphers());
        assertEquals(List.of(KexMethods.CURVE25519_SHA256),
                c.resolve("KexAlgorithms curve25519-sha256\n", "h").kexAlgorithms());
        assertTrue(c.resolve("MACs +hmac-sha1\n", "h").macs().contains(Macs.HMAC_SHA1));
        assertEquals(List.of("ssh-ed25519"), c.resolve("HostKeyAlgorithms ssh-ed25519\n", "h").hostKeyAlgorithms());
        assertEquals(List.of("rsa-sha2-512"),
                c.resolve("PubkeyAcceptedKeyTypes rsa-sha2-512\n", "h").pubkeyAcceptedAlgorithms(), "old name");
        assertEquals(List.of("rsa-sha2-256"),
                c.resolve("PubkeyAcceptedAlgorithms rsa-sha2-256\n", "h").pubkeyAcceptedAlgorithms());
        SshConfigException typo = c.failure("Host other\nCiphers aes256-ctrr\n", "h");
        assertEquals(2, typo.line(), "checked even where the block does not apply, as ssh(1)");
        assertTrue(typo.getMessage().contains("aes256-ctrr"));
        SshConfigException unsupported = c.failure("\nCiphers aes128-cbc\n", "h");
        assertEquals(2, unsupported.line());
        assertTrue(unsupported.getMessage().contains("aes128-cbc"), unsupported.getMessage());
    }

    @Test
    void unknownKeywordsAreErrorsUnlessIgnored() throws Exception {
        SshConfigException e = c.failure("Port 22\nFrobnicate yes\n", "h");
        assertEquals(c.file.toString(), e.source());
        assertEquals(2, e.line());
        assertEquals(c.file + " line 2: bad configuration option: frobnicate", e.getMessage());
        assertEquals(2200, c.resolve("IgnoreUnknown Frob*,UseKeychain\nFrobnicate yes\nPort 2200\n", "h").port());
        c.failure("Host other\nIgnoreUnknown Frob*\nHost *\nFrobnicate yes\n", "h");
        assertEquals(22, c.resolve("SendEnv LANG LC_*\nGSSAPIAuthentication yes\nProxyCommand ssh -W %h:%p x\n"
                + "ForwardAgent yes\nCertificateFile ~/c\nProtocol 2\n", "h").port(), "known keywords are ignored");
    }

    @Test
    void commandLineOptionsAreCheckedToo() throws Exception {
        SshConfigException e = c.failure("", "h", "Port 22", "Port nope");
        assertEquals("command line", e.source());
        assertEquals(2, e.line());
        assertTrue(c.failure("", "h", "Host x").getMessage().contains("not supported as a command-line option"));
        assertTrue(c.failure("", "h", "Include /x").getMessage().contains("not supported as a command-line option"));
    }
}
