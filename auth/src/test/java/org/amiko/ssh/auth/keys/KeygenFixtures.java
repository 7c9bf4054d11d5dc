package org.amiko.ssh.auth.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.SshKeygen;

/** Key files made by the real {@code ssh-keygen}, one per key type and format, made once per test class. */
final class KeygenFixtures {

    /** ssh-keygen refuses passphrases under five characters for the OpenSSL formats. */
    static final String PASSPHRASE = "correct horse";
    static final String WRONG = "correct horsf";

    static final List<KeyType> KEY_TYPES = List.of(
            KeyType.ED25519, KeyType.ECDSA_256, KeyType.ECDSA_384, KeyType.ECDSA_521, KeyType.RSA_3072);

    /** The {@code -m} formats of ssh-keygen, each plain ({@code -N ''}) and encrypted ({@code -N PASSPHRASE}). */
    enum Format {
        OPENSSH(null, false), OPENSSH_ENCRYPTED(null, true),
        PEM("PEM", false), PEM_ENCRYPTED("PEM", true),
        PKCS8("PKCS8", false), PKCS8_ENCRYPTED("PKCS8", true);

        final String mode;
        final boolean encrypted;

        Format(String mode, boolean encrypted) {
            this.mode = mode;
            this.encrypted = encrypted;
        }
    }

    private final Path dir;
    private final Map<String, Path> made = new ConcurrentHashMap<>();

    KeygenFixtures(Path dir) {
        this.dir = dir;
    }

    /** {@code ssh-keygen -t T [-b B] -N P [-m M] -C C -f F}, made on first use. */
    Path key(KeyType type, Format format) {
        return made.computeIfAbsent(type.label() + "-" + format.name().toLowerCase(), name -> {
            List<String> args = new ArrayList<>(List.of("-q", "-t", type.type()));
            if (type.bits() > 0) {
                args.addAll(List.of("-b", Integer.toString(type.bits())));
            }
            args.addAll(List.of("-N", format.encrypted ? PASSPHRASE : ""));
            if (format.mode != null) {
                args.addAll(List.of("-m", format.mode));
            }
            args.addAll(List.of("-C", "amiko " + name, "-f", name));
            SshKeygen.run(dir, args.toArray(String[]::new));
            return dir.resolve(name);
        });
    }

    /** A key with extra ssh-keygen arguments (rounds, cipher), named by the caller. */
    Path key(String name, String... args) {
        List<String> argv = new ArrayList<>(List.of("-q"));
        argv.addAll(List.of(args));
        argv.addAll(List.of("-f", name));
        SshKeygen.run(dir, argv.toArray(String[]::new));
        return dir.resolve(name);
    }

    static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A provider that counts how often it is asked. */
    static final class CountingProvider implements PassphraseProvider {
        final AtomicInteger asked = new AtomicInteger();
        private final String answer;

        CountingProvider(String answer) {
            this.answer = answer;
        }

        @Override
        public char[] passphrase(String keyDescription) {
            asked.incrementAndGet();
            return answer == null ? null : answer.toCharArray();
        }
    }
}
