package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Line shapes of sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", and the lines OpenSSH's hostfile.c refuses.
 * The keys are built by hand (an Ed25519 blob is its name and 32 bytes).
 */
class LineParserTest {

    static final String ED = "ssh-ed25519 " + ed25519Base64(1);

    static String ed25519Base64(int seed) {
        return Base64.getEncoder().encodeToString(ed25519Blob(seed));
    }

    static byte[] ed25519Blob(int seed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, "ssh-ed25519".getBytes(StandardCharsets.US_ASCII));
        byte[] pk = new byte[32];
        for (int i = 0; i < 32; i++) {
            pk[i] = (byte) (seed * 31 + i);
        }
        writeString(out, pk);
        return out.toByteArray();
    }

    static void writeString(ByteArrayOutputStream out, byte[] b) {
        out.write(b.length >>> 24);
        out.write(b.length >>> 16);
        out.write(b.length >>> 8);
        out.write(b.length);
        out.writeBytes(b);
    }

    private static KnownHostsLine parse(String text) {
        return KnownHostsLine.parse(text, 7, true);
    }

    private static KnownHostsLine.Entry entry(String text) {
        return assertInstanceOf(KnownHostsLine.Entry.class, parse(text), text);
    }

    private static String malformed(String text) {
        return assertInstanceOf(KnownHostsLine.Malformed.class, parse(text), text).reason();
    }

    @Test
    void plainEntry() {
        KnownHostsLine.Entry e = entry("example.com,10.0.0.1 " + ED + " a comment  here");
        assertEquals(Marker.NONE, e.marker());
        assertEquals("example.com,10.0.0.1", e.hosts().text());
        assertInstanceOf(HostPatternList.class, e.hosts());
        assertEquals("ssh-ed25519", e.keyType());
        assertEquals(ed25519Base64(1), e.keyBase64());
        assertEquals("a comment  here", e.comment());
        assertEquals(7, e.lineNumber());
    }

    @Test
    void markersAndBlanks() {
        assertEquals(Marker.CERT_AUTHORITY, entry("@cert-authority *.example.com " + ED).marker());
        assertEquals(Marker.REVOKED, entry("  @revoked   * " + ED).marker());
        assertEquals(Marker.REVOKED, entry("@revoked\t*\t" + ED.replace(' ', '\t')).marker(), "tabs when the line has no space");
        assertEquals(Marker.NONE, entry("\t host\t\t" + ED.replace(' ', '\t') + "\tcomment").marker());
    }

    @Test
    void commentsAndBlankLines() {
        assertInstanceOf(KnownHostsLine.Comment.class, parse(""));
        assertInstanceOf(KnownHostsLine.Comment.class, parse("   \t "));
        assertInstanceOf(KnownHostsLine.Comment.class, parse("# a comment"));
        assertInstanceOf(KnownHostsLine.Comment.class, parse("   #indented"));
        assertInstanceOf(KnownHostsLine.Comment.class, parse("\r"), "a blank CRLF line");
    }

    @Test
    void crlfAndNul() {
        KnownHostsLine.Entry e = entry("host " + ED + "\r");
        assertEquals(ed25519Base64(1), e.keyBase64());
        assertEquals("", e.comment());
        assertEquals("host " + ED + "\r", e.text(), "the text keeps the CR, so the line is written back as it was");
        assertEquals("c", entry("host " + ED + " c\r").comment());
        assertEquals("", entry("host " + ED + "\0garbage after a NUL").comment(), "C stops reading a line at NUL");
    }

    @Test
    void hashedNames() {
        String hashed = "|1|" + Base64.getEncoder().encodeToString(new byte[20]) + "|" + Base64.getEncoder().encodeToString(new byte[20]);
        assertInstanceOf(HashedHostName.class, entry(hashed + " " + ED).hosts());
        assertTrue(malformed("|1|abc|def " + ED).contains("salt"));
        assertTrue(malformed("|2|" + hashed.substring(3) + " " + ED).contains("|1|"));
        assertTrue(malformed("|1|" + Base64.getEncoder().encodeToString(new byte[20]) + " " + ED).contains("no |"));
        assertTrue(malformed("|1|" + Base64.getEncoder().encodeToString(new byte[20]) + "|xyz " + ED).contains("HMAC"));
    }

    @Test
    void malformedLines() {
        assertTrue(malformed("@revoked @revoked * " + ED).contains("more than one marker"));
        assertTrue(malformed("@trusted * " + ED).contains("unknown marker"));
        assertTrue(malformed("@revoked").contains("marker"));
        assertTrue(malformed("hostonly").contains("no key"));
        assertTrue(malformed("host # comment").contains("no key"));
        assertTrue(malformed("host ssh-ed25519").contains("no key after the key type"));
        assertTrue(malformed("host ssh-foo AAAA").contains("unknown key type ssh-foo"));
        assertTrue(malformed("host 1024 35 12345").contains("unknown key type"), "SSH-1 RSA lines are gone from OpenSSH");
        assertTrue(malformed("host ssh-ed25519 AAAA!!!!").contains("base64"));
        assertTrue(malformed("host ssh-ed25519 AAAAC3NzaC1lZDI1NTE").contains("base64"));
        assertTrue(malformed("host ssh-ed25519 AAAAC3NzaC1lZDI1NTE5").contains("truncated"), "a key blob cut short");
        assertTrue(malformed("host ssh-rsa " + ed25519Base64(1)).contains("the line says ssh-rsa but the key is ssh-ed25519"));
        String shortKey = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(ed25519Blob(1), 40));
        assertTrue(malformed("host ssh-ed25519 " + shortKey).contains("truncated") || malformed("host ssh-ed25519 " + shortKey).contains("left"));
    }

    @Test
    void reasonsDoNotEchoControlCharacters() {
        String reason = malformed("host ssh-\u001b[31mred AAAA");
        assertTrue(!reason.contains("\u001b"), reason);
    }

    @Test
    void overlongLineIsMalformedAndKept() {
        String text = "host " + ED + " " + "x".repeat(KnownHostsLine.MAX_LINE_LENGTH);
        KnownHostsLine line = parse(text);
        assertInstanceOf(KnownHostsLine.Malformed.class, line);
        assertEquals(text + "\n", new String(line.bytes(), StandardCharsets.ISO_8859_1));
    }
}
