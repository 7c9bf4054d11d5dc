package org.amiko.ssh.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;

/**
 * ProxyJump: reach a host through another one. The second connection runs over a direct-tcpip
 * channel of the first, and its host key is checked like any other.
 *
 * <pre>java ... JumpHost JUMP_HOST JUMP_PORT TARGET_HOST TARGET_PORT USER PASSWORD KNOWN_HOSTS_FILE</pre>
 */
public final class JumpHost {

    private JumpHost() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run(args[0], Integer.parseInt(args[1]), args[2], Integer.parseInt(args[3]), args[4], args[5],
                Path.of(args[6])));
    }

    public static String run(String jumpHost, int jumpPort, String host, int port, String user, String password,
                             Path knownHosts) throws Exception {
        SshClient client = SshClient.builder().user(user).password(password).loadHostKeys(knownHosts).build();
        try (SshConnection jump = client.connect(jumpHost, jumpPort);
             SshConnection target = client.connectVia(jump, host, port)) {
            return target.run("echo reached through the jump host", Duration.ofSeconds(30)).stdoutText();
        }
    }
}
