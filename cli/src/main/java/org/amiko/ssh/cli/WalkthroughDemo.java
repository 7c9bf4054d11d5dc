package org.amiko.ssh.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.amiko.ssh.client.HostKeyPolicy;
import org.amiko.ssh.client.RemoteProcess;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;
import org.amiko.ssh.client.UnknownHostKeyException;
import org.amiko.ssh.testserver.TestServer;

/**
 * {@code bin/amiko --demo}: the paramiko walkthrough amiko exists for, replayed against the
 * embedded test server on 127.0.0.1. An unknown host is refused with the explanation; trust on
 * first use records it in a temporary known_hosts; a command's output is printed line by line with
 * its exit status and the negotiated algorithms; the next connection finds the recorded key.
 */
public final class WalkthroughDemo {

    private WalkthroughDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Path dir = Files.createTempDirectory("amiko-demo-");
        Path knownHosts = dir.resolve("known_hosts");
        try (TestServer server = TestServer.builder().user("fakeuser", "secret").start()) {
            String host = server.host();
            int port = server.port();
            out.println("amiko demo: the SSHClient walkthrough, against amiko's test server on " + host + ":" + port);
            out.println();
            SshClient.Builder base = SshClient.builder().user("fakeuser").password("secret").agent(false)
                    .lookForKeys(false).loadHostKeys(knownHosts);

            out.println("1. connect with the default policy (REJECT) and an empty known_hosts:");
            try (SshConnection ignored = base.build().connect(host, port)) {
                out.println("   connected?! (this should not happen)");
            } catch (UnknownHostKeyException e) {
                out.println("   refused: " + e.getMessage());
            }
            out.println();

            out.println("2. connect again with HostKeyPolicy.ACCEPT_NEW (trust on first use):");
            try (SshConnection c = base.hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build().connect(host, port)) {
                out.println("   recorded in " + knownHosts + ":");
                for (String line : Files.readAllLines(knownHosts)) {
                    out.println("     " + line.substring(0, Math.min(line.length(), 100)) + (line.length() > 100 ? "..." : ""));
                }
                out.println("   negotiated: " + c.negotiated());
                String command = "echo \"hello from $(uname -s)\"; ls / | head -5; exit 0";
                out.println("   exec: " + command);
                try (RemoteProcess p = c.exec(command)) {
                    p.lines().forEach(line -> out.println("     | " + line));
                    out.println("   " + p.waitFor(Duration.ofSeconds(30)));
                }
            }
            out.println();

            out.println("3. connect with REJECT again: the recorded key is found");
            try (SshConnection c = SshClient.builder().user("fakeuser").password("secret").agent(false).lookForKeys(false)
                    .loadHostKeys(knownHosts).build().connect(host, port)) {
                out.println("   connected as " + c.user() + "; run(\"id -un\") = "
                        + c.run("id -un", Duration.ofSeconds(30)).stdoutText().strip() + " (commands run as the server's user)");
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
