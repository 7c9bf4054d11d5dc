package org.amiko.ssh.channel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.PublicKeyAuth;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.keys.SshPublicKey;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.SshKeygen;

/**
 * A real OpenSSH sshd with one user key in its authorized_keys, and authenticated amiko
 * {@link Connection}s to it. The host key is checked against the one the fixture generated.
 */
public final class SshdConnections implements AutoCloseable {

    public static final String USER = System.getProperty("user.name");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final OpenSshd sshd;
    private final Path userKey;

    private SshdConnections(OpenSshd sshd, Path userKey) {
        this.sshd = sshd;
        this.userKey = userKey;
    }

    /** Starts sshd with the fixture's defaults, a user key and {@code extraConfig} lines. */
    public static SshdConnections start(Path dir, String... extraConfig) throws IOException {
        Path key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(SshKeygen.publicKeyFile(key), authorized);
        OpenSshd.Builder b = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).config("MaxSessions 256").logLevel("INFO");
        for (String line : extraConfig) {
            b.config(line);
        }
        return new SshdConnections(b.start(), key);
    }

    public OpenSshd sshd() {
        return sshd;
    }

    public Path userKey() {
        return userKey;
    }

    /** A transport to sshd, authenticated with the user key. */
    public Transport authenticatedTransport(TransportConfig.Builder transport) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", sshd.port()), 5000);
        socket.setTcpNoDelay(true);
        SshPublicKey hostKey = SshPublicKey.decode(Bytes.of(Base64.getDecoder().decode(sshd.hostKey(KeyType.ED25519).base64())));
        Transport t = Transport.client(socket, transport.hostKeyVerifier(HostKeyVerifier.exactly(hostKey)).build(),
                "127.0.0.1", sshd.port());
        try {
            ClientAuthenticator.authenticate(t, USER,
                    List.of(new PublicKeyAuth(List.of(PrivateKeyFiles.signer(userKey, PassphraseProvider.none())))),
                    BannerListener.IGNORE, WAIT);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
        return t;
    }

    public Connection connect(ConnectionConfig config) throws IOException {
        return Connection.start(authenticatedTransport(TransportConfig.builder()), config);
    }

    public Connection connect() throws IOException {
        return connect(ConnectionConfig.defaults());
    }

    @Override
    public void close() {
        sshd.close();
    }
}
