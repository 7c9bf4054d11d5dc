package org.amiko.ssh.testserver;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.amiko.ssh.auth.AuthMethod;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.PasswordAuth;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;

/** amiko's client role of the lower modules, connected to a {@link TestServer}. */
final class Clients {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Clients() {
    }

    static Transport transport(TestServer server, Consumer<TransportConfig.Builder> change) throws IOException {
        Socket socket = new Socket(server.host(), server.port());
        socket.setSoTimeout(0);
        TransportConfig.Builder b = TransportConfig.builder().hostKeyVerifier(HostKeyVerifier.exactly(server.hostKey()))
                .hostKeyAlgorithms(List.of("ssh-ed25519")).handshakeTimeout(Duration.ofSeconds(10));
        change.accept(b);
        try {
            return Transport.client(socket, b.build(), server.host(), server.port());
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    static Connection connect(TestServer server, String user, String password) throws IOException {
        return connect(server, user, List.of(PasswordAuth.of(password)), b -> { }, ConnectionConfig.defaults(), BannerListener.IGNORE);
    }

    static Connection connect(TestServer server, String user, List<AuthMethod> methods,
                              Consumer<TransportConfig.Builder> transport, ConnectionConfig config,
                              BannerListener banners) throws IOException {
        Transport t = transport(server, transport);
        try {
            ClientAuthenticator.authenticate(t, user, methods, banners, WAIT);
            return Connection.start(t, config);
        } catch (IOException | RuntimeException e) {
            t.close();
            throw e;
        }
    }
}
