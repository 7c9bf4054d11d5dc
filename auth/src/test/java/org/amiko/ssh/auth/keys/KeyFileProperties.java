package org.amiko.ssh.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.amiko.ssh.auth.keys.KeygenFixtures.Format;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.wire.SshReader;
import org.amiko.ssh.transport.wire.SshWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QuickTheories: whatever bytes a key file holds (random junk, junk inside PEM armor, real
 * ssh-keygen files with bits flipped, bytes changed, cut short or lengthened), reading it ends in
 * a key or a {@link KeyFileException}: never another exception, never an out-of-memory error.
 */
class KeyFileProperties {

    private static final int EXAMPLES = 1000;
    private static final int MUTATIONS = 300;
    private static final PassphraseProvider PASSPHRASE = PassphraseProvider.of(KeygenFixtures.PASSPHRASE.toCharArray());
    private static final List<String> LABELS = List.of(
            "OPENSSH PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY");

    @TempDir
    static Path dir;
    static KeygenFixtures keys;

    @BeforeAll
    static void fixtures() {
        keys = new KeygenFixtures(dir);
    }

    /** Parses; a key or a KeyFileException are the only outcomes allowed. */
    private static void keyOrKeyFileException(byte[] content) {
        try {
            PrivateKeyFiles.parse(content, "junk", PASSPHRASE);
        } catch (KeyFileException expected) {
            // the one allowed failure
        } catch (Throwable t) {
            throw new AssertionError("escaped as " + t, t);
        }
    }

