package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hashed names {@code |1|salt|hmac}: HMAC-SHA1 keyed with the salt over {@code host} or {@code [host]:port}. */
class HashedHostNameTest {

    @TempDir
    Path dir;

    @Test
    void hmacAgreesWithTheJdkMac() throws Exception {
        qt().withExamples(300).forAll(strings().allPossible().ofLengthBetween(0, 80), integers().all()).checkAssert((msg, seed) -> {
            byte[] key = new byte[20];
            new java.util.Random(seed).nextBytes(key);
            byte[] m = msg.getBytes(StandardCharsets.UTF_8);
            try {
                Mac mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(key, "HmacSHA1"));
                assertArrayEquals(mac.doFinal(m), new HmacSha1().compute(key, m));
            } catch (java.security.GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void namesHashedBySshKeygenMatch() throws Exception {
        Path file = dir.resolve("known_hosts");
        String key = "ssh-ed25519 " + LineParserTest.ed25519Base64(3);
        Files.writeString(file, "Host.Example.com,[10.9.8.7]:2222 " + key + "\n");
        OpenSshKnownHosts.hash(file);
        List<KnownHostsLine.Entry> entries = KnownHostsFile.read(file).entries();
        assertEquals(2, entries.size(), "ssh-keygen -H splits the list into one hashed line per name");
        HostNames first = entries.get(0).hosts();
        HostNames second = entries.get(1).hosts();
        assertInstanceOf(HashedHostName.class, first);
        assertTrue(first.matches("host.example.com", 22));
        assertTrue(first.matches("HOST.example.com", 22), "ssh(1) lower-cases names before hashing, and so do we");
        assertFalse(first.matches("host.example.com", 2222));
        assertTrue(second.matches("10.9.8.7", 2222));
        assertFalse(second.matches("10.9.8.7", 22));
    }

    @Test
    void ourHashesHaveOpenSshsShape() {
        HashedHostName h = HashedHostName.hash("example.com", 2222, new SecureRandom());
        assertTrue(h.text().matches("\\|1\\|[A-Za-z0-9+/]{27}=\\|[A-Za-z0-9+/]{27}="), h.text());
        assertTrue(h.matches("example.com", 2222));
        assertFalse(h.matches("example.com", 22));
        String[] parts = h.text().split("\\|");
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        assertArrayEquals(Base64.getDecoder().decode(parts[3]),
                new HmacSha1().compute(salt, "[example.com]:2222".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void nonCanonicalSaltOrHmacIsMalformed() {
        String salt = Base64.getEncoder().encodeToString(new byte[20]);
        String hmac = Base64.getEncoder().encodeToString(new byte[20]);
        String key = " ssh-ed25519 " + LineParserTest.ed25519Base64(3);
        assertInstanceOf(KnownHostsLine.Entry.class, KnownHostsLine.parse("|1|" + salt + "|" + hmac + key, 1, true));
        for (String bad : List.of("|1|" + salt.replace("=", "") + "|" + hmac, "|1|" + salt + "|" + hmac + "|",
                "|1|" + salt.substring(0, 26) + "B=|" + hmac, "|1|" + Base64.getEncoder().encodeToString(new byte[19]) + "|" + hmac,
                "|1||" + hmac, "|1|" + salt)) {
            assertInstanceOf(KnownHostsLine.Malformed.class, KnownHostsLine.parse(bad + key, 1, true), bad);
        }
    }
}
