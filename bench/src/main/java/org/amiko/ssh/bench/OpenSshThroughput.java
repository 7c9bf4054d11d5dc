package org.amiko.ssh.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.PublicKeyAuth;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * Bulk throughput against a real OpenSSH {@code sshd} on 127.0.0.1, per cipher, amiko beside
 * OpenSSH's own {@code ssh} in the same run:
 *
 * <ul>
 *   <li><b>download</b>: exec {@code head -c N /dev/zero}, read stdout to its end;</li>
 *   <li><b>upload</b>: exec {@code cat > /dev/null}, write N bytes to stdin, close it, wait for
 *       the exit status.</li>
 * </ul>
 *
 * <p>amiko: one authenticated connection per cipher in this JVM, one warm-up round, then the
 * median of N timed commands (exec to exit). ssh: the whole process ({@code ssh -c CIPHER ...
 * CMD}, stdout to /dev/null, stdin from a sparse file of N zero bytes for the upload) minus the
 * median time of {@code ssh ... true} with the same cipher, so that start-up, key exchange and
 * authentication cancel out. MiB/s = N / time. Needs root (sshd logs in as the current user).
 *
 * <p>Arguments: {@code --size MIB} (default 1024), {@code --runs N} (3), {@code --ciphers a,b}
 * (aes128-gcm@openssh.com, chacha20-poly1305@openssh.com, aes128-ctr), {@code --window BYTES} and
 * {@code --packet BYTES} (the window and maximum packet amiko offers; default {@link ConnectionConfig}'s),
 * {@code --quick} (256 MiB, 1 run).
 */
public final class OpenSshThroughput {

    private static final Duration WAIT = Duration.ofMinutes(5);
    private static final String MAC = "hmac-sha2-256-etm@openssh.com";

    private OpenSshThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long mib = 1024;
        int runs = 3;
        int window = ConnectionConfig.DEFAULT_WINDOW;
        int packet = ConnectionConfig.DEFAULT_MAX_PACKET;
        List<String> ciphers = List.of("aes128-gcm@openssh.com", "chacha20-poly1305@openssh.com", "aes128-ctr");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> mib = Long.parseLong(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--ciphers" -> ciphers = List.of(args[++i].split(","));
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--packet" -> packet = Integer.parseInt(args[++i]);
                case "--quick" -> {
                    mib = 256;
                    runs = 1;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; usage: [--size MIB] [--runs N] [--ciphers a,b] [--quick]");
            }
        }
        long size = mib << 20;
        Path sshdPath = OpenSshKexTiming.locate("sshd", Path.of("/usr/sbin/sshd"));
        Path ssh = OpenSshKexTiming.locate("ssh", Path.of("/usr/bin/ssh"));
        Path keygen = OpenSshKexTiming.locate("ssh-keygen", Path.of("/usr/bin/ssh-keygen"));
        String version = OpenSshKexTiming.run(List.of(ssh.toString(), "-V")).stderr().strip();
        Set<String> opensshCiphers = Set.of(OpenSshKexTiming.run(List.of(ssh.toString(), "-Q", "cipher"))
                .requireSuccess().stdout().strip().split("\\s+"));
        String user = System.getProperty("user.name");
        OpenSshKexTiming.ensurePrivilegeSeparationDir();
        Path dir = Files.createTempDirectory("amiko-throughput-");
        OpenSshKexTiming.Sshd server = null;
        List<String[]> rows = new ArrayList<>();
        try {
            Path hostKeyFile = dir.resolve("host_ed25519");
            Path clientKey = dir.resolve("client_ed25519");
            OpenSshKexTiming.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKeyFile.toString())).requireSuccess();
            OpenSshKexTiming.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString())).requireSuccess();
            Path authorizedKeys = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("client_ed25519.pub"), authorizedKeys);
            String hostLine = Files.readString(dir.resolve("host_ed25519.pub"), StandardCharsets.US_ASCII);
            SshPublicKey hostKey = SshPublicKey.decode(Bytes.of(Base64.getDecoder().decode(hostLine.split(" ")[1])));
            Path zeros = dir.resolve("zeros");
            try (RandomAccessFile f = new RandomAccessFile(zeros.toFile(), "rw")) {
                f.setLength(size); // sparse: reading it costs no disk
            }
            server = new OpenSshKexTiming.SshdSetup(sshdPath, dir, hostKeyFile, authorizedKeys,
                    OpenSshKexTiming.penaltiesOffLine(sshdPath, dir, hostKeyFile)).start("curve25519-sha256");
            System.out.printf("%s; %s %s; %d MiB per transfer; median of %d runs; amiko window %d, max packet %d%n",
                    version, System.getProperty("java.vm.name"), System.getProperty("java.version"), mib, runs, window, packet);
            for (String cipher : ciphers) {
                if (!opensshCiphers.contains(cipher)) {
                    rows.add(new String[] {cipher, "not in this OpenSSH", "", "", "", "", ""});
                    continue;
                }
                System.out.printf("  %s ...%n", cipher);
                double[] amiko = amiko(cipher, hostKey, clientKey, user, server.port, size, runs,
                        ConnectionConfig.builder().windowSize(window).maxPacketSize(packet).build());
                double[] openssh = openssh(ssh, cipher, clientKey, user, server.port, zeros, size, runs);
                rows.add(new String[] {cipher,
                        mibs(size, amiko[0]), mibs(size, openssh[0]), ratio(openssh[0], amiko[0]),
                        mibs(size, amiko[1]), mibs(size, openssh[1]), ratio(openssh[1], amiko[1])});
            }
        } finally {
            if (server != null) {
                server.stop();
            }
            OpenSshKexTiming.deleteTree(dir);
        }
        System.out.println();
        System.out.println("| cipher | download amiko MiB/s | download ssh MiB/s | ratio | upload amiko MiB/s | upload ssh MiB/s | ratio |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (String[] r : rows) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }

    private static String mibs(long size, double seconds) {
        return String.format("%.0f", size / 1048576.0 / seconds);
    }

    private static String ratio(double sshSeconds, double amikoSeconds) {
        return String.format("%.0f%%", 100 * sshSeconds / amikoSeconds);
    }

    // ---- amiko --------------------------------------------------------------------------------

    /** Median seconds of {download, upload}. */
    static double[] amiko(String cipher, SshPublicKey hostKey, Path clientKey, String user, int port, long size,
                          int runs, ConnectionConfig config) throws Exception {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setTcpNoDelay(true);
        Transport t = Transport.client(socket, TransportConfig.builder().ciphers(List.of(cipher)).macs(List.of(MAC))
                .hostKeyVerifier(HostKeyVerifier.exactly(hostKey)).build(), "127.0.0.1", port);
        ClientAuthenticator.authenticate(t, user, List.of(new PublicKeyAuth(List.of(
                PrivateKeyFiles.signer(clientKey, PassphraseProvider.none())))), BannerListener.IGNORE, WAIT);
        if (!t.negotiated().cipherClientToServer().equals(cipher)) {
            throw new IllegalStateException("negotiated " + t.negotiated());
        }
        try (Connection c = Connection.start(t, config)) {
            download(c, size);
            upload(c, size);
            double[] down = new double[runs];
            double[] up = new double[runs];
            for (int i = 0; i < runs; i++) {
                down[i] = download(c, size);
                up[i] = upload(c, size);
            }
            return new double[] {OpenSshKexTiming.median(down), OpenSshKexTiming.median(up)};
        }
    }

    private static double download(Connection c, long size) throws IOException {
        long start = System.nanoTime();
        try (SessionChannel s = c.openSession()) {
            s.exec("head -c " + size + " /dev/zero");
            byte[] buf = new byte[64 * 1024];
            long n = 0;
            int r;
            InputStream out = s.stdout();
            while ((r = out.read(buf)) >= 0) {
                n += r;
            }
            if (n != size || !s.waitFor(WAIT).isSuccess()) {
                throw new IllegalStateException("download got " + n + " bytes, " + s.waitFor(WAIT));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double upload(Connection c, long size) throws IOException {
        long start = System.nanoTime();
        try (SessionChannel s = c.openSession()) {
            s.exec("cat > /dev/null");
            byte[] buf = new byte[256 * 1024];
            try (OutputStream in = s.stdin()) {
                for (long n = 0; n < size; n += buf.length) {
                    in.write(buf, 0, (int) Math.min(buf.length, size - n));
                }
            }
            if (!s.waitFor(WAIT).isSuccess()) {
                throw new IllegalStateException("upload: " + s.waitFor(WAIT));
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    // ---- OpenSSH's ssh ------------------------------------------------------------------------

    static double[] openssh(Path ssh, String cipher, Path clientKey, String user, int port, Path zeros, long size,
                            int runs) throws Exception {
        double[] base = new double[runs + 2];
        double[] down = new double[runs];
        double[] up = new double[runs];
        time(ssh, cipher, clientKey, user, port, "true", null); // warm-up
        for (int i = 0; i < base.length; i++) {
            base[i] = time(ssh, cipher, clientKey, user, port, "true", null);
        }
        for (int i = 0; i < runs; i++) {
            down[i] = time(ssh, cipher, clientKey, user, port, "head -c " + size + " /dev/zero", null);
            up[i] = time(ssh, cipher, clientKey, user, port, "cat > /dev/null", zeros);
        }
        double b = OpenSshKexTiming.median(base);
        return new double[] {OpenSshKexTiming.median(down) - b, OpenSshKexTiming.median(up) - b};
    }

    private static double time(Path ssh, String cipher, Path clientKey, String user, int port, String command,
                               Path stdin) throws IOException, InterruptedException {
        List<String> c = List.of(ssh.toString(), "-F", "none", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                "-o", "LogLevel=ERROR", "-c", cipher, "-m", MAC, "-i", clientKey.toString(), "-p", Integer.toString(port),
                user + "@127.0.0.1", command);
        ProcessBuilder pb = new ProcessBuilder(c)
                .redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long start = System.nanoTime();
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        int exit = p.waitFor();
        long end = System.nanoTime();
        if (exit != 0) {
            throw new IOException("ssh " + command + " exited " + exit + ": " + new String(err, StandardCharsets.UTF_8).strip());
        }
        return (end - start) / 1e9;
    }
}
