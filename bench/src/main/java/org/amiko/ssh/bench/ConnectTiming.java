package org.amiko.ssh.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;

/**
 * Connect + authenticate + run {@code true}, against a real OpenSSH sshd on 127.0.0.1: amiko's
 * {@link SshClient} warm in this JVM, OpenSSH's {@code ssh ... true} as a process, and, when
 * {@code --amiko-cli PATH} names it, {@code bin/amiko ... true} as a process (start-up included).
 * Median of N runs each. Needs root (sshd logs in as the current user).
 */
public final class ConnectTiming {

    private ConnectTiming() {
    }

    public static void main(String[] args) throws Exception {
        int runs = 21;
        String amikoCli = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--amiko-cli" -> amikoCli = args[++i];
                default -> throw new IllegalArgumentException("usage: [--runs N] [--amiko-cli PATH_TO_bin/amiko]");
            }
        }
        Path sshdPath = OpenSshKexTiming.locate("sshd", Path.of("/usr/sbin/sshd"));
        Path ssh = OpenSshKexTiming.locate("ssh", Path.of("/usr/bin/ssh"));
        Path keygen = OpenSshKexTiming.locate("ssh-keygen", Path.of("/usr/bin/ssh-keygen"));
        OpenSshKexTiming.ensurePrivilegeSeparationDir();
        Path dir = Files.createTempDirectory("amiko-connect-timing-");
        OpenSshKexTiming.Sshd server = null;
        try {
            Path hostKey = dir.resolve("host_ed25519");
            Path clientKey = dir.resolve("client_ed25519");
            OpenSshKexTiming.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString())).requireSuccess();
            OpenSshKexTiming.run(List.of(keygen.toString(), "-q", "-t", "ed25519", "-N", "", "-f", clientKey.toString())).requireSuccess();
            Path authorized = dir.resolve("authorized_keys");
            Files.copy(dir.resolve("client_ed25519.pub"), authorized);
            server = new OpenSshKexTiming.SshdSetup(sshdPath, dir, hostKey, authorized,
                    OpenSshKexTiming.penaltiesOffLine(sshdPath, dir, hostKey)).start("curve25519-sha256");
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.port + " "
                    + Files.readString(dir.resolve("host_ed25519.pub"), StandardCharsets.US_ASCII));
            String user = System.getProperty("user.name");
            List<String> common = List.of("-F", "none", "-o", "BatchMode=yes", "-o", "UserKnownHostsFile=" + knownHosts,
                    "-o", "IdentityAgent=none", "-o", "IdentitiesOnly=yes", "-o", "KexAlgorithms=curve25519-sha256",
                    "-i", clientKey.toString(), "-p", Integer.toString(server.port), user + "@127.0.0.1", "true");

            SshClient client = SshClient.builder().user(user).identityFile(clientKey).agent(false).lookForKeys(false)
                    .loadHostKeys(knownHosts).transport(t -> t.kexAlgorithms(List.of("curve25519-sha256"))).build();
            double[] warm = new double[runs];
            for (int i = -10; i < runs; i++) {
                long start = System.nanoTime();
                try (SshConnection c = client.connect("127.0.0.1", server.port)) {
                    if (!c.run("true", Duration.ofSeconds(30)).isSuccess()) {
                        throw new IllegalStateException("true failed");
                    }
                }
                if (i >= 0) {
                    warm[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            double sshMs = processMedian(ssh.toString(), common, runs);
            System.out.printf("%s; %s %s; median of %d runs%n", OpenSshKexTiming.run(List.of(ssh.toString(), "-V")).stderr().strip(),
                    System.getProperty("java.vm.name"), System.getProperty("java.version"), runs);
            System.out.println();
            System.out.println("| what | ms |");
            System.out.println("|---|---:|");
            System.out.printf("| amiko SshClient connect + run(\"true\"), warm JVM | %.1f |%n", OpenSshKexTiming.median(warm));
            System.out.printf("| ssh ... true (process) | %.1f |%n", sshMs);
            if (amikoCli != null) {
                System.out.printf("| bin/amiko ... true (process, JVM start-up included) | %.1f |%n",
                        processMedian(amikoCli, common, runs));
            }
        } finally {
            if (server != null) {
                server.stop();
            }
            OpenSshKexTiming.deleteTree(dir);
        }
    }

    private static double processMedian(String program, List<String> args, int runs) throws IOException, InterruptedException {
        double[] times = new double[runs];
        for (int i = -2; i < runs; i++) {
            List<String> argv = new ArrayList<>();
            argv.add(program);
            argv.addAll(args);
            long start = System.nanoTime();
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            byte[] err = p.getErrorStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException(program + " failed: " + new String(err, StandardCharsets.UTF_8));
            }
            if (i >= 0) {
                times[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return OpenSshKexTiming.median(times);
    }
}
