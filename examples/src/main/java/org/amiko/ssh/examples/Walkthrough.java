package org.amiko.ssh.examples;

import java.nio.file.Path;
import org.amiko.ssh.client.HostKeyPolicy;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;
import org.amiko.ssh.client.UnknownHostKeyException;

/**
 * The paramiko walkthrough in amiko: connect to a host nobody has vouched for yet (refused, with
 * what to do), trust it on first use, run {@code ls} and print its output line by line.
 *
 * <pre>java ... Walkthrough HOST PORT USER PASSWORD KNOWN_HOSTS_FILE</pre>
 */
public final class Walkthrough {

    private Walkthrough() {
    }

    public static void main(String[] args) throws Exception {
        run(args[0], Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]));
    }

    /** Returns the lines {@code ls} printed. */
    public static java.util.List<String> run(String host, int port, String user, String password, Path knownHosts)
            throws Exception {
        SshClient.Builder client = SshClient.builder().user(user).password(password).loadHostKeys(knownHosts);
        try (SshConnection c = client.build().connect(host, port)) {
            System.out.println("connected without checking?! " + c);
        } catch (UnknownHostKeyException e) {
            System.out.println("refused as it should be: " + e.getMessage());
        }
        // trust on first use: the key is written to knownHosts; a changed key would still be refused
        try (SshConnection c = client.hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW).build().connect(host, port)) {
            java.util.List<String> lines = c.exec("ls /").lines().toList();
            lines.forEach(System.out::println);
            return lines;
        }
    }
}
