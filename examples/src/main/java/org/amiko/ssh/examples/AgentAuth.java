package org.amiko.ssh.examples;

import java.nio.file.Path;
import java.time.Duration;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;

/**
 * Authentication with the keys of an ssh-agent (the one of SSH_AUTH_SOCK, or a socket given):
 * the private keys never enter this program; the agent signs.
 *
 * <pre>java ... AgentAuth HOST PORT USER KNOWN_HOSTS_FILE [AGENT_SOCKET]</pre>
 */
public final class AgentAuth {

    private AgentAuth() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run(args[0], Integer.parseInt(args[1]), args[2], Path.of(args[3]),
                args.length > 4 ? Path.of(args[4]) : null));
    }

    public static String run(String host, int port, String user, Path knownHosts, Path agentSocket) throws Exception {
        SshClient client = SshClient.builder().user(user).loadHostKeys(knownHosts).agentSocket(agentSocket)
                .lookForKeys(false).build();
        try (SshConnection c = client.connect(host, port)) {
            return c.run("echo signed by the agent", Duration.ofSeconds(30)).stdoutText();
        }
    }
}
