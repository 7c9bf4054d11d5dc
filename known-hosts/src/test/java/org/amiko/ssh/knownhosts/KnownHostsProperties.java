package org.amiko.ssh.knownhosts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QuickTheories properties: any file parses and writes back byte for byte; the streaming loader
 * reads what the in-memory parser reads; random junk never breaks lookups of the good lines (nor
 * their removal); and a hashed entry amiko writes is found by the real {@code ssh-keygen -F}.
 */
class KnownHostsProperties {

    /** Generated cases per property; CI runs at least 1000. */
    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);
    /** Each case of the ssh-keygen property starts ssh-keygen once per entry. */
    static final int SSH_KEYGEN_EXAMPLES = Integer.getInteger("amiko.examples.sshKeygen", 200);

    private static final String[] FRAGMENTS = {"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "@revoked", "@cert-authority", "|1|",
        "|", ",", "!", "*", "?", "#", "[", "]:22", " ", "\t", "\r", "\0", "AAAA", "=", "host", "\u00e9", "\u00ff", "\r\r"};

    @TempDir
    Path dir;

    @Test
    void parseThenWriteIsByteForByte() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            byte[] content = randomFile(new SplittableRandom(seed), 40);
            KnownHostsFile parsed = KnownHostsFile.parse(content);
            assertArrayEquals(content, parsed.toBytes());
            long newlines = 0;
            for (byte b : content) {
                newlines += b == '\n' ? 1 : 0;
            }
            boolean unterminatedTail = content.length > 0 && content[content.length - 1] != '\n';
            assertEquals(newlines + (unterminatedTail ? 1 : 0), parsed.lines().size());
        });
    }

    @Test
    void theStreamingLoaderReadsWhatTheParserReads() {
        qt().withExamples(Math.max(1, EXAMPLES / 4)).forAll(longs().all()).checkAssert(seed -> {
            byte[] content = randomFile(new SplittableRandom(seed), 40);
            Path file = write("stream-" + Long.toHexString(seed), content);
            KnownHostsFile parsed = KnownHostsFile.parse(content);
            KnownHosts loaded = KnownHosts.load(List.of(file), List.of());
            assertEquals(parsed.entries().size(), loaded.entryCount());
            assertEquals(parsed.malformed().stream().map(m -> new Problem(file, m.lineNumber(), m.reason())).toList(), loaded.problems());
        });
    }

    @Test
    void junkNeverBreaksLookupsOrRemovalOfTheGoodLines() {
        qt().withExamples(Math.max(1, EXAMPLES / 4)).forAll(longs().all(), integers().between(1, 12)).checkAssert((seed, good) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Long> goodLines = new ArrayList<>();
            long line = 0;
            for (int g = 0; g < good; g++) {
                for (int j = rnd.nextInt(4); j > 0; j--) {
                    out.writeBytes(latin1(junkLine(rnd) + (rnd.nextBoolean() ? "\r\n" : "\n")));
                    line++;
                }
                out.writeBytes(latin1(goodLine(g, rnd) + (rnd.nextBoolean() ? "\r\n" : "\n")));
                goodLines.add(++line);
            }
            out.writeBytes(latin1(junkLine(rnd)));
            byte[] content = out.toByteArray();
            Path file = write("junk-" + Long.toHexString(seed), content);
            KnownHosts kh = KnownHosts.load(List.of(file), List.of());
            for (int g = 0; g < good; g++) {
                LookupResult r = kh.lookup("good" + g + ".example.com", 22 + g % 2 * 2200, null, "ssh-ed25519",
                        LineParserTest.ed25519Blob(g));
                assertEquals(goodLines.get(g), assertInstanceOf(LookupResult.Known.class, r).key().line());
            }
            int victim = rnd.nextInt(good);
            try {
                List<KnownKey> removed = KnownHostsEditor.of(file).remove("good" + victim + ".example.com", 22 + victim % 2 * 2200);
                assertEquals(List.of(goodLines.get(victim)), removed.stream().map(KnownKey::line).toList());
                List<KnownHostsLine> before = KnownHostsFile.parse(content).lines();
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (KnownHostsLine l : before) {
                    if (l.lineNumber() != goodLines.get(victim)) {
                        expected.writeBytes(l.bytes());
                    }
                }
                assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void hashedEntriesAmikoWritesAreFoundBySshKeygen() {
        SecureRandom random = new SecureRandom();
        qt().withExamples(SSH_KEYGEN_EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            String host = hostName(rnd);
            int port = rnd.nextInt(3) == 0 ? 22 : 1 + rnd.nextInt(65535);
            Path file = dir.resolve("hashed-" + Long.toHexString(seed));
            try {
                Files.writeString(file, "# first line\n");
                KnownHostsEditor.of(file).withRandom(random).add(host, port, "ssh-ed25519", LineParserTest.ed25519Blob(1), true, "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String name = OpenSshKnownHosts.name(LookupName.lowerAscii(host), port);
            assertEquals(List.of(2L), OpenSshKnownHosts.find(file, name), "ssh-keygen -F " + name);
        });
    }

    /** A host name: letters of both cases, digits, dots, dashes, sometimes an IPv6-ish or non-ASCII name. */
    static String hostName(SplittableRandom rnd) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
        StringBuilder sb = new StringBuilder();
        int len = 1 + rnd.nextInt(30);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return switch (rnd.nextInt(6)) {
            case 0 -> "fe80::" + Integer.toHexString(rnd.nextInt(65536));
            case 1 -> sb + ".b\u00fccher.example";
            default -> sb.toString();
        };
    }

    private Path write(String name, byte[] content) {
        try {
            return Files.write(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Lines of every kind, LF or CRLF, maybe no final newline. */
    static byte[] randomFile(SplittableRandom rnd, int maxLines) {
        StringBuilder sb = new StringBuilder();
        int lines = rnd.nextInt(maxLines + 1);
        for (int i = 0; i < lines; i++) {
            sb.append(switch (rnd.nextInt(6)) {
                case 0 -> "";
                case 1 -> "# comment " + i;
                case 2, 3 -> goodLine(i, rnd);
                default -> junkLine(rnd);
            });
            if (i < lines - 1 || rnd.nextBoolean()) {
                sb.append(rnd.nextInt(3) == 0 ? "\r\n" : "\n");
            }
        }
        return latin1(sb.toString());
    }

    /** A valid entry for good{i}.example.com (port 22 or 2222 by parity), in one of several shapes. */
    static String goodLine(int i, SplittableRandom rnd) {
        String name = i % 2 == 0 ? "good" + i + ".example.com" : "[good" + i + ".example.com]:2222";
        String key = "ssh-ed25519 " + Base64.getEncoder().encodeToString(LineParserTest.ed25519Blob(i));
        String hosts = switch (rnd.nextInt(4)) {
            case 0 -> name;
            case 1 -> "other.example.org," + name.toUpperCase(java.util.Locale.ROOT) + ",!nothing";
            case 2 -> HashedHostName.hash(LookupName.literal(name), new SecureRandom()).text();
            default -> name + ",*.invalid";
        };
        String sep = rnd.nextBoolean() ? " " : "\t ";
        return (rnd.nextInt(5) == 0 ? "  " : "") + hosts + sep + key + (rnd.nextBoolean() ? " comment " + i : "");
    }

    /** Random junk without a newline: fragments of real syntax and raw bytes. */
    static String junkLine(SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder();
        int parts = rnd.nextInt(12);
        for (int i = 0; i < parts; i++) {
            if (rnd.nextBoolean()) {
                sb.append(FRAGMENTS[rnd.nextInt(FRAGMENTS.length)]);
            } else {
                char c;
                do {
                    c = (char) rnd.nextInt(256);
                } while (c == '\n');
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
