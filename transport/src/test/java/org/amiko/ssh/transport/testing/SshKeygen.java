package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs OpenSSH's {@code ssh-keygen} with a timeout; a failure is an {@link AssertionError} that
 * quotes ssh-keygen's stderr.
 */
public final class SshKeygen {

    /** Generous: a 3072-bit RSA key takes a second or two on a busy machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private SshKeygen() {}

    /** Runs {@code ssh-keygen args} in {@code dir}, failing unless it exits 0; returns its stdout. */
    public static String run(Path dir, String... args) {
        return runWithInput(dir, null, args).requireSuccess().stdout();
    }

    /** Runs {@code ssh-keygen args} in {@code dir} with {@code stdin} (or nothing) as input, whatever its exit code. */
    public static Command.Result runWithInput(Path dir, Path stdin, String... args) {
        List<String> argv = new ArrayList<>(List.of(Peers.sshKeygen().toString()));
        argv.addAll(List.of(args));
        return Command.run(TIMEOUT, dir, stdin, argv);
    }

    /**
     * Generates an unencrypted key in OpenSSH's format at {@code file} (mode 600) and {@code
     * file.pub}; returns the public key line. {@code bits} is ignored when 0.
     */
    public static String generate(Path file, String type, int bits) {
        List<String> argv = new ArrayList<>(List.of(Peers.sshKeygen().toString(), "-q", "-t", type));
        if (bits > 0) {
            argv.addAll(List.of("-b", Integer.toString(bits)));
        }
        argv.addAll(List.of("-N", "", "-C", "amiko-test", "-f", file.toString()));
        Command.run(TIMEOUT, argv).requireSuccess();
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return publicKeyLine(publicKeyFile(file));
    }

    public static String generate(Path file, KeyType type) {
        return generate(file, type.type(), type.bits());
    }

    /** {@code key.pub} beside a private key file. */
    public static Path publicKeyFile(Path privateKey) {
        return privateKey.resolveSibling(privateKey.getFileName() + ".pub");
    }

    /**
     * The public key line ({@code TYPE BASE64 [COMMENT]}) of a {@code .pub} file, or of a private
     * key as {@code ssh-keygen -y} derives it (so this also checks that ssh-keygen can read it).
     */
    public static String publicKeyLine(Path key) {
        if (key.getFileName().toString().endsWith(".pub")) {
            try {
                return Command.read(key).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Command.run(TIMEOUT, List.of(Peers.sshKeygen().toString(), "-y", "-f", key.toString()))
                .requireSuccess().stdout().strip();
    }

    /** The SHA-256 fingerprint, {@code SHA256:BASE64}, as {@code ssh-keygen -l -E sha256} prints it. */
    public static String fingerprint(Path key) {
        String line = Command.run(TIMEOUT,
                        List.of(Peers.sshKeygen().toString(), "-l", "-E", "sha256", "-f", key.toString()))
                .requireSuccess().stdout().strip();
        String[] fields = line.split(" ");
        if (fields.length < 2 || !fields[1].startsWith("SHA256:")) {
            throw new AssertionError("unexpected ssh-keygen -l output: " + line);
        }
        return fields[1];
    }
}
