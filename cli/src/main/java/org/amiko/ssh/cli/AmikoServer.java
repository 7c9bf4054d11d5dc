package org.amiko.ssh.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.keys.AuthorizedKeys;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.testserver.ProcessCommandHandler;
import org.amiko.ssh.testserver.TestServer;
import org.amiko.ssh.testserver.Users;
import org.amiko.ssh.transport.keys.HostKey;

/**
 * {@code bin/amiko-server [-p port] [-b bind_address] [-h host_key_file]... [-a authorized_keys_file]
 * [-u user:password]... [--shell] [--legacy]}: amiko's test server as a command. The first line on
 * stdout is {@code listening on HOST:PORT} once it accepts connections, then one line per host
 * key, {@code KEYTYPE SHA256:fingerprint}. SIGTERM (or Ctrl-C) disconnects every client and exits.
 * Shell sessions only with {@code --shell}; the SHA-1 algorithms (kex, ssh-rsa, hmac-sha1) only
 * with {@code --legacy}.
 *
 * <p>The keys of {@code -a} admit a client under any user name, with their authorized_keys options
 * enforced as sshd(8) does ({@code command=}, {@code from=}, {@code expiry-time=}, {@code restrict},
 * {@code no-pty}, {@code no-port-forwarding}, {@code permitopen=}, {@code permitlisten=};
 * {@code environment=} is not applied, as with sshd's default PermitUserEnvironment=no).
 */
public final class AmikoServer {

    private static final String USAGE = "usage: amiko-server [-p port] [-b bind_address] [-h host_key_file]..."
            + " [-a authorized_keys_file] [-u user:password]... [--shell] [--legacy]";

    private AmikoServer() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        TestServer.Builder b = TestServer.builder();
        boolean shell = false;
        List<Path> hostKeyFiles = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-p" -> b.port(Integer.parseInt(value(args, ++i)));
                    case "-b" -> b.bindAddress(InetAddress.getByName(value(args, ++i)));
                    case "-h" -> hostKeyFiles.add(Path.of(value(args, ++i)));
                    case "-a" -> {
                        AuthorizedKeys keys = AuthorizedKeys.read(Path.of(value(args, ++i)));
                        keys.problems().forEach(p -> System.err.println("amiko-server: " + keys.name() + ": " + p));
                        for (AuthorizedKey k : keys.keys()) {
                            b.authorizedKey(Users.ANY_USER, k); // with its options, enforced as sshd does
                        }
                    }
                    case "-u" -> {
                        String spec = value(args, ++i);
                        int colon = spec.indexOf(':');
                        if (colon < 0) {
                            throw new IllegalArgumentException("-u wants user:password, got " + spec);
                        }
                        b.user(spec.substring(0, colon), spec.substring(colon + 1));
                    }
                    case "--shell" -> shell = true;
                    case "--legacy" -> b.legacyAlgorithms(true);
                    default -> throw new IllegalArgumentException("unknown argument " + args[i]);
                }
            }
            for (Path file : hostKeyFiles) {
                b.hostKey(HostKey.of(PrivateKeyFiles.read(file, PassphraseProvider.none())));
            }
        } catch (IllegalArgumentException | IOException e) {
            System.err.println("amiko-server: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(255);
            return;
        }
        if (shell) {
            b.shell(new ProcessCommandHandler());
        }
        TestServer server = b.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "amiko-server-stop"));
        String host = server.host().contains(":") ? "[" + server.host() + "]" : server.host();
        out.println("listening on " + host + ":" + server.port());
        for (HostKey k : server.hostKeys()) {
            out.println(k.publicKey().keyType() + " " + k.publicKey().sha256Fingerprint());
        }
        out.flush();
        stopped.await();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
