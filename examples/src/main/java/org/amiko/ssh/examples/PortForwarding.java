package org.amiko.ssh.examples;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.amiko.ssh.channel.forward.LocalPortForwarder;
import org.amiko.ssh.client.SshClient;
import org.amiko.ssh.client.SshConnection;

/**
 * {@code ssh -L}: a local port that reaches {@code TARGET_HOST:TARGET_PORT} as the server sees it.
 * This sends one line through it and returns what came back.
 *
 * <pre>java ... PortForwarding HOST PORT USER PASSWORD KNOWN_HOSTS_FILE TARGET_HOST TARGET_PORT</pre>
 */
public final class PortForwarding {

    private PortForwarding() {
    }

    public static void main(String[] args) throws Exception {
        System.out.print(run(args[0], Integer.parseInt(args[1]), args[2], args[3], Path.of(args[4]), args[5],
                Integer.parseInt(args[6]), "hello through the tunnel\n"));
    }

    public static String run(String host, int port, String user, String password, Path knownHosts, String targetHost,
                             int targetPort, String line) throws Exception {
        SshClient client = SshClient.builder().user(user).password(password).loadHostKeys(knownHosts).build();
        try (SshConnection c = client.connect(host, port);
             LocalPortForwarder forward = c.forwardLocal(0, targetHost, targetPort);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), forward.localPort())) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(line.getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
