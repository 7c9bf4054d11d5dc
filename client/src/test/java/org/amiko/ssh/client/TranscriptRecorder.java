package org.amiko.ssh.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.amiko.ssh.auth.keys.KeyPairSigner;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.message.UserAuthFailure;
import org.amiko.ssh.auth.message.UserAuthMessage;
import org.amiko.ssh.auth.message.UserAuthRequest;
import org.amiko.ssh.auth.message.UserAuthSuccess;
import org.amiko.ssh.channel.message.ChannelClose;
import org.amiko.ssh.channel.message.ChannelData;
import org.amiko.ssh.channel.message.ChannelEof;
import org.amiko.ssh.channel.message.ChannelExtendedData;
import org.amiko.ssh.channel.message.ChannelOpen;
import org.amiko.ssh.channel.message.ChannelOpenConfirmation;
import org.amiko.ssh.channel.message.ChannelRequest;
import org.amiko.ssh.channel.message.ChannelSuccess;
import org.amiko.ssh.channel.message.ConnectionMessage;
import org.amiko.ssh.channel.message.GlobalRequest;
import org.amiko.ssh.channel.message.RequestFailure;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.HostKey;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;
import org.amiko.ssh.transport.message.Disconnect;
import org.amiko.ssh.transport.message.ServiceAccept;
import org.amiko.ssh.transport.message.ServiceRequest;
import org.amiko.ssh.transport.testing.Dropbear;
import org.amiko.ssh.transport.testing.FuzzInput;
import org.amiko.ssh.transport.testing.KexPeer;
import org.amiko.ssh.transport.testing.KeyType;
import org.amiko.ssh.transport.testing.OpenSshd;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Peers;
import org.amiko.ssh.transport.testing.SshKeygen;
import org.amiko.ssh.transport.wire.Bytes;
import org.amiko.ssh.transport.wire.SshWriter;

/**
 * Records real sessions as fuzz seeds: what OpenSSH's sshd and dropbear send to a client, and
 * what OpenSSH's ssh and dropbear's dbclient send to a server, every payload in cleartext (a
 * {@link KexPeer} runs the key exchange, so it sees inside the encryption). Each payload becomes
 * a seed of the decoder target for its number, and each session a seed of the state-machine
 * targets. Run by hand (as root, with the peers installed) when the peers or the targets change:
 *
 * <pre>mvn -q -pl client -am test-compile && java -cp ... org.amiko.ssh.client.TranscriptRecorder REPO_ROOT</pre>
 *
 * (scripts/record-transcripts does exactly that.) Clients log in as user {@code fuzz} with password
 * {@code secret}, the credentials the state-machine targets' servers accept.
 */
public final class TranscriptRecorder {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String KEX = KexMethods.CURVE25519_SHA256;
    private static final String USER = "fuzz";
    private static final String PASSWORD = "secret";

    private final Path root;
    private int written;

    private TranscriptRecorder(Path root) {
        this.root = root;
    }