    @Test
    void randomBytes() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 4000), longs().all()).checkAssert((len, seed) -> {
            byte[] junk = new byte[len];
            new SplittableRandom(seed).nextBytes(junk);
            keyOrKeyFileException(junk);
        });
    }

    @Test
    void randomBytesInsidePemArmor() {
        qt().withExamples(EXAMPLES).forAll(integers().between(0, 2000), integers().between(0, LABELS.size() - 1), longs().all())
                .checkAssert((len, label, seed) -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    byte[] body = new byte[len];
                    random.nextBytes(body);
                    if (len > 0 && random.nextBoolean()) {
                        body[0] = 0x30; // a DER SEQUENCE tag, so that the DER reader gets further
                    }
                    String pem = Pem.encode(LABELS.get(label), body, 64);
                    keyOrKeyFileException(pem.getBytes(StandardCharsets.US_ASCII));
                });
    }

    @Test
    void randomOpenSshKeyV1Structures() {
        qt().withExamples(EXAMPLES).forAll(longs().all()).checkAssert(seed -> {
            // well-formed outer fields around random private sections: the reader must cope with any
            SplittableRandom random = new SplittableRandom(seed);
            byte[] section = new byte[random.nextInt(0, 600)];
            random.nextBytes(section);
            if (section.length >= 8 && random.nextBoolean()) {
                System.arraycopy(section, 0, section, 4, 4); // equal check integers
            }
            SshWriter w = new SshWriter().writeRaw("openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII))
                    .writeUtf8("none").writeUtf8("none").writeString(new byte[0]).writeUint32(1)
                    .writeString(pick(random)).writeString(section);
            keyOrKeyFileException(OpenSshKeyV1.armor(w.toByteArray()).getBytes(StandardCharsets.US_ASCII));
        });
    }

    /** A public key blob of a real key, or random bytes. */
    private static byte[] pick(SplittableRandom random) {
        byte[] blob;
        try {
            blob = PublicKeyFile.read(PublicKeyFile.besides(keys.key(KeyType.ED25519, Format.OPENSSH))).key().blob().toByteArray();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        if (random.nextBoolean()) {
            blob = new byte[random.nextInt(0, 100)];
            random.nextBytes(blob);
        }
        return blob;
    }

    private static void mutated(Path file, int from, int examples) throws Exception {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Pem.Block block = Pem.parse(text).stream().filter(b -> b.label().endsWith("PRIVATE KEY")).findFirst().orElseThrow();
        byte[] body = block.body();
        String headers = block.headers().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + "\n")
                .reduce("", String::concat);
        qt().withExamples(examples).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[] m = body.clone();
            switch (random.nextInt(4)) {
                case 0 -> { // flip one bit
                    int i = random.nextInt(from, m.length);
                    m[i] ^= (byte) (1 << random.nextInt(8));
                }
                case 1 -> m[random.nextInt(from, m.length)] = (byte) random.nextInt(256); // change a byte
                case 2 -> m = Arrays.copyOf(m, random.nextInt(m.length)); // cut short
                default -> { // lengthen
                    m = Arrays.copyOf(m, m.length + random.nextInt(1, 40));
                    for (int i = body.length; i < m.length; i++) {
                        m[i] = (byte) random.nextInt(256);
                    }
                }
            }
            String pem = Pem.encode(block.label(), m, 64);
            if (!headers.isEmpty()) {
                pem = pem.replaceFirst("-----\n", "-----\n" + headers + "\n");
            }
            keyOrKeyFileException(pem.getBytes(StandardCharsets.US_ASCII));
        });
    }

    @Test
    void mutatedSshKeygenFiles() throws Exception {
        for (KeyType type : List.of(KeyType.ED25519, KeyType.ECDSA_384)) {
            for (Format format : Format.values()) {
                Path file = keys.key(type, format);
                // ssh-keygen writes Ed25519 keys in openssh-key-v1 whatever -m says
                boolean bcrypt = format.encrypted && KeygenFixtures.firstLine(file).contains("OPENSSH");
                if (bcrypt) {
                    // Not the bcrypt rounds: a flip there may legitimately ask for thousands of
                    // rounds, minutes of work (rounds above the bound are tested below). Fewer
                    // examples: each costs a bcrypt_pbkdf of 16 rounds.
                    mutated(file, offsetAfterKdfOptions(file), MUTATIONS / 6);
                } else {
                    mutated(file, 0, MUTATIONS);
                }
            }
        }
        mutated(keys.key("rsa2048-mutated", "-t", "rsa", "-b", "2048", "-m", "PEM", "-N", ""), 0, MUTATIONS);
    }

    private static int offsetAfterKdfOptions(Path file) throws Exception {
        byte[] body = Pem.parse(Files.readString(file)).get(0).body();
        SshReader r = new SshReader(body, 15, body.length - 15);
        r.readString();
        r.readString();
        r.readString();
        return body.length - r.remaining();
    }

    @Test
    void bcryptRoundsAreBounded() throws Exception {
        byte[] body = Pem.parse(Files.readString(keys.key(KeyType.ED25519, Format.OPENSSH_ENCRYPTED))).get(0).body();
        int roundsAt = offsetAfterKdfOptions(keys.key(KeyType.ED25519, Format.OPENSSH_ENCRYPTED)) - 4;
        for (long rounds : new long[] {0, OpenSshKeyV1.MAX_ROUNDS + 1, 0xffffffffL}) {
            byte[] m = body.clone();
            m[roundsAt] = (byte) (rounds >>> 24);
            m[roundsAt + 1] = (byte) (rounds >>> 16);
            m[roundsAt + 2] = (byte) (rounds >>> 8);
            m[roundsAt + 3] = (byte) rounds;
            KeyFileException e = assertThrows(KeyFileException.class, () -> PrivateKeyFiles.parse(
                    OpenSshKeyV1.armor(m).getBytes(StandardCharsets.US_ASCII), "f", PASSPHRASE));
            assertEquals("bcrypt rounds " + rounds + " outside 1.." + OpenSshKeyV1.MAX_ROUNDS, e.reason());
        }
    }

    @Test
    void authorizedKeysNeverThrowAndKeepLineNumbers() {
        qt().withExamples(EXAMPLES).forAll(strings().allPossible().ofLengthBetween(0, 300)).checkAssert(text -> {
            String content = text.replace('\u2028', '\n');
            AuthorizedKeys parsed = AuthorizedKeys.parse(content, "junk");
            int lines = content.split("\r?\n", -1).length;
            assertTrue(parsed.keys().size() + parsed.problems().size() <= lines);
            parsed.problems().forEach(p -> assertTrue(p.lineNumber() >= 1 && p.lineNumber() <= lines));
        });
    }

    @Test
    void authorizedKeysOptionsOfAnyPrintableCharacters() throws Exception {
        String key = new PublicKeyFile(PublicKeyFile.read(PublicKeyFile.besides(keys.key(KeyType.ED25519, Format.OPENSSH))).key(), "").toLine();
        qt().withExamples(EXAMPLES).forAll(strings().betweenCodePoints(0x20, 0x7e).ofLengthBetween(0, 60)).checkAssert(options -> {
            AuthorizedKeys parsed = AuthorizedKeys.parse(options + " " + key, "junk");
            assertEquals(1, parsed.keys().size() + parsed.problems().size() + (options.strip().startsWith("#") ? 1 : 0));
        });
    }

    @Test
    void publicKeyLinesOfJunk() {
        qt().withExamples(EXAMPLES).forAll(strings().allPossible().ofLengthBetween(0, 200)).checkAssert(line -> {
            try {
                PublicKeyFile.parse(line, "junk");
            } catch (KeyFileException expected) {
                // fine
            } catch (Throwable t) {
                throw new AssertionError("escaped as " + t, t);
            }
        });
    }
}
