package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.amiko.ssh.knownhosts.LookupResult.Changed;
import org.amiko.ssh.knownhosts.LookupResult.Known;
import org.amiko.ssh.knownhosts.LookupResult.Revoked;
import org.amiko.ssh.knownhosts.LookupResult.Unknown;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KnownHosts#lookup} case by case, as OpenSSH 9.2's ssh(1) decides (see the class Javadoc). */
class LookupTest {

    @TempDir
    static Path keyDir;
    static TestKeys keys;
    static TestKeys.Pub a;
    static TestKeys.Pub b;
    static TestKeys.Pub rsa;
    static TestKeys.Pub ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        keys = new TestKeys(keyDir);
        a = keys.ed25519("a");
        b = keys.ed25519("b");
        rsa = keys.rsa("rsa");
        ec = keys.get("ec", KeyType.ECDSA_384);
    }

    private Path file(String name, String... lines) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return f;
    }

    private KnownHosts load(String... lines) throws IOException {
        return KnownHosts.load(List.of(file("known_hosts", lines)), List.of());
    }

    private static LookupResult lookup(KnownHosts kh, String host, int port, TestKeys.Pub key) {
        return kh.lookup(host, port, null, key.type(), key.blob());
    }

    @Test
    void knownKeyCarriesWhereItWasFound() throws IOException {
        KnownHosts kh = load("# c", "server " + b.text(), "server " + a.text() + " my comment");
        Known known = assertInstanceOf(Known.class, lookup(kh, "server", 22, a));
        assertEquals(3, known.key().line());
        assertEquals(dir.resolve("known_hosts"), known.key().file());
        assertEquals("ssh-ed25519", known.key().keyType());
        assertEquals(a.base64(), known.key().keyBase64());
        assertEquals(SshKeygen.fingerprint(a.privateKey()), known.key().fingerprint());
        assertEquals(Marker.NONE, known.key().marker());
        assertEquals("my comment", known.key().comment());
        assertInstanceOf(Known.class, lookup(kh, "SERVER", 22, a), "names compare without regard to case");
    }

    @Test
    void changedSameTypeAndOtherTypes() throws IOException {
        KnownHosts kh = load("server " + rsa.text(), "server " + b.text(), "other " + a.text());
        Changed same = assertInstanceOf(Changed.class, lookup(kh, "server", 22, a));
        assertTrue(same.sameTypeDiffers());
        assertEquals(List.of("ssh-rsa", "ssh-ed25519"), same.knownKeys().stream().map(KnownKey::keyType).toList());
        Changed other = assertInstanceOf(Changed.class, lookup(kh, "server", 22, ec));
        assertFalse(other.sameTypeDiffers(), "only keys of other types are known");
    }

    @Test
    void unknownListsTheSearchedFiles() throws IOException {
        Path user = file("user", "other " + a.text());
        Path global = dir.resolve("missing-global");
        KnownHosts kh = KnownHosts.load(List.of(user), List.of(global));
        Unknown unknown = assertInstanceOf(Unknown.class, lookup(kh, "server", 22, a));
        assertEquals(List.of(user, global), unknown.searchedFiles());
        assertEquals(List.of(), kh.problems(), "a missing file is an empty one");
    }

    @Test
    void revocationWinsOverEverything() throws IOException {
        KnownHosts kh = load("server " + a.text(), "@revoked * " + a.text());
        Revoked revoked = assertInstanceOf(Revoked.class, lookup(kh, "server", 22, a));
        assertEquals(2, revoked.key().line());
        assertEquals(Marker.REVOKED, revoked.key().marker());
        assertInstanceOf(Revoked.class, lookup(kh, "elsewhere", 2222, a));
        assertInstanceOf(Known.class, lookup(load("server " + a.text(), "@revoked other " + a.text()), "server", 22, a),
                "a @revoked line counts only for the hosts it names");
    }

    @Test
    void markerLinesAreNotHostKeys() throws IOException {
        KnownHosts kh = load("@cert-authority server " + a.text());
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, a), "a CA key is not accepted as the host key");
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, b), "nor does a CA line make the host key changed");
        assertTrue(kh.hasCertAuthority("server", 22));
        assertFalse(kh.hasCertAuthority("other", 22));
    }

    @Test
    void portsAndThePortlessFallback() throws IOException {
        KnownHosts kh = load("[server]:2222 " + a.text(), "plain " + a.text(), "both " + a.text(), "[both]:2222 " + b.text());
        assertInstanceOf(Known.class, lookup(kh, "server", 2222, a));
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, a));
        assertInstanceOf(Changed.class, lookup(kh, "server", 2222, b));
        assertInstanceOf(Known.class, lookup(kh, "plain", 2222, a), "ssh(1): checking without port identifier");
        assertInstanceOf(Unknown.class, lookup(kh, "plain", 2222, b), "the fallback only ever accepts");
        assertInstanceOf(Changed.class, lookup(kh, "both", 2222, a), "no fallback when [host]:port has other keys");
        assertEquals(2, assertInstanceOf(Known.class, lookup(kh, "plain", 0, a)).key().line(), "port 0 is the bare name");
    }

    @Test
    void hostIpCountsAsCheckHostIpDoes() throws IOException {
        KnownHosts kh = load("server " + a.text(), "10.0.0.1 " + b.text(), "[10.0.0.1]:2222 " + a.text(), "moved " + a.text(),
                "10.0.0.2 " + a.text(), "@revoked 10.0.0.3 " + a.text());
        assertInstanceOf(Changed.class, kh.lookup("server", 22, "10.0.0.1", a.type(), a.blob()),
                "the key differs from the one known for the IP address");
        assertInstanceOf(Known.class, kh.lookup("server", 22, "10.0.0.2", a.type(), a.blob()));
        assertInstanceOf(Known.class, kh.lookup("server", 22, "10.0.0.9", a.type(), a.blob()), "an unknown IP changes nothing");
        assertInstanceOf(Unknown.class, kh.lookup("newhost", 22, "10.0.0.2", a.type(), a.blob()),
                "entries for the IP alone do not make a host known");
        assertInstanceOf(Revoked.class, kh.lookup("server", 22, "10.0.0.3", a.type(), a.blob()));
        assertInstanceOf(Known.class, kh.lookup("moved", 2222, "10.0.0.1", a.type(), a.blob()),
                "on another port the IP is looked up as [ip]:port, which holds this key");
        assertInstanceOf(Changed.class, kh.lookup("moved", 22, "10.0.0.1", a.type(), a.blob()));
    }

    @Test
    void userFilesComeBeforeGlobalFilesAndAllCount() throws IOException {
        Path user = file("user", "server " + b.text());
        Path global = file("global", "server " + a.text(), "server " + rsa.text());
        KnownHosts kh = KnownHosts.load(List.of(user), List.of(global));
        Known known = assertInstanceOf(Known.class, lookup(kh, "server", 22, a));
        assertEquals(global, known.key().file());
        Changed changed = assertInstanceOf(Changed.class, lookup(kh, "server", 22, ec));
        assertEquals(List.of(user, global, global), changed.knownKeys().stream().map(KnownKey::file).toList());
        assertEquals(List.of("ssh-ed25519", "ssh-rsa"), kh.knownKeyTypes("server", 22));
    }

    @Test
    void knownKeyTypesInFileOrderWithoutMarkersOrRepeats() throws IOException {
        KnownHosts kh = load("@cert-authority * " + b.text(), "server " + ec.text(), "*.com,server " + rsa.text(),
                "server " + a.text(), "server " + b.text(), "@revoked server " + rsa.text(), "[server]:2222 " + a.text());
        assertEquals(List.of("ecdsa-sha2-nistp384", "ssh-rsa", "ssh-ed25519"), kh.knownKeyTypes("server", 22));
        assertEquals(List.of("ssh-ed25519"), kh.knownKeyTypes("server", 2222));
        assertEquals(List.of(), kh.knownKeyTypes("nobody", 22));
    }

    @Test
    void hashedAndNegatedEntries() throws IOException {
        Path f = file("known_hosts", "*.example.com,!bad.example.com " + a.text());
        KnownHostsEditor.of(f).add("Hashed.Example.ORG", 2222, a.type(), a.blob(), true, "");
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertInstanceOf(Known.class, lookup(kh, "good.example.com", 22, a));
        assertInstanceOf(Unknown.class, lookup(kh, "bad.example.com", 22, a), "a matching negation rejects the line");
        assertInstanceOf(Known.class, lookup(kh, "hashed.example.org", 2222, a));
        assertInstanceOf(Known.class, lookup(kh, "HASHED.example.org", 2222, a));
        assertInstanceOf(Unknown.class, lookup(kh, "hashed.example.org", 22, a));
    }

    @Test
    void manyNamesAskedTwiceGetTheSameAnswers() throws IOException {
        Path f = dir.resolve("many");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 3 * KnownHosts.RECENT_NAMES; i++) {
            sb.append("h").append(i).append(' ').append(i % 2 == 0 ? a.text() : b.text()).append('\n');
        }
        Files.writeString(f, sb);
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 3 * KnownHosts.RECENT_NAMES; i++) {
                assertEquals(i + 1, assertInstanceOf(Known.class, lookup(kh, "h" + i, 22, i % 2 == 0 ? a : b)).key().line());
                assertInstanceOf(Changed.class, lookup(kh, "h" + i, 22, i % 2 == 0 ? b : a));
                assertEquals(List.of("ssh-ed25519"), kh.knownKeyTypes("h" + i, 22));
            }
        }
    }

    @Test
    void rsaSignatureAlgorithmsNameRsaKeys() throws IOException {
        KnownHosts kh = load("server " + rsa.text());
        assertInstanceOf(Known.class, kh.lookup("server", 22, null, "rsa-sha2-512", rsa.blob()));
        assertInstanceOf(Known.class, kh.lookup("server", 22, null, "rsa-sha2-256", rsa.blob()));
    }

    @Test
    void aKeyThatIsNotItsTypeIsTheCallersError() throws IOException {
        KnownHosts kh = load("server " + a.text());
        assertThrows(IllegalArgumentException.class, () -> kh.lookup("server", 22, null, "ssh-rsa", a.blob()));
        assertThrows(IllegalArgumentException.class, () -> kh.lookup("server", 22, null, "ssh-ed25519", new byte[] {0, 0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> kh.lookup("server", 70000, null, a.type(), a.blob()));
    }

    @Test
    void problemsNameFileAndLineAndTheRestStillCounts() throws IOException {
        Path f = file("known_hosts", "server ssh-foo AAAA", "server " + a.text(), "@nope server " + a.text());
        KnownHosts kh = KnownHosts.load(List.of(f, dir), List.of());
        assertEquals(3, kh.problems().size(), kh.problems().toString());
        assertEquals(new Problem(f, 1, "unknown key type ssh-foo"), kh.problems().get(0));
        assertEquals(3, kh.problems().get(1).line());
        assertEquals(dir, kh.problems().get(2).file());
        assertEquals(0, kh.problems().get(2).line(), "a directory cannot be read as a file");
        assertInstanceOf(Known.class, lookup(kh, "server", 22, a));
        assertEquals(1, kh.entryCount());
    }
}
