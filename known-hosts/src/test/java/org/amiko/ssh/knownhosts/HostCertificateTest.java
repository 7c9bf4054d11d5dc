package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.amiko.ssh.knownhosts.LookupResult.CertifiedBy;
import org.amiko.ssh.knownhosts.LookupResult.Known;
import org.amiko.ssh.knownhosts.LookupResult.Revoked;
import org.amiko.ssh.knownhosts.LookupResult.Unknown;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code @cert-authority} lines and host certificates made by the real {@code ssh-keygen -s CA -h},
 * judged as OpenSSH 9.2's ssh(1) judges them (sshconnect.c check_host_cert), the CA signature
 * verified with the JDK for every CA type: Ed25519, ECDSA P-256/384/521, RSA with SHA-256 and SHA-512.
 */
class HostCertificateTest {

    @TempDir
    static Path keyDir;
    static TestKeys keys;
    static TestKeys.Pub ca;
    static TestKeys.Pub host;
    static int serial;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        keys = new TestKeys(keyDir);
        ca = keys.ed25519("ca");
        host = keys.ed25519("host");
    }

    /** {@code ssh-keygen -s CA -I id [-h] [-n principals] [-V validity] [extra] key.pub}; the -cert.pub key. */
    static TestKeys.Pub certify(TestKeys.Pub caKey, TestKeys.Pub hostKey, boolean hostCert, String principals, String validity,
            String... extra) {
        try {
            Path d = Files.createTempDirectory(keyDir, "cert");
            Path pub = d.resolve("key.pub");
            Files.writeString(pub, hostKey.text() + "\n");
            List<String> args = new ArrayList<>(List.of("-q", "-s", caKey.privateKey().toString(), "-I", "test-id", "-z",
                    Integer.toString(++serial)));
            if (hostCert) {
                args.add("-h");
            }
            if (principals != null) {
                args.addAll(List.of("-n", principals));
            }
            if (validity != null) {
                args.addAll(List.of("-V", validity));
            }
            args.addAll(List.of(extra));
            args.add(pub.toString());
            SshKeygen.run(d, args.toArray(new String[0]));
            return TestKeys.readPub(d.resolve("key-cert.pub"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static TestKeys.Pub hostCert(String principals) {
        return certify(ca, host, true, principals, "-5m:+1d");
    }

    private KnownHosts load(String... lines) throws IOException {
        Path f = dir.resolve("known_hosts");
        Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        KnownHosts kh = KnownHosts.load(List.of(f), List.of());
        assertEquals(List.of(), kh.problems());
        return kh;
    }

    private static LookupResult lookup(KnownHosts kh, String name, int port, TestKeys.Pub key) {
        return kh.lookup(name, port, null, key.type(), key.blob());
    }

    @Test
    void everyCaTypeIsVerifiedWithTheJdk() throws IOException {
        List<TestKeys.Pub> cas = List.of(keys.ed25519("ca-ed"), keys.get("ca-ec256", KeyType.ECDSA_256),
                keys.get("ca-ec384", KeyType.ECDSA_384), keys.get("ca-ec521", KeyType.ECDSA_521), keys.rsa("ca-rsa"));
        for (TestKeys.Pub caKey : cas) {
            for (String[] extra : caKey.type().equals("ssh-rsa") ? new String[][] {{}, {"-t", "rsa-sha2-256"}} : new String[][] {{}}) {
                TestKeys.Pub cert = certify(caKey, host, true, "server.example.com", "-5m:+1d", extra);
                KnownHosts kh = load("@cert-authority *.example.com " + caKey.text());
                CertifiedBy certified = assertInstanceOf(CertifiedBy.class, lookup(kh, "server.example.com", 22, cert),
                        caKey.type() + " " + List.of(extra));
                assertEquals(Marker.CERT_AUTHORITY, certified.ca().marker());
                assertEquals(caKey.base64(), certified.ca().keyBase64());
                assertEquals("server.example.com", certified.certificate().principals().get(0));
            }
        }
    }

    @Test
    void everyHostKeyTypeCanBeCertified() throws IOException {
        for (TestKeys.Pub hostKey : List.of(host, keys.get("h-ec256", KeyType.ECDSA_256), keys.get("h-ec521", KeyType.ECDSA_521),
                keys.rsa("h-rsa"))) {
            TestKeys.Pub cert = certify(ca, hostKey, true, "server", "-5m:+1d");
            assertEquals(hostKey.type() + "-cert-v01@openssh.com", cert.type());
            assertInstanceOf(CertifiedBy.class, lookup(load("@cert-authority server " + ca.text()), "server", 22, cert));
        }
    }

    @Test
    void certificateFieldsAreParsed() {
        TestKeys.Pub cert = certify(ca, host, true, "a.example.com,b.example.com", "20200101:20300101");
        HostCertificate c = HostCertificate.of(cert.blob());
        assertEquals("ssh-ed25519-cert-v01@openssh.com", c.keyType());
        assertEquals("ssh-ed25519", c.plainKeyType());
        assertEquals(HostCertificate.HOST, c.type());
        assertEquals("test-id", c.keyId());
        assertEquals(serial, c.serial());
        assertEquals(List.of("a.example.com", "b.example.com"), c.principals());
        assertEquals(List.of(), c.criticalOptions());
        assertEquals("ssh-ed25519", c.signatureAlgorithm());
        assertEquals(host.base64(), java.util.Base64.getEncoder().encodeToString(c.plainKey()));
        assertEquals(ca.base64(), java.util.Base64.getEncoder().encodeToString(c.caKey()));
        assertTrue(c.validAfter() > 1_577_000_000L && c.validBefore() > c.validAfter());
        assertThrows(IllegalArgumentException.class, () -> HostCertificate.of(host.blob()));
    }

    @Test
    void principalsAsOpenSshChecksThem() throws IOException {
        KnownHosts kh = load("@cert-authority * " + ca.text());
        assertInstanceOf(CertifiedBy.class, lookup(kh, "anything.example.org", 22, hostCert(null)),
                "a host certificate without principals is valid for any host (require_principal is 0 for hosts)");
        assertInstanceOf(CertifiedBy.class, lookup(kh, "b", 22, hostCert("a,b,c")));
        assertInstanceOf(Unknown.class, lookup(kh, "d", 22, hostCert("a,b,c")));
        assertInstanceOf(Unknown.class, lookup(kh, "a.example.com", 22, hostCert("*.example.com")),
                "ssh(1) 9.2 does not expand wildcards in principals (checked against the real ssh)");
        assertInstanceOf(CertifiedBy.class, lookup(kh, "server", 2222, hostCert("server")), "principals name the host without port");
    }

    @Test
    void validityInterval() throws IOException {
        KnownHosts kh = load("@cert-authority * " + ca.text());
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, certify(ca, host, true, "server", "20200101:20200102")), "expired");
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, certify(ca, host, true, "server", "+1d:+2d")), "not yet valid");
        TestKeys.Pub cert = hostCert("server");
        HostCertificate c = HostCertificate.of(cert.blob());
        Instant after = Instant.ofEpochSecond(c.validAfter());
        Instant before = Instant.ofEpochSecond(c.validBefore());
        assertInstanceOf(CertifiedBy.class, lookup(kh.withClock(fixed(after)), "server", 22, cert), "valid from its first second");
        assertInstanceOf(Unknown.class, lookup(kh.withClock(fixed(after.minusSeconds(1))), "server", 22, cert));
        assertInstanceOf(CertifiedBy.class, lookup(kh.withClock(fixed(before.minusSeconds(1))), "server", 22, cert));
        assertInstanceOf(Unknown.class, lookup(kh.withClock(fixed(before)), "server", 22, cert), "valid before, not at, its end");
        TestKeys.Pub forever = certify(ca, host, true, "server", null);
        assertInstanceOf(CertifiedBy.class, lookup(kh.withClock(fixed(Instant.parse("2999-01-01T00:00:00Z"))), "server", 22, forever));
    }

    private static Clock fixed(Instant t) {
        return Clock.fixed(t, ZoneOffset.UTC);
    }

    @Test
    void onlyHostCertificatesWithoutCriticalOptionsAndGoodAlgorithms() throws IOException {
        KnownHosts kh = load("@cert-authority * " + ca.text(), "@cert-authority * " + keys.rsa("ca-rsa").text());
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, certify(ca, host, false, "server", "-5m:+1d")), "a user certificate");
        TestKeys.Pub critical = certify(ca, host, true, "server", "-5m:+1d", "-O", "force-command=ls");
        assertEquals(List.of("force-command"), HostCertificate.of(critical.blob()).criticalOptions());
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, critical));
        TestKeys.Pub sha1 = certify(keys.rsa("ca-rsa"), host, true, "server", "-5m:+1d", "-t", "ssh-rsa");
        assertEquals(Optional.of("signed with ssh-rsa, which OpenSSH's default CASignatureAlgorithms refuses"),
                HostCertificate.of(sha1.blob()).problemFor("server", Instant.now()));
        assertInstanceOf(Unknown.class, lookup(kh, "server", 22, sha1));
    }

    @Test
    void aTamperedCertificateIsRefused() throws IOException {
        TestKeys.Pub cert = hostCert("server");
        byte[] blob = cert.blob();
        String text = new String(blob, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("test-id");
        blob[at + 5] = 'X'; // the key id, inside the signed part
        HostCertificate c = HostCertificate.of(blob);
        assertEquals(Optional.of("the CA signature does not verify"), c.problemFor("server", Instant.now()));
        KnownHosts kh = load("@cert-authority * " + ca.text());
        assertInstanceOf(Unknown.class, kh.lookup("server", 22, null, cert.type(), blob));
    }

    @Test
    void revocationOfTheCaOrTheCertifiedKey() throws IOException {
        TestKeys.Pub cert = hostCert("server");
        assertInstanceOf(Revoked.class, lookup(load("@cert-authority * " + ca.text(), "@revoked * " + ca.text()), "server", 22, cert));
        Revoked r = assertInstanceOf(Revoked.class, lookup(load("@cert-authority * " + ca.text(), "@revoked server " + host.text()),
                "server", 22, cert));
        assertEquals(2, r.key().line());
    }

    @Test
    void withoutATrustedCaTheCertifiedKeyIsLookedUpAsAPlainKey() throws IOException {
        TestKeys.Pub cert = hostCert("server");
        Known known = assertInstanceOf(Known.class, lookup(load("server " + host.text()), "server", 22, cert),
                "ssh(1): No matching CA found. Retry with plain key");
        assertEquals("ssh-ed25519", known.key().keyType());
        assertInstanceOf(Known.class, lookup(load("@cert-authority other " + ca.text(), "server " + host.text()), "server", 22, cert));
        assertInstanceOf(LookupResult.Changed.class, lookup(load("server " + keys.ed25519("other").text()), "server", 22, cert));
        assertInstanceOf(Unknown.class, lookup(load("@cert-authority server " + keys.ed25519("other-ca").text()), "server", 22, cert));
    }

    @Test
    void caLinesForPortsAndThePortlessFallback() throws IOException {
        TestKeys.Pub cert = hostCert("server");
        assertInstanceOf(CertifiedBy.class, lookup(load("@cert-authority [server]:2222 " + ca.text()), "server", 2222, cert));
        assertInstanceOf(Unknown.class, lookup(load("@cert-authority [server]:2222 " + ca.text()), "server", 22, cert));
        assertInstanceOf(CertifiedBy.class, lookup(load("@cert-authority server " + ca.text()), "server", 2222, cert),
                "a CA for the bare name also serves other ports, as ssh(1) checks without the port");
        assertTrue(load("@cert-authority *.example.com " + ca.text()).hasCertAuthority("a.example.com", 22));
    }

    @Test
    void certificateSignatureVerificationIsFast() {
        HostCertificate c = HostCertificate.of(hostCert("server").blob());
        long start = System.nanoTime();
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.empty(), c.problemFor("server", Instant.now()));
        }
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }
}
