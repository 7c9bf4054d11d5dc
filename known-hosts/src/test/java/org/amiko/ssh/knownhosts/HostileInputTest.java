package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by an adversary: never an exception for the whole file, never unbounded memory or time. */
class HostileInputTest {

    static final String GOOD = "good.example.com ssh-ed25519 " + LineParserTest.ed25519Base64(9);

    @TempDir
    Path dir;

    @Test
    void aHugeLineIsReportedNotHeld() throws IOException {
        Path f = dir.resolve("known_hosts");
        try (OutputStream out = Files.newOutputStream(f)) {
            out.write((GOOD + "\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("evil.example.com ssh-ed25519 " + "A".repeat(1 << 20)).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 64; i++) { // a 64 MiB line
                out.write(chunk);
            }
            out.write(("\n" + GOOD.replace("good", "also-good")).getBytes(StandardCharsets.US_ASCII));
        }
        KnownHosts kh = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> KnownHosts.load(List.of(f), List.of()));
        assertEquals(List.of(new Problem(f, 2, "line longer than 65536 bytes")), kh.problems());
        assertEquals(2, kh.entryCount());
        assertInstanceOf(LookupResult.Known.class, kh.lookup("also-good.example.com", 22, null, "ssh-ed25519", LineParserTest.ed25519Blob(9)));
    }

    @Test
    void theEditorCopiesAHugeLineThrough() throws IOException {
        String huge = "# " + "x".repeat(3 * KnownHostsLine.MAX_LINE_LENGTH + 17) + "\r";
        String content = GOOD + "\n" + huge + "\n" + GOOD.replace("good", "other") + "\n" + huge;
        Path f = Files.writeString(dir.resolve("known_hosts"), content, StandardCharsets.ISO_8859_1);
        assertEquals(1, KnownHostsEditor.of(f).remove("good.example.com", 22).size());
        assertArrayEquals((huge + "\n" + GOOD.replace("good", "other") + "\n" + huge).getBytes(StandardCharsets.ISO_8859_1),
                Files.readAllBytes(f));
    }

    @Test
    void lengthsInsideKeyBlobsAreChecked() {
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        LineParserTest.writeString(blob, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        blob.writeBytes(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xf0, 1, 2, 3});
        assertMalformed("h ssh-ed25519 " + Base64.getEncoder().encodeToString(blob.toByteArray()));

        ByteArrayOutputStream rsa = new ByteArrayOutputStream();
        LineParserTest.writeString(rsa, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        LineParserTest.writeString(rsa, new byte[] {1, 0, 1});
        LineParserTest.writeString(rsa, new byte[5000]); // an mpint beyond 16384 bits
        assertMalformed("h ssh-rsa " + Base64.getEncoder().encodeToString(rsa.toByteArray()));

        ByteArrayOutputStream small = new ByteArrayOutputStream();
        LineParserTest.writeString(small, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        LineParserTest.writeString(small, new byte[] {1, 0, 1});
        byte[] n = new byte[64];
        n[0] = 0x40;
        LineParserTest.writeString(small, n); // 511 bits: OpenSSH refuses RSA under 1024 bits
        assertTrue(assertMalformed("h ssh-rsa " + Base64.getEncoder().encodeToString(small.toByteArray())).contains("1024"));

        ByteArrayOutputStream ec = new ByteArrayOutputStream();
        LineParserTest.writeString(ec, "ecdsa-sha2-nistp256".getBytes(StandardCharsets.US_ASCII));
        LineParserTest.writeString(ec, "nistp256".getBytes(StandardCharsets.US_ASCII));
        byte[] q = new byte[65];
        q[0] = 4;
        q[64] = 1;
        LineParserTest.writeString(ec, q);
        assertTrue(assertMalformed("h ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(ec.toByteArray())).contains("not on"));
    }

    @Test
    void trailingBytesAfterAKeyAreRefused() {
        byte[] blob = LineParserTest.ed25519Blob(1);
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 1);
        assertTrue(assertMalformed("h ssh-ed25519 " + Base64.getEncoder().encodeToString(longer)).contains("trailing"));
    }

    @Test
    void manyJunkLinesLoadQuickly() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            sb.append(i % 3 == 0 ? "@nope x y\n" : i % 3 == 1 ? "|1|" + i + "|x ssh-ed25519 AAAA\n" : "h ssh-ed25519 AAAA!\n");
        }
        sb.append(GOOD).append('\n');
        Path f = Files.writeString(dir.resolve("known_hosts"), sb);
        KnownHosts kh = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> KnownHosts.load(List.of(f), List.of()));
        assertEquals(200_000, kh.problems().size());
        assertInstanceOf(LookupResult.Known.class, kh.lookup("good.example.com", 22, null, "ssh-ed25519", LineParserTest.ed25519Blob(9)));
    }

    @Test
    void aHostileCertificateIsRefusedQuietly() {
        ByteArrayOutputStream cert = new ByteArrayOutputStream();
        LineParserTest.writeString(cert, "ssh-ed25519-cert-v01@openssh.com".getBytes(StandardCharsets.US_ASCII));
        LineParserTest.writeString(cert, new byte[32]); // nonce
        LineParserTest.writeString(cert, new byte[32]); // key
        cert.writeBytes(new byte[8]); // serial
        cert.writeBytes(new byte[] {0, 0, 0, 2}); // host
        LineParserTest.writeString(cert, "id".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream principals = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) {
            LineParserTest.writeString(principals, ("p" + i).getBytes(StandardCharsets.US_ASCII));
        }
        LineParserTest.writeString(cert, principals.toByteArray());
        String line = "h ssh-ed25519-cert-v01@openssh.com " + Base64.getEncoder().encodeToString(cert.toByteArray());
        assertTrue(assertMalformed(line).contains("principals"), "more than 256 principals");
    }

    private static String assertMalformed(String line) {
        return assertInstanceOf(KnownHostsLine.Malformed.class, KnownHostsLine.parse(line, 1, true), line).reason();
    }
}
