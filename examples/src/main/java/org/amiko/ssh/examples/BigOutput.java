package org.amiko.ssh.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.amiko.ssh.client.CommandResult;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;

/**
 * {@code run} collects a command's whole stdout and stderr at once, so a command that writes
 * megabytes to both never stalls (paramiko's classic hang when stdout is read first).
 *
 * <pre>java ... BigOutput HOST PORT USER PASSWORD KNOWN_HOSTS_FILE</pre>
 */
public final class BigOutput {

    private BigOutput() {
    }

    public static void main(String[] args) throws Exception {
        CommandResult r = run(args[0], Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]));
        System.out.println(r.stdout().length() + " bytes on stdout, " + r.stderr().length() + " on stderr, " + r.status());
    }

    public static CommandResult run(String host, int port, String user, String password, Path knownHosts) throws Exception {
        SshClient client = SshClient.builder().user(user).password(password).loadHostKeys(knownHosts).build();
        try (SshConnection c = client.connect(host, port)) {
            return c.run("head -c 20000000 /dev/zero >&2; head -c 20000000 /dev/zero", Duration.ofMinutes(1));
        }
    }
}
