package org.amiko.ssh.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * Times the key exchange methods against a real OpenSSH {@code sshd} on 127.0.0.1, in two ways:
 *
 * <ul>
 *   <li><b>amiko client vs sshd</b>: our {@link Transport} connects over a TCP socket, runs the
 *       handshake with the method and gets {@code ssh-userauth} accepted; wall time in this
 *       (warmed-up) JVM, median of N.</li>
 *   <li><b>ssh CLI</b>: OpenSSH's own client, {@code ssh ... user@127.0.0.1 true}, with the
 *       method; wall time of the whole process (start, key exchange, publickey authentication,
 *       session, running {@code true}, exit), median of N. To single out the key exchange, each
 *       of those runs is followed by the same command with curve25519-sha256 against a second
 *       sshd, and the median of the N differences is reported: what the method costs beyond the
 *       cheapest one, with everything else cancelled out.</li>
 * </ul>
 *
 * <p>Each method gets its own sshd whose {@code KexAlgorithms} is that method alone (a fresh temp
 * dir: an Ed25519 host key and client key from {@code ssh-keygen}, the client key as the only
 * authorized key); the curve25519-sha256 baseline sshd runs throughout. Every sshd is stopped by
 * its PID at the end, also on failure. Needs root (sshd logs in as the current user).
 *
 * <p>Arguments: {@code --runs N} (default 21), {@code --warmup W} ssh runs before timing (2),
 * {@code --amiko-warmup A} amiko connections before timing (10), {@code --methods a,b,...}
 * (default: {@link KexMethods#defaultNames()}), {@code --quick} (N=5, W=1, A=3).
 */
public final class OpenSshKexTiming {

    static final String BASELINE = KexMethods.CURVE25519_SHA256;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<Sshd> LIVE = new CopyOnWriteArrayList<>();

    private OpenSshKexTiming() {
    }

    /** One table row; a null time means not measured. */
    private static final class Row {
        final String method;
        Double amiko;
        Double ssh;
        Double sshMinusBaseline;
        String note;

        Row(String method) {
            this.method = method;
        }
    }

    public static void main(String[] args) throws Exception {
        int runs = 21;
        int warmup = 2;
        int amikoWarmup = 10;
        List<String> methods = KexMethods.defaultNames();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    runs = 5;
                    warmup = 1;
                    amikoWarmup = 3;
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--amiko-warmup" -> amikoWarmup = Integer.parseInt(args[++i]);
                case "--methods" -> methods = List.of(args[++i].split(","));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --runs N, --warmup W, --amiko-warmup A, --methods a,b, --quick");
            }
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        for (String m : methods) {
            if (KexMethods.find(m).isEmpty()) {
                throw new IllegalArgumentException("amiko has no key exchange method " + m + "; it has "
                        + KexMethods.supportedNames());
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Sshd::stop), "stop-sshd"));

        Path sshd = locate("sshd", Path.of("/usr/sbin/sshd"));
        Path ssh = locate("ssh", Path.of("/usr/bin/ssh"));
        Path keygen = locate("ssh-keygen", Path.of("/usr/bin/ssh-keygen"));
        String version = run(List.of(ssh.toString(), "-V")).stderr.strip();
        Set<String> opensshKex = Set.of(run(List.of(ssh.toString(), "-Q", "kex")).requireSuccess().stdout.strip().split("\\s+"));
        String user = System.getProperty("user.name");

        ensurePrivilegeSeparationDir();
        Path dir = Files.createTempDirectory("amiko-kex-timing-");
        List<Row> rows = new ArrayList<>();
        boolean failed = false;
        try {
            Path hostKeyFile = dir.resolve("host_ed25519");
            Path clientKey = dir.resolve("client_ed25519");
            run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "host", "-f", hostKeyFile.toString())).requireSuccess();
            run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "client", "-f", clientKey.toString())).requireSuccess();
            Path authorizedKeys = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("client_ed25519.pub"), authorizedKeys);
            String hostLine = Files.readString(dir.resolve("host_ed25519.pub"), StandardCharsets.US_ASCII);
            SshPublicKey hostKey = SshPublicKey.decode(Bytes.of(Base64.getDecoder().decode(hostLine.split(" ")[1])));
            SshdSetup setup = new SshdSetup(sshd, dir, hostKeyFile, authorizedKeys, penaltiesOffLine(sshd, dir, hostKeyFile));
            SshCli cli = new SshCli(ssh, clientKey, user);

            System.out.printf("%s; %s %s; user %s; median of %d runs after %d warm-up (amiko: %d warm-up connections)%n",
                    version, System.getProperty("java.vm.name"), System.getProperty("java.version"), user, runs, warmup,
                    amikoWarmup);
            Sshd baseline = opensshKex.contains(BASELINE) ? setup.start(BASELINE) : null;
            if (baseline == null) {
                System.out.println("this OpenSSH lacks the baseline " + BASELINE + ": no difference column");
            }
            for (String method : methods) {
                Row row = new Row(method);
                rows.add(row);
                if (!opensshKex.contains(method)) {
                    row.note = "not in this OpenSSH";
                    continue;
                }
                System.out.printf("  %s ...%n", method);
                Sshd server = method.equals(BASELINE) ? baseline : setup.start(method);
                try {
                    row.amiko = timeAmiko(method, hostKey, server.port, runs, amikoWarmup);
                    cli.checkNegotiates(method, server.port);
                    for (int i = 0; i < warmup; i++) {
                        cli.time(method, server.port);
                        if (baseline != null) {
                            cli.time(BASELINE, baseline.port);
                        }
                    }
                    double[] times = new double[runs];
                    double[] differences = new double[runs];
                    for (int i = 0; i < runs; i++) {
                        times[i] = cli.time(method, server.port);
                        if (baseline != null) {
                            differences[i] = times[i] - cli.time(BASELINE, baseline.port);
                        }
                    }
                    row.ssh = median(times);
                    row.sshMinusBaseline = baseline == null ? null : median(differences);
                } catch (Exception e) {
                    failed = true;
                    row.note = "failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString())
                            + " (sshd log: " + server.log + ")";
                } finally {
                    if (server != baseline) {
                        server.stop();
                    }
                }
            }
        } finally {
            LIVE.forEach(Sshd::stop);
            if (!failed) {
                deleteTree(dir);
            }
        }
        print(rows, runs);
        if (failed) {
            System.out.println("temp dir with the sshd logs kept: " + dir);
            System.exit(1);
        }
    }

    // ---- amiko's client ---------------------------------------------------------------------

    /** Median ms of: TCP connect, our client handshake with {@code method}, ssh-userauth accepted. */
    static double timeAmiko(String method, SshPublicKey hostKey, int port, int runs, int warmup) throws IOException {
        TransportConfig config = TransportConfig.builder()
                .kexAlgorithms(List.of(method))
                .hostKeyVerifier(HostKeyVerifier.exactly(hostKey))
                .build();
        double[] times = new double[runs];
        for (int i = -warmup; i < runs; i++) {
            long start = System.nanoTime();
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                socket.setTcpNoDelay(true);
                try (Transport t = Transport.client(socket, config, "127.0.0.1", port)) {
                    t.requestService("ssh-userauth", WAIT);
                    long end = System.nanoTime();
                    if (!method.equals(t.negotiated().kex())) {
                        throw new IllegalStateException("asked for " + method + ", negotiated " + t.negotiated().kex());
                    }
                    if (i >= 0) {
                        times[i] = (end - start) / 1e6;
                    }
                }
            } finally {
                socket.close();
            }
        }
        return median(times);
    }

    // ---- OpenSSH's client -------------------------------------------------------------------

    /** {@code ssh ... user@127.0.0.1 true} with one key exchange method. */
    record SshCli(Path ssh, Path clientKey, String user) {

        List<String> command(String method, int port, boolean verbose) {
            List<String> c = new ArrayList<>(List.of(ssh.toString(), "-F", "none",
                    "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                    "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                    "-o", "LogLevel=" + (verbose ? "DEBUG1" : "ERROR"),
                    "-o", "KexAlgorithms=" + method, "-i", clientKey.toString(), "-p", Integer.toString(port),
                    user + "@127.0.0.1", "true"));
            return c;
        }

        /** Wall ms of one run; a failed run is an exception quoting ssh. */
        double time(String method, int port) throws IOException, InterruptedException {
            ProcessBuilder pb = new ProcessBuilder(command(method, port, false))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            long start = System.nanoTime();
            Process p = pb.start();
            byte[] err = p.getErrorStream().readAllBytes();
            int exit = p.waitFor();
            long end = System.nanoTime();
            if (exit != 0) {
                throw new IOException("ssh with " + method + " exited " + exit + ": "
                        + new String(err, StandardCharsets.UTF_8).strip());
            }
            return (end - start) / 1e6;
        }

        /** One verbose run, not timed, that must show ssh negotiating {@code method}. */
        void checkNegotiates(String method, int port) throws IOException {
            Result r = run(command(method, port, true));
            String line = "kex: algorithm: " + method;
            if (r.exit != 0 || !r.stderr.contains(line)) {
                throw new IOException("ssh with " + method + " exited " + r.exit + " without \"" + line + "\": "
                        + r.stderr.strip());
            }
        }
    }

    // ---- sshd -------------------------------------------------------------------------------

    /** The files every sshd of this run shares. */
    record SshdSetup(Path sshd, Path dir, Path hostKey, Path authorizedKeys, String extraLine) {

        Sshd start(String method) throws IOException, InterruptedException {
            String failures = "";
            for (int attempt = 1; attempt <= 5; attempt++) {
                int port = freePort();
                Path config = dir.resolve("sshd_config-" + port);
                Files.writeString(config, configText(method, port));
                Result check = run(List.of(sshd.toString(), "-t", "-f", config.toString()));
                if (check.exit != 0) {
                    throw new IOException("sshd -t rejects the config for " + method + ": " + check.stderr.strip());
                }
                Path log = dir.resolve("sshd-" + port + ".log");
                Process p = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", config.toString())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(log.toFile())
                        .redirectErrorStream(true)
                        .start();
                Sshd server = new Sshd(p, port, log);
                LIVE.add(server);
                String listening = "Server listening on 127.0.0.1 port " + port + ".";
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (p.isAlive() && System.nanoTime() < deadline) {
                    if (Files.readString(log, StandardCharsets.UTF_8).contains(listening)) {
                        return server;
                    }
                    Thread.sleep(20);
                }
                server.stop();
                failures += "\nattempt " + attempt + " on port " + port + ": "
                        + Files.readString(log, StandardCharsets.UTF_8).strip();
            }
            throw new IOException("sshd did not start listening:" + failures);
        }

        String configText(String method, int port) {
            String text = String.join("\n",
                    "ListenAddress 127.0.0.1",
                    "Port " + port,
                    "HostKey " + hostKey,
                    "PidFile none",
                    "StrictModes no",
                    "UsePAM no",
                    "PermitRootLogin yes",
                    "AuthorizedKeysFile " + authorizedKeys,
                    "PubkeyAuthentication yes",
                    "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no",
                    "KexAlgorithms " + method,
                    "LogLevel INFO") + "\n";
            return extraLine == null ? text : text + extraLine + "\n";
        }
    }

    /** A running sshd, stopped by its PID (and those of any connection children it forked). */
    static final class Sshd {
        final Process process;
        final int port;
        final Path log;

        Sshd(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        void stop() {
            if (!LIVE.remove(this)) {
                return;
            }
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                for (ProcessHandle child : children) {
                    child.onExit().completeOnTimeout(child, 5, TimeUnit.SECONDS).join();
                    if (child.isAlive()) {
                        child.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * OpenSSH 9.8 and later penalise clients that connect and leave without authenticating, as
     * our timing client does; {@code PerSourcePenalties no} turns that off where sshd knows the
     * keyword (older ones reject it, and need nothing).
     */
    static String penaltiesOffLine(Path sshd, Path dir, Path hostKey) throws IOException {
        String line = "PerSourcePenalties no";
        Path config = dir.resolve("sshd_config-probe");
        Files.writeString(config, "HostKey " + hostKey + "\nPidFile none\nUsePAM no\n" + line + "\n");
        boolean known = run(List.of(sshd.toString(), "-t", "-f", config.toString())).exit == 0;
        Files.delete(config);
        return known ? line : null;
    }

    static void ensurePrivilegeSeparationDir() throws IOException {
        Path run = Path.of("/run/sshd");
        if (!Files.isDirectory(run)) {
            Files.createDirectories(run);
            Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    // ---- helpers ----------------------------------------------------------------------------

    record Result(int exit, String stdout, String stderr) {
        Result requireSuccess() {
            if (exit != 0) {
                throw new IllegalStateException("command exited " + exit + ": " + stderr.strip());
            }
            return this;
        }
    }

    /** Runs a short command to completion; stderr goes to a temp file so neither pipe can fill. */
    static Result run(List<String> command) {
        try {
            Path err = Files.createTempFile("amiko-kex-cmd-", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectError(err.toFile())
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(60, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IOException("timed out: " + command);
                }
                return new Result(p.exitValue(), out, Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    /** The system location first (sshd must be run by its absolute path to re-exec), then PATH. */
    static Path locate(String name, Path usual) {
        Set<Path> candidates = new LinkedHashSet<>();
        candidates.add(usual);
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(File.pathSeparator)) {
                if (!d.isEmpty()) {
                    candidates.add(Path.of(d).resolve(name).toAbsolutePath());
                }
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " not found (Debian: openssh-server, openssh-client)"));
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind
        }
    }

    private static String ms(Double v) {
        return v == null ? "" : String.format("%.1f", v);
    }

    static void print(List<Row> rows, int runs) {
        System.out.println();
        System.out.printf("%-36s %22s %18s %22s%n", "method", "amiko client vs sshd", "ssh CLI `true`",
                "ssh minus " + BASELINE);
        System.out.printf("%-36s %22s %18s %22s%n", "", "(ms)", "(ms)", "(ms)");
        for (Row r : rows) {
            if (r.note != null && r.amiko == null && r.ssh == null) {
                System.out.printf("%-36s %s%n", r.method, r.note);
            } else {
                System.out.printf("%-36s %22s %18s %22s%s%n", r.method, ms(r.amiko), ms(r.ssh), ms(r.sshMinusBaseline),
                        r.note == null ? "" : "  " + r.note);
            }
        }
        System.out.println();
        System.out.println("All columns are medians of " + runs + " runs, wall time in milliseconds, against OpenSSH sshd on 127.0.0.1");
        System.out.println("with an Ed25519 host key and KexAlgorithms set to the method alone.");
        System.out.println("  amiko client vs sshd: amiko's client Transport in this warmed-up JVM: TCP connect, version exchange,");
        System.out.println("      KEXINIT, the method, NEWKEYS both ways, then ssh-userauth requested and accepted. No process start,");
        System.out.println("      no authentication. sshd's own per-connection cost (fork, re-exec) is inside.");
        System.out.println("  ssh CLI `true`: one whole `ssh -i KEY user@127.0.0.1 true` process with that method, spawned from this");
        System.out.println("      JVM: process start, the handshake, publickey authentication, a session running `true`, exit.");
        System.out.println("  ssh minus " + BASELINE + ": each timed ssh run is followed by the same command with " + BASELINE);
        System.out.println("      (against a second sshd); this is the median of those N differences: what the method's key exchange");
        System.out.println("      costs beyond " + BASELINE + "'s, everything else cancelled out (about 0 for " + BASELINE + " itself).");
        System.out.println("  The in-JVM amiko client+server handshake over a memory pipe is measured separately by JMH");
        System.out.println("  (KeyExchangeBenchmark).");
    }
}
