package org.amiko.ssh.auth.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.keys.AuthorizedKeys;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.junit.jupiter.api.Test;

/** authorized_keys options as restrictions (sshd(8) AUTHORIZED_KEYS FILE FORMAT, OpenSSH auth-options.c). */
class KeyRestrictionsTest {

    private static final SshPublicKey KEY = new KeyPairSigner(PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "k").publicKey();
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    private static AuthorizedKey line(String options) throws Exception {
        String key = KEY.keyType() + " " + Base64.getEncoder().encodeToString(KEY.blob().toByteArray());
        return AuthorizedKeys.parseLine(options.isEmpty() ? key : options + " " + key, 1, "test");
    }

    private static KeyRestrictions of(String options) throws Exception {
        return KeyRestrictions.of(line(options));
    }

    @Test
    void noOptionsPermitEverything() throws Exception {
        assertEquals(KeyRestrictions.NONE, of(""));
        assertTrue(KeyRestrictions.NONE.allowsOpen("example.com", 22));
        assertTrue(KeyRestrictions.NONE.allowsListen("0.0.0.0", 8080));
    }

    @Test
    void restrictTakesEverythingAndLaterOptionsGiveBackInOrder() throws Exception {
        KeyRestrictions r = of("restrict");
        assertFalse(r.pty() || r.portForwarding() || r.agentForwarding() || r.x11Forwarding() || r.userRc());
        KeyRestrictions back = of("restrict,pty,port-forwarding");
        assertTrue(back.pty() && back.portForwarding());
        assertFalse(back.agentForwarding() || back.x11Forwarding() || back.userRc());
        assertFalse(of("pty,restrict").pty(), "restrict after pty takes it away again");
        KeyRestrictions some = of("no-pty,no-agent-forwarding");
        assertFalse(some.pty() || some.agentForwarding());
        assertTrue(some.portForwarding());
        assertEquals("/usr/bin/true", of("command=\"/usr/bin/true\"").forcedCommand());
    }

    @Test
    void permitOpenIsLiteralWithAnyPortByStar() throws Exception {
        KeyRestrictions r = of("permitopen=\"db.internal:5432\",permitopen=\"[::1]:*\"");
        assertTrue(r.allowsOpen("db.internal", 5432));
        assertTrue(r.allowsOpen("DB.internal", 5432));
        assertFalse(r.allowsOpen("db.internal", 5433));
        assertFalse(r.allowsOpen("db.*", 5432));
        assertTrue(r.allowsOpen("::1", 9));
        assertFalse(of("no-port-forwarding,permitopen=\"db.internal:5432\"").allowsOpen("db.internal", 5432));
    }

    @Test
    void permitListenWithoutAHostMeansLoopback() throws Exception {
        KeyRestrictions r = of("permitlisten=\"8080\",permitlisten=\"0.0.0.0:*\"");
        assertTrue(r.allowsListen("localhost", 8080));
        assertTrue(r.allowsListen("", 8080));
        assertTrue(r.allowsListen("127.0.0.1", 8080));
        assertFalse(r.allowsListen("192.0.2.1", 8080));
        assertTrue(r.allowsListen("0.0.0.0", 1));
    }

    @Test
    void fromPatternsAndCidr() throws Exception {
        assertTrue(KeyRestrictions.authorize(line("from=\"127.0.0.1\""), "127.0.0.1", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("from=\"127.0.0.1\""), "127.0.0.2", NOW).isPresent());
        assertTrue(KeyRestrictions.authorize(line("from=\"10.*,192.0.2.0/24\""), "192.0.2.77", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("from=\"192.0.2.0/24,!192.0.2.77\""), "192.0.2.77", NOW).isPresent());
        assertTrue(KeyRestrictions.authorize(line("from=\"192.0.2.0/24,!192.0.2.77\""), "192.0.2.78", NOW).isPresent());
        assertTrue(KeyRestrictions.authorize(line("from=\"2001:db8::/32\""), "2001:db8::5", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("from=\"2001:db8::/32\""), "192.0.2.1", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("from=\"*\""), null, NOW).isPresent(), "an unknown address never passes from=");
        assertEquals(null, AddressPatterns.inCidr("example.com/8", "127.0.0.1"), "no name is ever looked up");
    }

