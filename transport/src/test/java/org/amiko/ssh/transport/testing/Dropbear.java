package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The dropbear server on 127.0.0.1, started in the foreground ({@code -F -E}) with host keys made
 * by {@code dropbearkey} in its own temp dir, logging to a file there, and stopped by its own PID
 * on {@link #close()}. Dropbear reads {@code ~USER/.ssh/authorized_keys} and has no option to
 * move it: user authentication against it needs a dedicated test user whose home is a temp dir.
 */
public final class Dropbear extends RunningPeer<Dropbear.HostKey> {

    public static final List<KeyType> DEFAULT_HOST_KEYS =
            List.of(KeyType.ED25519, KeyType.ECDSA_256, KeyType.RSA_3072);

    /** One generated host key: its dropbear-format file and its public key line. */
    public record HostKey(KeyType type, Path privateKey, String publicKeyLine) {

        public String base64() {
            return publicKeyLine.split(" ")[1];
        }
    }

    /** dropbearkey and dropbear's own startup are quick; RSA generation is the slow part. */
    public static final Duration KEYGEN_TIMEOUT = Duration.ofSeconds(60);

    private static final int START_ATTEMPTS = 5;

    private Dropbear(Path dir, Map<KeyType, HostKey> hostKeys, int port, PeerProcess process) {
        super("dropbear", dir, hostKeys, port, process);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Generates a dropbear-format key with {@code dropbearkey -t TYPE [-s BITS] -f FILE}; returns
     * its public key line.
     */
    public static String generateKey(Path file, KeyType type) {
        List<String> argv = new ArrayList<>(List.of(Peers.dropbearkey().toString(), "-t", type.type()));
        if (type.bits() > 0) {
            argv.addAll(List.of("-s", Integer.toString(type.bits())));
        }
        argv.addAll(List.of("-f", file.toString()));
        Command.run(KEYGEN_TIMEOUT, argv).requireSuccess();
        return publicKeyLine(file);
    }

    /** The public key line of a dropbear-format key, from {@code dropbearkey -y}. */
    public static String publicKeyLine(Path key) {
        String out = Command.run(KEYGEN_TIMEOUT, List.of(Peers.dropbearkey().toString(), "-y", "-f", key.toString()))
                .requireSuccess().stdout();
        // "Public key portion is:", the line, then "Fingerprint: ..."
        return out.lines().filter(l -> l.startsWith("ssh-") || l.startsWith("ecdsa-")).findFirst()
                .orElseThrow(() -> new AssertionError("no public key line in dropbearkey -y output: " + out))
                .strip();
    }

    public static final class Builder {

        private final List<KeyType> hostKeyTypes = new ArrayList<>(DEFAULT_HOST_KEYS);
        private final List<String> extraArgs = new ArrayList<>();
        private Duration startTimeout = Duration.ofSeconds(10);

        private Builder() {}

        public Builder hostKeys(KeyType... types) {
            if (types.length == 0) {
                throw new IllegalArgumentException("dropbear needs at least one host key");
            }
            hostKeyTypes.clear();
            hostKeyTypes.addAll(List.of(types));
            return this;
        }

        /** Extra command line arguments, after the fixture's own. */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /** {@code -W}: the receive window (dropbear's default is 24 KiB). */
        public Builder receiveWindow(int bytes) {
            return args("-W", Integer.toString(bytes));
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Generates the host keys, starts {@code dropbear -F -E} and waits until it listens (it logs
         * "Not backgrounding" only after it has bound its ports); a port taken between choosing and
         * binding it is retried. A host key dropbear cannot load, which it would only log, is an
         * {@link AssertionError}.
         */
        public Dropbear start() {
            Path dropbear = Peers.dropbear();
            Path dir;
            try {
                dir = Files.createTempDirectory("amiko-dropbear-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            boolean started = false;
            try {
                Map<KeyType, HostKey> keys = new LinkedHashMap<>();
                for (KeyType type : hostKeyTypes) {
                    Path file = dir.resolve("dropbear_" + type.label() + "_host_key");
                    keys.put(type, new HostKey(type, file, generateKey(file, type)));
                }
                String failures = "";
                for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
                    int port = PeerProcess.freePort();
                    List<String> argv = new ArrayList<>(List.of(dropbear.toString(), "-F", "-E",
                            "-p", "127.0.0.1:" + port, "-P", dir.resolve("dropbear.pid").toString()));
                    for (HostKey key : keys.values()) {
                        argv.addAll(List.of("-r", key.privateKey().toString()));
                    }
                    argv.addAll(extraArgs);
                    PeerProcess process = PeerProcess.start(argv, dir.resolve("dropbear-" + port + ".log"));
                    PeerProcess.Start outcome;
                    try {
                        outcome = process.awaitReady(() -> process.log().contains("Not backgrounding"), startTimeout);
                    } catch (RuntimeException | Error e) {
                        process.stop();
                        throw e;
                    }
                    if (outcome == PeerProcess.Start.READY && process.log().contains("Failed loading")) {
                        // dropbear only logs a host key it cannot read, and serves the others
                        process.stop();
                        throw new AssertionError("dropbear could not load a host key: " + String.join(" ", argv)
                                + "\nlog:\n" + process.log());
                    }
                    if (outcome == PeerProcess.Start.READY) {
                        started = true;
                        return new Dropbear(dir, Collections.unmodifiableMap(keys), port, process);
                    }
                    process.stop();
                    String output = process.log();
                    if (outcome == PeerProcess.Start.TIMED_OUT) {
                        throw new AssertionError("dropbear did not listen on port " + port + " within "
                                + startTimeout + "; " + String.join(" ", argv) + "\nlog:\n" + output);
                    }
                    if (!output.contains("Address already in use")) {
                        throw new AssertionError("dropbear exited at start: " + String.join(" ", argv)
                                + "\nlog:\n" + output);
                    }
                    failures += "attempt " + attempt + ", port " + port + ":\n" + output;
                }
                throw new AssertionError("dropbear could not bind a port in " + START_ATTEMPTS + " attempts:\n"
                        + failures);
            } finally {
                if (!started) {
                    PeerProcess.deleteTree(dir);
                }
            }
        }
    }
}
