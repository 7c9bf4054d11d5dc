package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * OpenSSH's {@code sshd} on 127.0.0.1, started in the foreground with host keys and an {@code
 * sshd_config} generated in its own temp dir, logging to a file there, and stopped by its own PID
 * on {@link #close()}. Use it in try-with-resources:
 *
 * <pre>{@code
 * try (OpenSshd sshd = OpenSshd.builder().ciphers("aes128-ctr").start()) {
 *     connect to 127.0.0.1:sshd.port(), check the host key against sshd.hostKey(KeyType.ED25519)
 * }
 * }</pre>
 *
 * <p>The configuration always has {@code ListenAddress 127.0.0.1}, the chosen {@code Port}, the
 * generated {@code HostKey}s and {@code PidFile none}; by default also {@code StrictModes no}
 * (temp dirs have loose modes), {@code UsePAM no}, {@code PermitRootLogin yes} (tests run as root),
 * {@code AuthorizedKeysFile none} (never root's own keys) and {@code LogLevel DEBUG1} (the log then
 * names the negotiated kex, cipher and MAC, see {@link #awaitLog}). Every one of those defaults can
 * be changed with a setter or a {@link Builder#config config} line with the same keyword.
 */
public final class OpenSshd extends RunningPeer<OpenSshd.HostKey> {

    /** Host key types used when the builder names none. */
    public static final List<KeyType> DEFAULT_HOST_KEYS =
            List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.RSA_3072);

    /** One generated host key: its files and its public key line. */
    public record HostKey(KeyType type, Path privateKey, Path publicKey, String publicKeyLine) {

        /** The base64 blob of the public key line (the key itself, without type and comment). */
        public String base64() {
            return publicKeyLine.split(" ")[1];
        }
    }

    /** Keywords the fixture owns; a config line may not set them. */
    private static final Set<String> FIXED = Set.of("listenaddress", "port", "hostkey", "pidfile");

    private static final int START_ATTEMPTS = 5;

    private final Path configFile;

    private OpenSshd(Path dir, Path configFile, Map<KeyType, HostKey> hostKeys, int port, PeerProcess process) {
        super("sshd", dir, hostKeys, port, process);
        this.configFile = configFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Path configFile() {
        return configFile;
    }

    /** Settings for one sshd; {@link #start()} can be called more than once. */
    public static final class Builder {

        private final List<KeyType> hostKeyTypes = new ArrayList<>(DEFAULT_HOST_KEYS);
        /** Keyword (lower case) to the line that sets it; sshd keeps the first value of a keyword. */
        private final Map<String, String> settings = new LinkedHashMap<>();
        private final List<String> extraLines = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(10);

        private Builder() {
            setting("StrictModes", "no");
            setting("UsePAM", "no");
            setting("PermitRootLogin", "yes");
            setting("AuthorizedKeysFile", "none");
            setting("LogLevel", "DEBUG1");
        }

        /** The host key types to generate and serve, replacing {@link #DEFAULT_HOST_KEYS}. */
        public Builder hostKeys(KeyType... types) {
            if (types.length == 0) {
                throw new IllegalArgumentException("sshd needs at least one host key");
            }
            hostKeyTypes.clear();
            hostKeyTypes.addAll(List.of(types));
            return this;
        }

        /**
         * One {@code sshd_config} line. A line whose keyword has a setting (a default or a setter)
         * replaces that setting; other lines are appended in order, after the settings, so that
         * a {@code Match} block goes last. Once a {@code Match} line is given, the lines after it
         * belong to the block and are appended as they are.
         */
        public Builder config(String line) {
            String trimmed = line.strip();
            if (trimmed.contains("\n")) {
                throw new IllegalArgumentException("one line at a time: " + line);
            }
            String keyword = trimmed.split("[\\s=]+", 2)[0].toLowerCase(Locale.ROOT);
            if (FIXED.contains(keyword)) {
                throw new IllegalArgumentException("the fixture sets " + keyword + " itself: " + line);
            }
            boolean inMatch = extraLines.stream()
                    .anyMatch(l -> l.strip().toLowerCase(Locale.ROOT).startsWith("match"));
            if (!inMatch && settings.containsKey(keyword)) {
                settings.put(keyword, trimmed);
            } else {
                extraLines.add(trimmed);
            }
            return this;
        }

        /** Sets {@code keyword value}, replacing an earlier value of the same keyword. */
        public Builder setting(String keyword, String value) {
            String key = keyword.toLowerCase(Locale.ROOT);
            if (FIXED.contains(key)) {
                throw new IllegalArgumentException("the fixture sets " + keyword + " itself");
            }
            settings.put(key, keyword + " " + Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder kexAlgorithms(String list) {
            return setting("KexAlgorithms", list);
        }

        public Builder ciphers(String list) {
            return setting("Ciphers", list);
        }

        public Builder macs(String list) {
            return setting("MACs", list);
        }

        public Builder hostKeyAlgorithms(String list) {
            return setting("HostKeyAlgorithms", list);
        }

        /** For example {@code "1M"}: sshd then starts a rekey after each megabyte. */
        public Builder rekeyLimit(String limit) {
            return setting("RekeyLimit", limit);
        }

        /** QUIET, FATAL, ERROR, INFO, VERBOSE, DEBUG1 (the default), DEBUG2 or DEBUG3. */
        public Builder logLevel(String level) {
            return setting("LogLevel", level);
        }

        /** A pattern as sshd takes it ({@code %u} is the user name, {@code %h} the home). */
        public Builder authorizedKeysFile(String pattern) {
            return setting("AuthorizedKeysFile", pattern);
        }

        public Builder authorizedKeysFile(Path file) {
            return authorizedKeysFile(file.toAbsolutePath().toString());
        }

        public Builder pubkeyAuthentication(boolean enabled) {
            return setting("PubkeyAuthentication", enabled ? "yes" : "no");
        }

        public Builder passwordAuthentication(boolean enabled) {
            return setting("PasswordAuthentication", enabled ? "yes" : "no");
        }

        /** How long sshd has to start listening; 10 s by default. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Generates the host keys, writes and checks ({@code sshd -t}) the config, starts {@code
         * sshd -D -e} and waits until it listens. A config sshd rejects is an {@link
         * AssertionError} quoting sshd; a port taken between choosing and binding it is retried.
         */
        public OpenSshd start() {
            Path sshd = Peers.sshd();
            ensurePrivilegeSeparationDir();
            Path dir = createTempDir();
            boolean started = false;
            try {
                Map<KeyType, HostKey> keys = generateHostKeys(dir);
                Path config = dir.resolve("sshd_config");
                String failures = "";
                for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                    int port = PeerProcess.freePort();
                    String text = configText(port, keys);
                    write(config, text);
                    Command.Result check = Command.run(startTimeout,
                            List.of(sshd.toString(), "-t", "-f", config.toString()));
                    if (check.exitCode() != 0) {
                        throw new AssertionError("sshd -t rejects the config: " + check.stderr().strip()
                                + "\nconfig:\n" + text);
                    }
                    Path log = dir.resolve("sshd-" + port + ".log");
                    PeerProcess process = PeerProcess.start(
                            List.of(sshd.toString(), "-D", "-e", "-f", config.toString()), log);
                    String listening = "Server listening on 127.0.0.1 port " + port + ".";
                    boolean quiet = logsNoInfo();
                    PeerProcess.Start outcome;
                    try {
                        outcome = process.awaitReady(
                                () -> process.log().contains(listening) || (quiet && PeerProcess.accepts(port)),
                                startTimeout);
                    } catch (RuntimeException | Error e) {
                        process.stop();
                        throw e;
                    }
                    if (outcome == PeerProcess.Start.READY) {
                        started = true;
                        return new OpenSshd(dir, config, keys, port, process);
                    }
                    process.stop();
                    String output = process.log();
                    if (outcome == PeerProcess.Start.TIMED_OUT) {
                        throw new AssertionError("sshd did not listen on port " + port + " within "
                                + startTimeout + "; log:\n" + output);
                    }
                    if (!output.contains("Address already in use")) {
                        throw new AssertionError("sshd exited at start; log:\n" + output);
                    }
                    failures += "attempt " + attempt + ", port " + port + ":\n" + output;
                }
                throw new AssertionError("sshd could not bind a port in " + START_ATTEMPTS + " attempts:\n"
                        + failures);
            } finally {
                if (!started) {
                    PeerProcess.deleteTree(dir);
                }
            }
        }

        private boolean logsNoInfo() {
            String line = settings.get("loglevel");
            String level = line.split("[\\s=]+", 2)[1].strip().toUpperCase(Locale.ROOT);
            return level.equals("QUIET") || level.equals("FATAL") || level.equals("ERROR");
        }

        private Map<KeyType, HostKey> generateHostKeys(Path dir) {
            Map<KeyType, HostKey> keys = new LinkedHashMap<>();
            for (KeyType type : hostKeyTypes) {
                Path file = dir.resolve("ssh_host_" + type.label() + "_key");
                String line = SshKeygen.generate(file, type);
                keys.put(type, new HostKey(type, file, SshKeygen.publicKeyFile(file), line));
            }
            return Collections.unmodifiableMap(keys);
        }

        private String configText(int port, Map<KeyType, HostKey> keys) {
            StringBuilder text = new StringBuilder();
            text.append("# Written by amiko's OpenSshd test fixture.\n");
            text.append("ListenAddress 127.0.0.1\n");
            text.append("Port ").append(port).append('\n');
            for (HostKey key : keys.values()) {
                text.append("HostKey ").append(key.privateKey().toAbsolutePath()).append('\n');
            }
            text.append("PidFile none\n");
            for (String line : settings.values()) {
                text.append(line).append('\n');
            }
            for (String line : extraLines) {
                text.append(line).append('\n');
            }
            return text.toString();
        }
    }

    /** sshd refuses to start without its privilege separation dir, which a fresh container lacks. */
    private static void ensurePrivilegeSeparationDir() {
        Path run = Path.of("/run/sshd");
        if (Files.isDirectory(run)) {
            return;
        }
        try {
            Files.createDirectories(run);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new AssertionError("sshd needs its privilege separation directory /run/sshd and it cannot be"
                    + " created (" + e + "); as root: install -d -m 755 /run/sshd", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("amiko-sshd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
