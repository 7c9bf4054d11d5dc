package org.amiko.ssh.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.PasswordAuth;
import org.amiko.ssh.auth.server.PasswordChecker;
import org.amiko.ssh.auth.server.ServerAuthConfig;
import org.amiko.ssh.auth.server.ServerAuthenticator;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.channel.session.ServerSession;
import org.amiko.ssh.channel.session.SessionChannel;
import org.amiko.ssh.channel.session.SessionHandler;
import org.amiko.ssh.channel.session.SessionRequest;
import org.amiko.ssh.transport.HostKeyVerifier;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.keys.HostKey;

/**
 * The whole stack, shown: amiko's server role on 127.0.0.1 (host key, password authentication,
 * session channels whose exec runs {@code /bin/sh -c} as the current user) and amiko's client,
 * which authenticates, runs a command, prints its stdout line by line, its stderr and its exit
 * status, then pushes 64 MiB through {@code cat} and back.
 */
public final class SessionDemo {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private SessionDemo() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        HostKey hostKey = HostKey.generate("ssh-ed25519", new SecureRandom());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Connection> server = CompletableFuture.supplyAsync(() -> serve(listener, hostKey));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            out.println("amiko session demo: client and server roles over TCP on 127.0.0.1 (RFC 4252, RFC 4254)");
            Transport transport = Transport.client(socket, TransportConfig.builder()
                    .hostKeyVerifier(HostKeyVerifier.exactly(hostKey.publicKey())).build(), "127.0.0.1", listener.getLocalPort());
            out.println("  transport   " + transport.negotiated());
            ClientAuthenticator.authenticate(transport, "demo", List.of(PasswordAuth.of("demo")), BannerListener.IGNORE, WAIT);
            out.println("  auth        password for \"demo\" accepted");
            try (Connection connection = Connection.start(transport, ConnectionConfig.defaults())) {
                String command = "echo \"hello from $(uname -s)\"; echo \"I am $(id -un)\"; echo to-stderr >&2; exit 3";
                out.println("  exec        " + command);
                SessionChannel session = connection.openSession();
                session.exec(command);
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(session.stderr()));
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(session.stdout(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        out.println("  stdout      " + line);
                    }
                }
                out.println("  stderr      " + stderr.join().strip());
                out.println("  exit        " + session.waitFor(WAIT));
                cat(out, connection, 64 << 20);
            }
            server.join().close();
        }
    }

    private static void cat(PrintStream out, Connection connection, int size) throws Exception {
        SessionChannel cat = connection.openSession();
        cat.exec("cat");
        long start = System.nanoTime();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream in = cat.stdin()) {
                byte[] chunk = new byte[64 * 1024];
                for (int n = 0; n < size; n += chunk.length) {
                    in.write(chunk);
                }
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        long received = cat.stdout().transferTo(OutputStream.nullOutputStream());
        writer.join();
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("  cat         %d MiB each way through /bin/cat in %.2f s (%.0f MiB/s each way), %s%n",
                received >> 20, seconds, (received >> 20) / seconds, cat.waitFor(WAIT));
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    // ---- the server role ----------------------------------------------------------------------

    private static Connection serve(ServerSocket listener, HostKey hostKey) {
        try {
            Socket accepted = listener.accept();
            Transport t = Transport.server(accepted, TransportConfig.builder().hostKeys(List.of(hostKey)).build());
            ServerAuthenticator.authenticate(t, ServerAuthConfig.of(null, (user, password) ->
                    user.equals("demo") && password.equals("demo") ? PasswordChecker.Result.ACCEPTED
                            : PasswordChecker.Result.REFUSED, null));
            return Connection.start(t, ConnectionConfig.builder()
                    .openHandler("session", ServerSession.opener(() -> SessionDemo::shell)).build());
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    /** exec runs {@code /bin/sh -c COMMAND}; the process's streams are pumped to and from the channel. */
    private static boolean shell(ServerSession session, SessionRequest request) {
        if (!(request instanceof SessionRequest.Exec exec)) {
            return false;
        }
        session.start(() -> {
            try {
                Process p = new ProcessBuilder("/bin/sh", "-c", exec.command()).start();
                Thread in = pump(session.stdin(), p.getOutputStream());
                Thread err = pump(p.getErrorStream(), session.stderr());
                p.getInputStream().transferTo(session.stdout());
                err.join();
                int code = p.waitFor();
                in.interrupt();
                session.exit(code);
            } catch (IOException | InterruptedException e) {
                try {
                    session.channel().close();
                } catch (IOException ignored) {
                    // gone
                }
            }
        });
        return true;
    }

    private static Thread pump(InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (to) {
                from.transferTo(to);
            } catch (IOException ignored) {
                // one side ended
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
