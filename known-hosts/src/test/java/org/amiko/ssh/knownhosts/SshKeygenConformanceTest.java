package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.transport.testing.KeyType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * amiko agrees with the real {@code ssh-keygen} host by host: which lines {@code ssh-keygen -F}
 * finds (plain names, {@code ssh-keygen -H} hashed names, ports, wildcards, negations, markers,
 * mixed key types, CRLF lines, junk), and what {@code ssh-keygen -R} leaves of a file.
 */
class SshKeygenConformanceTest {

    /** host, port: every query is made for each. */
    record Query(String host, int port) {
        String name() {
            return OpenSshKnownHosts.name(host, port);
        }
    }

    static final List<Query> QUERIES = List.of(
            new Query("alpha.example.com", 22), new Query("alpha.example.com", 2222),
            new Query("beta.example.com", 22), new Query("beta.example.com", 2222), new Query("10.0.0.2", 22),
            new Query("gamma.example.com", 22), new Query("gamma.example.com", 2222), new Query("gamma.example.com", 2223),
            new Query("a.wild.example.com", 22), new Query("bad.wild.example.com", 22), new Query("wild.example.com", 22),
            new Query("host1", 22), new Query("host12", 22), new Query("host1", 2201), new Query("host1", 2301),
            new Query("neg.example.com", 22), new Query("x.example.com", 22), new Query("upper.example.com", 22),
            new Query("10.0.0.9", 22), new Query("10.0.0.9", 2222), new Query("unknown.org", 22), new Query("crlf.example.com", 22),
            new Query("multi.example.com", 22), new Query("::1", 22), new Query("::1", 2200), new Query("dup.example.com", 22));

    @TempDir
    static Path dir;
    static TestKeys keys;
    static String plain;

    @BeforeAll
    static void makeKeysAndFile() {
        keys = new TestKeys(dir);
        String a = keys.ed25519("a").text();
        String b = keys.ed25519("b").text();
        String c = keys.ed25519("c").text();
        String ec256 = keys.get("ec256", KeyType.ECDSA_256).text();
        String ec384 = keys.get("ec384", KeyType.ECDSA_384).text();
        String ec521 = keys.get("ec521", KeyType.ECDSA_521).text();
        String rsa = keys.rsa("rsa").text();
        String ca = keys.ed25519("ca").text();
        String revoked = keys.ed25519("revoked").text();
        plain = String.join("\n",
                "# known_hosts for the conformance test",
                "alpha.example.com " + a,
                "alpha.example.com " + ec256 + " with a comment",
                "alpha.example.com " + rsa,
                "",
                "beta.example.com,10.0.0.2 " + b,
                "[beta.example.com]:2222 " + c,
                "[gamma.example.com]:2222,gamma.example.com " + ec384,
                "*.wild.example.com " + a,
                "*.wild.example.com,!bad.wild.example.com " + ec521,
                "host? " + b,
                "[host?]:22?? " + c,
                "!neg.example.com,*.example.com " + c,
                "@cert-authority *.example.com " + ca,
                "@revoked * " + revoked,
                "UPPER.Example.COM " + a,
                "10.0.0.* " + rsa,
                "crlf.example.com " + b + "\r",
                "multi.example.com,other.example.com\t" + a.replace(' ', '\t'),
                "::1 " + a,
                "[::1]:2200 " + b,
                "dup.example.com " + a,
                "dup.example.com " + a,
                "   # an indented comment",
                "") ;
    }

    private static Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    private static List<Long> amikoFind(Path file, Query q) {
        KnownHosts hosts = KnownHosts.load(List.of(file), List.of());
        List<Long> lines = new ArrayList<>();
        for (KnownKey k : hosts.find(q.host(), q.port())) {
            lines.add(k.line());
        }
        return lines;
    }

    private static void assertFindAgrees(Path file) {
        int found = 0;
        for (Query q : QUERIES) {
            List<Long> openssh = OpenSshKnownHosts.find(file, q.name());
            assertEquals(openssh, amikoFind(file, q), "ssh-keygen -F " + q.name() + " on " + file.getFileName());
            found += openssh.isEmpty() ? 0 : 1;
        }
        assertTrue(found >= 15, "the queries should mostly find something, found " + found);
    }

    @Test
    void findAgreesOnPlainNames() throws IOException {
        Path file = write("plain", plain);
        assertEquals(List.of(), KnownHosts.load(List.of(file), List.of()).problems());
        assertFindAgrees(file);
    }

