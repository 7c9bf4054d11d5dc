package org.amiko.ssh.auth.agent;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.PublicKeyAuth;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publickey authentication through a real ssh-agent (loaded by ssh-add) against a real sshd: the private key stays in the agent. */
class AgentAuthTest {

    @Test
    void agentKeysLogIn(@TempDir Path dir) throws Exception {
        Path ed = dir.resolve("id_ed25519");
        Path rsa = dir.resolve("id_rsa");
        SshKeygen.run(dir, "-q", "-t", "ed25519", "-N", "", "-f", ed.toString());
        SshKeygen.run(dir, "-q", "-t", "rsa", "-b", "3072", "-N", "", "-f", rsa.toString());
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, Files.readString(Path.of(rsa + ".pub")));
        try (SshAgentProcess agentProcess = SshAgentProcess.start(dir);
             OpenSshd sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized).pubkeyAuthentication(true).start()) {
            SshAgentProcess.sshAdd(agentProcess.socket(), ed.toString()).requireSuccess();
            SshAgentProcess.sshAdd(agentProcess.socket(), rsa.toString()).requireSuccess();
            try (UnixSocketAgent agent = UnixSocketAgent.connect(agentProcess.socket())) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress("127.0.0.1", sshd.port()), 5000);
                try (Transport t = Transport.client(socket, TransportConfig.builder()
                        .hostKeyVerifier(HostKeyVerifier.acceptAnyInsecurely()).build(), "127.0.0.1", sshd.port())) {
                    // The ed25519 key is offered first and refused; the RSA key signs through the agent with rsa-sha2-512.
                    ClientAuthenticator.authenticate(t, System.getProperty("user.name"),
                            List.of(new PublicKeyAuth(List.copyOf(AgentSigner.all(agent)))), BannerListener.IGNORE, Duration.ofSeconds(20));
                }
            }
            sshd.awaitLog("Accepted publickey for " + System.getProperty("user.name") + " from 127.0.0.1", Duration.ofSeconds(10));
            sshd.awaitLog("RSA SHA256:", Duration.ofSeconds(10));
        }
    }
}