    public static void main(String[] args) throws Exception {
        TranscriptRecorder r = new TranscriptRecorder(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath());
        Path dir = Files.createTempDirectory("amiko-transcripts");
        Path key = dir.resolve("id_ed25519");
        SshKeygen.generate(key, KeyType.ED25519);
        KeyPairSigner signer = new KeyPairSigner(PrivateKeyFiles.read(key, org.amiko.ssh.auth.keys.PassphraseProvider.none()), "rec");
        Path authorized = dir.resolve("authorized_keys");
        Files.copy(SshKeygen.publicKeyFile(key), authorized);
        try (OpenSshd sshd = OpenSshd.builder().hostKeys(KeyType.ED25519).authorizedKeysFile(authorized)
                .pubkeyAuthentication(true).start()) {
            r.recordServer("openssh-sshd", sshd.port(), System.getProperty("user.name"), signer, null);
        }
        Command.run(WAIT, List.of("userdel", "-r", USER));
        Command.run(WAIT, List.of("useradd", "-m", "-s", "/bin/sh", USER));
        Command.run(WAIT, List.of("sh", "-c", "echo '" + USER + ":" + PASSWORD + "' | chpasswd"));
        try (Dropbear dropbear = Dropbear.builder().hostKeys(KeyType.ED25519).start()) {
            r.recordServer("dropbear", dropbear.port(), USER, null, PASSWORD);
        } finally {
            Command.run(WAIT, List.of("userdel", "-r", USER));
        }
        Path askpass = dir.resolve("askpass");
        Files.writeString(askpass, "#!/bin/sh\necho " + PASSWORD + "\n");
        Files.setPosixFilePermissions(askpass, PosixFilePermissions.fromString("rwx------"));
        List<String> ssh = List.of("env", "SSH_ASKPASS=" + askpass, "SSH_ASKPASS_REQUIRE=force", "DISPLAY=:0",
                Peers.ssh().toString(), "-F", "none", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none", "-i", key.toString(), "-o", "SendEnv=LANG",
                "-o", "LogLevel=ERROR");
        r.recordClient("openssh-ssh", port -> concat(ssh, List.of("-p", Integer.toString(port), USER + "@127.0.0.1", "echo hi")));
        r.recordClient("openssh-ssh-pty", port -> concat(ssh, List.of("-tt", "-p", Integer.toString(port), USER + "@127.0.0.1", "tty")));
        r.recordClient("dropbear-dbclient", port -> List.of("env", "DROPBEAR_PASSWORD=" + PASSWORD, Peers.dbclient().toString(),
                "-y", "-y", "-p", Integer.toString(port), USER + "@127.0.0.1", "echo hi"));
        r.fileSeeds(dir);
        r.agentSeeds(dir, key);
        System.out.println(r.written + " seeds written");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---- a real server: what it sends ----------------------------------------------------------

    /** Logs in (publickey with {@code signer}, else password) and runs one command; records what the server sent. */
    private void recordServer(String name, int port, String user, KeyPairSigner signer, String password) throws Exception {
        List<byte[]> kex = new ArrayList<>();
        List<byte[]> after = new ArrayList<>();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) WAIT.toMillis());
            KexPeer p = KexPeer.client(s.getInputStream(), s.getOutputStream());
            p.exchangeVersions().sendKexInit(KEX, true).receiveKexInit().runMethod();
            kex.add(p.peerKexInit());
            kex.addAll(p.methodMessagesReceived());
            kex.add(new byte[] {21});
            p.sendNewKeys().receiveNewKeys();
            p.send(new ServiceRequest("ssh-userauth").toPayload());
            until(p, after, ServiceAccept.ID);
            p.send(new UserAuthRequest(user, "ssh-connection", new UserAuthRequest.None()).toPayload());
            until(p, after, UserAuthFailure.ID);
            UserAuthRequest.Method m;
            if (signer != null) {
                SignatureAlgorithm alg = signer.algorithms().get(0);
                byte[] data = UserAuthRequest.publicKeySignedData(p.sessionId(), user, "ssh-connection", alg.wireName(),
                        signer.publicKey().blob());
                m = new UserAuthRequest.PublicKey(alg.wireName(), signer.publicKey().blob(), signer.sign(alg, data));
            } else {
                m = new UserAuthRequest.Password(password, null);
            }
            p.send(new UserAuthRequest(user, "ssh-connection", m).toPayload());
            until(p, after, UserAuthSuccess.ID);
            p.send(new ChannelOpen("session", 0, 2 << 20, 32768, Bytes.EMPTY).toPayload());
            byte[] confirmation = until(p, after, ChannelOpenConfirmation.ID);
            int remote = (int) new org.amiko.ssh.transport.wire.SshReader(confirmation, 5, 4).readUint32();
            p.send(new ChannelRequest(remote, "env", false, new SshWriter().writeUtf8("LANG").writeUtf8("C").toBytes()).toPayload());
            p.send(new ChannelRequest(remote, "exec", true,
                    new SshWriter().writeUtf8("echo out; echo err 1>&2; exit 3").toBytes()).toPayload());
            p.send(new GlobalRequest("keepalive@openssh.com", true, Bytes.EMPTY).toPayload());
            until(p, after, ChannelClose.ID);
            p.send(new ChannelClose(remote).toPayload());
            p.send(new Disconnect(11, "recorded", "").toPayload());
        }
        save(name, kex, after, "ClientStackFuzzTest", "serverMessages", true);
    }

    /** Receives, recording each payload, up to one with number {@code id}, which it returns. */
    private static byte[] until(KexPeer p, List<byte[]> into, int id) throws IOException {
        while (true) {
            byte[] m = p.receive();
            if (m == null) {
                throw new IOException("the peer closed before message " + id);
            }
            into.add(m);
            if ((m[0] & 0xff) == id) {
                return m;
            }
        }
    }

    // ---- a real client: what it sends ----------------------------------------------------------

    interface Argv {
        List<String> forPort(int port);
    }

    /** Serves one session to the client {@code argv} starts, admitting password only; records what the client sent. */
    private void recordClient(String name, Argv argv) throws Exception {
        HostKey hostKey = HostKey.generate("ssh-ed25519", new SecureRandom());
        List<byte[]> kex = new ArrayList<>();
        List<byte[]> after = new ArrayList<>();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process client = new ProcessBuilder(argv.forPort(listener.getLocalPort())).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            client.getOutputStream().close();
            listener.setSoTimeout((int) WAIT.toMillis());
            try (Socket s = listener.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                KexPeer p = KexPeer.server(s.getInputStream(), s.getOutputStream(), hostKey);
                p.exchangeVersions().sendKexInit(KEX, true).receiveKexInit().runMethod();
                kex.add(p.peerKexInit());
                kex.addAll(p.methodMessagesReceived());
                kex.add(new byte[] {21});
                p.sendNewKeys().receiveNewKeys();
                serve(p, after);
            } finally {
                if (!client.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    client.destroy();
                }
                System.out.println(name + " said: " + new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
            }
        }
        save(name, kex, after, "ServerStackFuzzTest", "clientMessages", false);
    }

    /** A scripted server: password only, one session, its command prints and exits 3. */
    private static void serve(KexPeer p, List<byte[]> into) throws IOException {
        while (true) {
            byte[] m = p.receive();
            if (m == null) {
                return;
            }
            into.add(m);
            switch (m[0] & 0xff) {
                case ServiceRequest.ID -> p.send(new ServiceAccept("ssh-userauth").toPayload());
                case UserAuthRequest.ID -> {
                    UserAuthMessage request = decodeAuth(m);
                    boolean password = request instanceof UserAuthRequest r && r.method() instanceof UserAuthRequest.Password;
                    p.send(password ? UserAuthSuccess.INSTANCE.toPayload()
                            : new UserAuthFailure(List.of("password"), false).toPayload());
                }
                case GlobalRequest.ID -> {
                    if (wantsReply(m)) {
                        p.send(RequestFailure.INSTANCE.toPayload());
                    }
                }
                case ChannelOpen.ID -> {
                    ChannelOpen open = (ChannelOpen) ConnectionMessage.decode(m);
                    p.send(new ChannelOpenConfirmation(open.senderChannel(), 0, 2 << 20, 32768, Bytes.EMPTY).toPayload());
                }
                case ChannelRequest.ID -> channelRequest(p, m);
                case ChannelClose.ID, Disconnect.ID -> {
                    if ((m[0] & 0xff) == Disconnect.ID) {
                        return;
                    }
                }
                default -> { }
            }
        }
    }

    private static UserAuthMessage decodeAuth(byte[] m) throws IOException {
        return UserAuthMessage.decode(m, null);
    }

    private static boolean wantsReply(byte[] m) throws IOException {
        return ((GlobalRequest) ConnectionMessage.decode(m)).wantReply();
    }

    private static void channelRequest(KexPeer p, byte[] m) throws IOException {
        ChannelRequest request = (ChannelRequest) ConnectionMessage.decode(m);
        String type = request.requestType();
        int remote = 0; // the client's number for the one channel it opened: the first
        if (request.wantReply()) {
            p.send(new ChannelSuccess(remote).toPayload());
        }
        if (type.equals("exec") || type.equals("shell")) {
            p.send(new ChannelData(remote, Bytes.of("hi\n".getBytes(StandardCharsets.US_ASCII))).toPayload());
            p.send(new ChannelExtendedData(remote, 1, Bytes.of("err\n".getBytes(StandardCharsets.US_ASCII))).toPayload());
            p.send(new ChannelRequest(remote, "exit-status", false, new SshWriter().writeUint32(3).toBytes()).toPayload());
            p.send(new ChannelEof(remote).toPayload());
            p.send(new ChannelClose(remote).toPayload());
        }
    }

    // ---- files: keys, known_hosts, certificates, ssh_config ------------------------------------

    private static final String KEYS = "auth/src/test/resources/org/amiko/ssh/auth/keys/KeyFileFuzzTestInputs/";
    private static final String KNOWN_HOSTS = "known-hosts/src/test/resources/org/amiko/ssh/knownhosts/KnownHostsFuzzTestInputs/";

    /** Files as ssh-keygen writes them, in every format amiko reads. */
    private void fileSeeds(Path dir) throws Exception {
        List<String> pubLines = new ArrayList<>();
        String[][] kinds = {{"ed25519", "0", ""}, {"ecdsa", "256", ""}, {"ecdsa", "384", "PEM"}, {"ecdsa", "521", "PKCS8"},
            {"rsa", "2048", ""}, {"rsa", "2048", "PEM"}, {"rsa", "2048", "PKCS8"}};
        for (String[] k : kinds) {
            for (String passphrase : new String[] {"", PASSWORD}) {
                String label = k[0] + k[1] + (k[2].isEmpty() ? "-openssh" : "-" + k[2].toLowerCase(java.util.Locale.ROOT))
                        + (passphrase.isEmpty() ? "" : "-encrypted");
                Path file = dir.resolve("key-" + label);
                List<String> args = new ArrayList<>(List.of("-q", "-t", k[0], "-N", passphrase, "-C", label, "-f", file.toString()));
                if (!k[1].equals("0")) {
                    args.addAll(List.of("-b", k[1]));
                }
                if (!k[2].isEmpty()) {
                    args.addAll(List.of("-m", k[2]));
                }
                SshKeygen.run(dir, args.toArray(new String[0]));
                write(root.resolve(KEYS + "privateKeyFile"), label, Files.readAllBytes(file));
                if (passphrase.isEmpty()) {
                    String pub = Files.readString(SshKeygen.publicKeyFile(file)).strip();
                    pubLines.add(pub);
                    write(root.resolve(KEYS + "publicKeyFile"), label, pub.getBytes(StandardCharsets.US_ASCII));
                    write(root.resolve("transport/src/test/resources/org/amiko/ssh/transport/keys/KeyBlobFuzzTestInputs/publicKey"),
                            label, java.util.Base64.getDecoder().decode(pub.split(" ")[1]));
                }
            }
        }
        String authorized = String.join("\n", List.of(
                "# options as sshd(8) documents them",
                pubLines.get(0),
                "command=\"echo \\\"forced\\\"\",no-pty,from=\"192.0.2.0/24,!192.0.2.7,*.example.com\" " + pubLines.get(1),
                "restrict,pty,permitopen=\"db:5432\",permitopen=\"[::1]:*\",permitlisten=\"8080\" " + pubLines.get(2),
                "environment=\"A=b\",expiry-time=\"20991231\",no-agent-forwarding,no-user-rc " + pubLines.get(3),
                "cert-authority,principals=\"alice,bob\" " + pubLines.get(4))) + "\n";
        write(root.resolve(KEYS + "authorizedKeys"), "options", authorized.getBytes(StandardCharsets.UTF_8));
        // known_hosts: plain, patterns, markers, a port, then hashed by ssh-keygen -H
        Path knownHosts = dir.resolve("known_hosts");
        Files.writeString(knownHosts, String.join("\n", List.of(
                "example.com,192.0.2.1 " + pubLines.get(0),
                "[example.com]:2222 " + pubLines.get(1),
                "*.example.org,!bad.example.org " + pubLines.get(2),
                "@revoked * " + pubLines.get(3),
                "@cert-authority *.example.org " + pubLines.get(4),
                "# a comment", "")));
        write(root.resolve(KNOWN_HOSTS + "file"), "plain", Files.readAllBytes(knownHosts));
        SshKeygen.run(dir, "-H", "-f", knownHosts.toString());
        write(root.resolve(KNOWN_HOSTS + "file"), "hashed", Files.readAllBytes(knownHosts));
        // a host certificate signed by a CA, and a user certificate
        Path ca = dir.resolve("ca");
        SshKeygen.run(dir, "-q", "-t", "ed25519", "-N", "", "-f", ca.toString());
        for (String[] c : new String[][] {{"ed25519", "-h"}, {"ecdsa", "-h"}, {"rsa", ""}}) {
            Path key = dir.resolve("cert-" + c[0]);
            SshKeygen.run(dir, "-q", "-t", c[0], "-N", "", "-f", key.toString());
            List<String> sign = new ArrayList<>(List.of("-q", "-s", ca.toString(), "-I", "id-" + c[0], "-n", "host.example.org,example.com",
                    "-V", "-1d:+3650d"));
            if (!c[1].isEmpty()) {
                sign.add(c[1]);
            }
            sign.add(SshKeygen.publicKeyFile(key).toString());
            SshKeygen.run(dir, sign.toArray(new String[0]));
            String line = Files.readString(dir.resolve("cert-" + c[0] + "-cert.pub")).strip();
            write(root.resolve(KNOWN_HOSTS + "certificate"), c[0] + (c[1].isEmpty() ? "-user" : "-host"),
                    java.util.Base64.getDecoder().decode(line.split(" ")[1]));
        }
        String config = String.join("\n", List.of(
                "# ssh_config(5) in most of its forms",
                "Host alias",
                "    HostName 192.0.2.1",
                "    Port 2222",
                "    User %u",
                "    IdentityFile ~/.ssh/id_ed25519",
                "Host *.example.com !bad.example.com",
                "    ProxyJump jump.example.com:22",
                "    KexAlgorithms +diffie-hellman-group14-sha1",
                "    Ciphers -aes128-ctr",
                "    HostKeyAlgorithms ^ssh-ed25519",
                "Match host 192.0.2.* user root",
                "    StrictHostKeyChecking accept-new",
                "    UserKnownHostsFile ~/.ssh/known_hosts ~/.ssh/known_hosts2",
                "Match final",
                "    ServerAliveInterval 30",
                "Host *",
                "    Compression yes",
                "    ConnectTimeout=10",
                "    IgnoreUnknown Foo*",
                "    Include /nonexistent/amiko/*.conf", ""));
        write(root.resolve("client/src/test/resources/org/amiko/ssh/client/config/SshConfigFuzzTestInputs/resolve"), "forms",
                config.getBytes(StandardCharsets.UTF_8));
    }

    // ---- the agent: what a real ssh-agent answers ----------------------------------------------

    private void agentSeeds(Path dir, Path key) throws Exception {
        Path socket = dir.resolve("agent.sock");
        Process agent = new ProcessBuilder(Peers.sshAgent().toString(), "-D", "-a", socket.toString())
                .redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Command.run(WAIT, List.of("env", "SSH_AUTH_SOCK=" + socket, Peers.sshAdd().toString(), key.toString())).requireSuccess();
            String replies = "auth/src/test/resources/org/amiko/ssh/auth/agent/AgentFuzzTestInputs/";
            List<byte[]> requests = new ArrayList<>();
            try (java.nio.channels.SocketChannel ch = java.nio.channels.SocketChannel.open(
                    java.net.UnixDomainSocketAddress.of(socket))) {
                java.io.InputStream in = java.nio.channels.Channels.newInputStream(ch);
                java.io.OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
                byte[] identities = org.amiko.ssh.auth.agent.AgentProtocol.requestIdentities();
                requests.add(identities);
                org.amiko.ssh.auth.agent.AgentProtocol.writeFrame(out, identities);
                byte[] answer = org.amiko.ssh.auth.agent.AgentProtocol.readFrame(in);
                write(root.resolve(replies + "replies"), "ssh-agent-identities", answer);
                org.amiko.ssh.transport.keys.SshPublicKey pub = org.amiko.ssh.auth.keys.PublicKeyFile
                        .read(SshKeygen.publicKeyFile(key)).key();
                byte[] sign = org.amiko.ssh.auth.agent.AgentProtocol.signRequest(pub, "data to sign".getBytes(StandardCharsets.US_ASCII), 0);
                requests.add(sign);
                org.amiko.ssh.auth.agent.AgentProtocol.writeFrame(out, sign);
                write(root.resolve(replies + "replies"), "ssh-agent-signature", org.amiko.ssh.auth.agent.AgentProtocol.readFrame(in));
                byte[] unknown = {(byte) 200};
                requests.add(unknown);
                org.amiko.ssh.auth.agent.AgentProtocol.writeFrame(out, unknown);
                write(root.resolve(replies + "replies"), "ssh-agent-failure", org.amiko.ssh.auth.agent.AgentProtocol.readFrame(in));
            }
            requests.add(org.amiko.ssh.auth.agent.AgentProtocol.addIdentity(
                    PrivateKeyFiles.generate("ssh-ed25519", new SecureRandom()), "added"));
            requests.add(org.amiko.ssh.auth.agent.AgentProtocol.removeAllIdentities());
            java.io.ByteArrayOutputStream stream = new java.io.ByteArrayOutputStream();
            for (byte[] r : requests) {
                stream.write(org.amiko.ssh.auth.agent.AgentProtocol.frame(r));
            }
            write(root.resolve(replies + "requests"), "client-requests", stream.toByteArray());
        } finally {
            agent.destroy();
        }
    }

    // ---- seeds ---------------------------------------------------------------------------------

    private void save(String name, List<byte[]> kex, List<byte[]> after, String stackTarget, String stackMethod,
                      boolean fromServer) throws Exception {
        for (byte[] m : kex) {
            perMessage(name, m, fromServer);
        }
        for (byte[] m : after) {
            perMessage(name, m, fromServer);
        }
        String stackPackage = stackTarget.startsWith("Client") ? "client/src/test/resources/org/amiko/ssh/client"
                : "test-server/src/test/resources/org/amiko/ssh/testserver";
        Path stack = root.resolve(stackPackage).resolve(stackTarget + "Inputs").resolve(stackMethod);
        write(stack, name + "-after-kex", FuzzInput.seed(new byte[] {1}, after));
        write(stack, name + "-kex", FuzzInput.seed(new byte[] {0}, kex));
        System.out.println(name + ": " + kex.size() + " kex and " + after.size() + " later messages");
    }

    private void perMessage(String name, byte[] m, boolean fromServer) throws Exception {
        int id = m[0] & 0xff;
        String label = name + "-" + id + "-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(m), 0, 4);
        if (id < 30) {
            write(root.resolve("transport/src/test/resources/org/amiko/ssh/transport/message/TransportMessageFuzzTestInputs/decode"), label, m);
            if (id == 20) {
                write(root.resolve("transport/src/test/resources/org/amiko/ssh/transport/kex/KexFuzzTestInputs/negotiation"), label, m);
            }
        } else if (id < 50) {
            // KexFuzzTest#methodMessages: method index, role (the receiving side), group bits, the message as a frame
            int method = KexMethods.supportedNames().indexOf(KEX);
            byte role = (byte) (fromServer ? 0 : 1);
            byte[] header = {(byte) method, role, 0x08, 0x00, 0x0c, 0x00, 0x20, 0x00};
            write(root.resolve("transport/src/test/resources/org/amiko/ssh/transport/kex/KexFuzzTestInputs/methodMessages"), label,
                    FuzzInput.seed(header, List.of(m)));
        } else if (id < 80) {
            write(root.resolve("auth/src/test/resources/org/amiko/ssh/auth/message/UserAuthMessageFuzzTestInputs/decode"), label, m);
        } else if (id < 128) {
            write(root.resolve("channel/src/test/resources/org/amiko/ssh/channel/session/ConnectionMessageFuzzTestInputs/decode"), label, m);
        }
    }

    private void write(Path dir, String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve(name), content);
        written++;
    }
}