    /** A malformed network refuses the key (sshd too): a broken "!" entry must not let everyone in. */
    @Test
    void aMalformedNetworkRefusesTheKey() throws Exception {
        for (String broken : new String[] {"!10.0.0.0/33,*", "!10.0.0.1/8,*", "!example.com/8,*", "!10.0.0.0/x,*"}) {
            assertFalse(KeyRestrictions.authorize(line("from=\"" + broken + "\""), "192.0.2.1", NOW).isPresent(), broken);
        }
    }

    /** Java writes IPv6 addresses in full and with a zone; patterns are matched against the RFC 5952 form. */
    @Test
    void ipv6AddressesAreMatchedInTheirUsualForm() throws Exception {
        assertEquals("::1", AddressPatterns.canonical("0:0:0:0:0:0:0:1"));
        assertEquals("fe80::1", AddressPatterns.canonical("fe80:0:0:0:0:0:0:1%eth0"));
        assertEquals("2001:db8::5:0:0:1", AddressPatterns.canonical("2001:DB8:0:0:5:0:0:1"));
        assertEquals("192.0.2.1", AddressPatterns.canonical("::ffff:192.0.2.1"));
        assertFalse(KeyRestrictions.authorize(line("from=\"!fe80::*,*\""), "fe80:0:0:0:0:0:0:1%eth0", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("from=\"!fe80::/10,*\""), "fe80:0:0:0:0:0:0:1%eth0", NOW).isPresent());
        assertTrue(KeyRestrictions.authorize(line("from=\"::1\""), "0:0:0:0:0:0:0:1", NOW).isPresent());
    }

    @Test
    void expiryTimeInItsForms() throws Exception {
        assertEquals(ZonedDateTime.of(2026, 6, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant(), KeyRestrictions.expiryTime("20260601Z"));
        assertEquals(Instant.parse("2026-06-01T12:30:00Z"), KeyRestrictions.expiryTime("202606011230Z"));
        assertEquals(Instant.parse("2026-06-01T12:30:15Z"), KeyRestrictions.expiryTime("20260601123015Z"));
        assertNull(KeyRestrictions.expiryTime("2026-06-01"));
        assertNull(KeyRestrictions.expiryTime("20261301"));
        assertFalse(KeyRestrictions.authorize(line("expiry-time=\"202606011159Z\""), "127.0.0.1", NOW).isPresent());
        assertFalse(KeyRestrictions.authorize(line("expiry-time=\"202606011200Z\""), "127.0.0.1", NOW).isPresent());
        assertTrue(KeyRestrictions.authorize(line("expiry-time=\"202606011201Z\""), "127.0.0.1", NOW).isPresent());
    }

    @Test
    void theFirstAdmittingLineDecides() throws Exception {
        List<AuthorizedKey> lines = List.of(line("from=\"10.0.0.1\",command=\"first\""), line("command=\"second\""),
                line("cert-authority"));
        Optional<KeyRestrictions> r = PublicKeyChecker.firstAdmitting(lines, "127.0.0.1");
        assertEquals("second", r.orElseThrow().forcedCommand());
        assertEquals("first", PublicKeyChecker.firstAdmitting(lines, "10.0.0.1").orElseThrow().forcedCommand());
        assertFalse(PublicKeyChecker.firstAdmitting(List.of(line("cert-authority")), "10.0.0.1").isPresent(),
                "a CA line does not admit the plain key");
    }

    @Test
    void twoKeysTogetherAllowOnlyWhatBothAllow() throws Exception {
        KeyRestrictions a = of("no-pty,permitopen=\"a:1\",permitopen=\"b:2\"");
        KeyRestrictions b = of("permitopen=\"b:2\",command=\"x\"");
        KeyRestrictions both = a.and(b);
        assertFalse(both.pty());
        assertEquals("x", both.forcedCommand());
        assertEquals(List.of("b:2"), both.permitOpen());
        assertNull(of("command=\"x\"").and(of("command=\"y\"")));
        assertFalse(of("permitopen=\"a:1\"").and(of("permitopen=\"b:2\"")).allowsOpen("a", 1));
    }
}