    @Test
    void findAgreesOnNamesHashedBySshKeygen() throws IOException {
        Path file = write("hashed", plain);
        OpenSshKnownHosts.hash(file);
        String hashed = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(hashed.contains("|1|"), hashed);
        assertTrue(hashed.contains("*.wild.example.com"), "ssh-keygen -H leaves wildcard lines alone");
        KnownHostsFile parsed = KnownHostsFile.read(file);
        assertEquals(List.of(), parsed.malformed());
        long hashedEntries = parsed.entries().stream().filter(e -> e.hosts() instanceof HashedHostName).count();
        assertTrue(hashedEntries >= 15, "hashed entries: " + hashedEntries);
        assertFindAgrees(file);
    }

    @Test
    void findAgreesOnNamesHashedByAmiko() throws IOException {
        Path file = write("amiko-hashed", plain);
        KnownHostsEditor editor = KnownHostsEditor.of(file);
        for (String host : List.of("delta.example.com", "Epsilon.Example.com", "10.1.2.3", "::1")) {
            for (int port : new int[] {22, 2222}) {
                editor.add(host, port, "ssh-ed25519", keys.ed25519("b").blob(), true, "");
            }
        }
        List<Query> queries = new ArrayList<>(QUERIES);
        for (String host : List.of("delta.example.com", "epsilon.example.com", "10.1.2.3", "::1")) {
            queries.add(new Query(host, 22));
            queries.add(new Query(host, 2222));
        }
        for (Query q : queries) {
            assertEquals(OpenSshKnownHosts.find(file, q.name()), amikoFind(file, q), "ssh-keygen -F " + q.name());
        }
        long deltaLine = Files.readAllLines(file, StandardCharsets.ISO_8859_1).size() - 6; // the 2nd of the 8 lines added
        assertEquals(List.of(15L, deltaLine), OpenSshKnownHosts.find(file, "[delta.example.com]:2222"),
                "the @revoked * line and the hashed line amiko wrote");
    }

    @Test
    void findAgreesWithJunkLinesAround() throws IOException {
        String junk = String.join("\n",
                "alpha.example.com ssh-foo AAAA",
                "@bogus alpha.example.com " + keys.ed25519("a").text(),
                "alpha.example.com",
                "alpha.example.com ssh-ed25519",
                "|1|bad|hash " + keys.ed25519("a").text(),
                "");
        Path file = write("junk", junk + plain + junk);
        KnownHosts hosts = KnownHosts.load(List.of(file), List.of());
        assertEquals(10, hosts.problems().size(), hosts.problems().toString());
        assertFindAgrees(file);
    }

    @Test
    void removeAgreesWithSshKeygenR() throws IOException {
        Path original = write("plain-r", plain);
        Path hashed = write("hashed-r", plain);
        OpenSshKnownHosts.hash(hashed);
        for (Path source : List.of(original, hashed)) {
            for (Query q : QUERIES) {
                Path theirs = Files.copy(source, dir.resolve("theirs"), StandardCopyOption.REPLACE_EXISTING);
                Path ours = Files.copy(source, dir.resolve("ours"), StandardCopyOption.REPLACE_EXISTING);
                OpenSshKnownHosts.remove(theirs, q.name());
                List<KnownKey> removed = KnownHostsEditor.of(ours).remove(q.host(), q.port());
                assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours),
                        "ssh-keygen -R " + q.name() + " on " + source.getFileName());
                assertEquals(!removed.isEmpty(), !java.util.Arrays.equals(Files.readAllBytes(source), Files.readAllBytes(ours)));
            }
        }
    }

    @Test
    void removeKeepsMarkersAndWholeMultiNameLines() throws IOException {
        Path file = write("plain-markers", plain);
        List<KnownKey> removed = KnownHostsEditor.of(file).remove("x.example.com", 22);
        assertEquals(1, removed.size(), "the *.example.com line; the CA line stays");
        String after = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertTrue(after.contains("@cert-authority *.example.com"));
        assertFalse(after.contains("!neg.example.com"));
        removed = KnownHostsEditor.of(file).remove("other.example.com", 22);
        assertEquals(1, removed.size());
        assertFalse(Files.readString(file, StandardCharsets.ISO_8859_1).contains("multi.example.com"));
    }
}
