package org.amiko.ssh.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.amiko.ssh.auth.AuthMethod;
import org.amiko.ssh.auth.AuthMethods;
import org.amiko.ssh.auth.BannerListener;
import org.amiko.ssh.auth.ClientAuthenticator;
import org.amiko.ssh.auth.KeyboardInteractiveAuth;
import org.amiko.ssh.auth.PasswordAuth;
import org.amiko.ssh.auth.PublicKeyAuth;
import org.amiko.ssh.auth.agent.UnixSocketAgent;
import org.amiko.ssh.auth.keys.PassphraseProvider;
import org.amiko.ssh.auth.keys.PrivateKeyFiles;
import org.amiko.ssh.auth.keys.UnprotectedKeyFileException;
import org.amiko.ssh.auth.keys.Signer;
import org.amiko.ssh.channel.Channel;
import org.amiko.ssh.channel.ChannelHandler;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.channel.ConnectionConfig;
import org.amiko.ssh.channel.forward.TcpipEndpoints;
import org.amiko.ssh.client.config.HostConfig;
import org.amiko.ssh.client.config.SshConfig;
import org.amiko.ssh.transport.Role;
import org.amiko.ssh.transport.Transport;
import org.amiko.ssh.transport.TransportConfig;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;

/**
 * An SSH client, configured once: who to be, how to trust hosts, how to authenticate. Immutable
 * and thread-safe; {@link #connect} gives an authenticated {@link SshConnection}.
 *
 * <pre>{@code
 * SshClient client = SshClient.builder().loadSystemHostKeys().build();    // unknown hosts are refused
 * try (SshConnection c = client.connect("example.com", 22)) {
 *     c.exec("ls").lines().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Authentication follows OpenSSH's order: explicit keys, the agent's keys ({@code
 * SSH_AUTH_SOCK}), the default key files in {@code ~/.ssh}, then keyboard-interactive and password
 * when a password or prompter is set.
 */
public final class SshClient {

    private static final System.Logger LOG = System.getLogger(SshClient.class.getName());

    private final Builder b;

    private SshClient(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Connects to {@code host} on port 22. */
    public SshConnection connect(String host) throws IOException {
        return connect(host, 22);
    }

    /** Connects (within the connect timeout), checks the host key, authenticates. */
    public SshConnection connect(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) b.connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + " port " + port + ": " + e.getMessage(), e);
        }
        return connect(socket, host, port);
    }

    /** Runs SSH over a socket already connected to {@code host:port} (a proxy, a tunnel). */
    public SshConnection connect(Socket socket, String host, int port) throws IOException {
        String ip = socket.getInetAddress() == null ? null : socket.getInetAddress().getHostAddress();
        try {
            return connect(socket.getInputStream(), socket.getOutputStream(), host, port, ip);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * ProxyJump: connects to {@code host:port} through {@code jump}, over a {@code direct-tcpip}
     * channel of that connection (RFC 4254 §7.2), checking the target's host key and
     * authenticating to it as to any host. Chains are jumps of jumps; closing the returned
     * connection leaves {@code jump} open.
     */
    public SshConnection connectVia(SshConnection jump, String host, int port) throws IOException {
        jump.checkForwardingAllowed(); // a jump is a forwarding through a host whose key changed, too
        Channel tunnel = jump.connection().open(TcpipEndpoints.DIRECT,
                new TcpipEndpoints(host, port, "127.0.0.1", 0).encode(), ChannelHandler.NONE, b.timeout);
        // the transport reads the tunnel for as long as it lives: its end, not a timeout, ends the read
        tunnel.getInputStream().setTimeout(Duration.ofDays(365));
        tunnel.getOutputStream().setTimeout(Duration.ofDays(365));
        try {
            SshConnection c = connect(tunnel.getInputStream(), tunnel.getOutputStream(), host, port, null);
            c.alsoClose(tunnel); // our CLOSE for the tunnel goes out when this connection ends
            return c;
        } catch (IOException | RuntimeException e) {
            tunnel.close();
            throw e;
        }
    }

    /** Runs SSH over any byte stream pair that reaches {@code host:port} (a proxy command's pipes, a tunnel). */
    public SshConnection connect(InputStream in, OutputStream out, String host, int port) throws IOException {
        return connect(in, out, host, port, null);
    }

    private SshConnection connect(InputStream in, OutputStream out, String host, int port, String ip) throws IOException {
        KnownHostsVerifier verifier = KnownHostsVerifier.load(b.userKnownHosts, b.globalKnownHosts, b.policy,
                b.hashKnownHosts, ip);
        // ConnectTimeout covers the version exchange and key exchange too (ssh_config(5))
        Duration handshake = b.connectTimeout.compareTo(b.timeout) < 0 ? b.connectTimeout : b.timeout;
        TransportConfig.Builder t = TransportConfig.builder().hostKeyVerifier(verifier).handshakeTimeout(handshake);
        if (b.compression) {
            t.compression(List.of("zlib@openssh.com", "zlib", "none"));
        } else {
            t.compression(List.of("none"));
        }
        b.transport.accept(t);
        TransportConfig config = t.build();
        config = config.toBuilder().hostKeyAlgorithms(verifier.orderAlgorithms(host, port, config.hostKeyAlgorithms())).build();
        Transport transport = Transport.start(Role.CLIENT, in, out, config, host, port);
        try {
            boolean mitmRisk = verifier.changedKeyAccepted();
            authenticate(transport, mitmRisk);
            Connection connection = Connection.start(transport, b.connectionConfig);
            if (!b.keepaliveInterval.isZero()) {
                Keepalive.start(connection, b.keepaliveInterval, b.keepaliveCountMax, host);
            }
            return new SshConnection(connection, host, port, b.user, mitmRisk);
        } catch (IOException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /** {@code mitmRisk}: the host key was a changed one accepted anyway; no password may go to a possible impostor. */
    private void authenticate(Transport transport, boolean mitmRisk) throws IOException {
        List<Signer> keys = new ArrayList<>(b.keys);
        if (b.pubkey) {
            for (Path file : b.keyFiles) {
                try {
                    keys.add(PrivateKeyFiles.signer(file, b.passphrases));
                } catch (UnprotectedKeyFileException open) {
                    LOG.log(System.Logger.Level.WARNING, open.warning()); // as ssh: said, and the key left out
                }
            }
        }
        UnixSocketAgent agent = null;
        if (b.agent && b.pubkey) {
            Path socket = b.agentSocket != null ? b.agentSocket
                    : System.getenv(UnixSocketAgent.SSH_AUTH_SOCK) != null ? Path.of(System.getenv(UnixSocketAgent.SSH_AUTH_SOCK)) : null;
            if (socket != null) {
                try {
                    agent = UnixSocketAgent.connect(socket);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "the agent at {0} cannot be reached: {1}", socket, e.getMessage());
                }
            }
        }
        try {
            Path sshDir = b.lookForKeys && b.pubkey ? Path.of(System.getProperty("user.home"), ".ssh") : null;
            PasswordAuth.PasswordSource passwords = !b.passwordAuth || mitmRisk ? null : b.passwordSource != null ? b.passwordSource
                    : b.password == null ? null : user -> b.password;
            KeyboardInteractiveAuth.Prompter prompter = !b.kbdAuth || mitmRisk ? null : b.prompter != null ? b.prompter
                    : b.password != null ? (name, instruction, prompts) -> prompts.stream().map(p -> b.password).toList()
                    : b.passwordSource != null ? (name, instruction, prompts) -> {
                        List<String> answers = new ArrayList<>();
                        for (var p : prompts) {
                            String a = b.passwordSource.password(b.user);
                            if (a == null) {
                                return null;
                            }
                            answers.add(a);
                        }
                        return answers;
                    } : null;
            List<AuthMethod> methods = AuthMethods.openSshOrder(new AuthMethods.Sources(b.pubkey ? keys : List.of(),
                    agent, b.identitiesOnly, sshDir, b.passphrases, prompter, passwords));
            if (b.acceptedKeyAlgorithms != null) {
                methods = onlyAcceptedKeys(methods, b.acceptedKeyAlgorithms);
            }
            if (b.preferred != null) {
                List<AuthMethod> ordered = new ArrayList<>();
                for (String name : b.preferred) {
                    methods.stream().filter(m -> m.name().equals(name)).forEach(ordered::add);
                }
                methods = ordered;
            }
            ClientAuthenticator.authenticate(transport, b.user, methods, b.banners, b.timeout);
        } finally {
            if (agent != null) {
                agent.close();
            }
        }
    }

    /** PubkeyAcceptedAlgorithms: keys whose type has no signature algorithm in the list are not offered. */
    private static List<AuthMethod> onlyAcceptedKeys(List<AuthMethod> methods, List<String> accepted) {
        List<AuthMethod> out = new ArrayList<>();
        for (AuthMethod m : methods) {
            if (m instanceof PublicKeyAuth p) {
                List<Signer> kept = p.signers().stream().filter(signer -> accepted.stream().anyMatch(alg ->
                        SignatureAlgorithm.find(alg).map(a -> a.keyType().equals(signer.publicKey().keyType())).orElse(false)))
                        .toList();
                if (!kept.isEmpty()) {
                    out.add(new PublicKeyAuth(kept, p.allowSha1Rsa()));
                }
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** Settings for an {@link SshClient}; every setter replaces. */
    public static final class Builder {
        private String user = System.getProperty("user.name");
        private HostKeyPolicy policy = HostKeyPolicy.REJECT;
        private final List<Path> userKnownHosts = new ArrayList<>();
        private final List<Path> globalKnownHosts = new ArrayList<>();
        private boolean hashKnownHosts;
        private String password;
        private KeyboardInteractiveAuth.Prompter prompter;
        private final List<Signer> keys = new ArrayList<>();
        private final List<Path> keyFiles = new ArrayList<>();
        private PassphraseProvider passphrases = PassphraseProvider.none();
        private boolean agent = true;
        private boolean lookForKeys = true;
        private boolean identitiesOnly;
        private boolean compression;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(30);
        private Consumer<TransportConfig.Builder> transport = t -> { };
        private ConnectionConfig connectionConfig = ConnectionConfig.defaults();
        private BannerListener banners = BannerListener.IGNORE;
        private Duration keepaliveInterval = Duration.ZERO;
        private PasswordAuth.PasswordSource passwordSource;
        private List<String> preferred;
        private boolean pubkey = true;
        private boolean passwordAuth = true;
        private boolean kbdAuth = true;
        private Path agentSocket;
        private List<String> acceptedKeyAlgorithms;
        private int keepaliveCountMax = 3;

        private Builder() {
        }

        public Builder user(String v) {
            user = Objects.requireNonNull(v);
            return this;
        }

        /**
         * Takes every setting ssh_config resolved for a host ({@link SshConfig#resolve}): user, known_hosts
         * files, StrictHostKeyChecking (yes: REJECT; accept-new: ACCEPT_NEW; no: ACCEPT_ALL; ask:
         * REJECT, since a library cannot ask), HashKnownHosts, IdentityFile, IdentitiesOnly,
         * IdentityAgent, the authentication switches and order, PubkeyAcceptedAlgorithms,
         * ConnectTimeout, ServerAlive*, Compression, the algorithm lists and RekeyLimit. Connect to
         * {@code h.hostName()} and {@code h.port()}; ProxyJump is the caller's ({@link SshClient#connectVia}).
         */
        public Builder configure(HostConfig h) {
            user(h.user()).hashKnownHosts(h.hashKnownHosts()).compression(h.compression())
                    .identitiesOnly(h.identitiesOnly())
                    .methods(h.pubkeyAuthentication(), h.passwordAuthentication(), h.kbdInteractiveAuthentication())
                    .preferredAuthentications(h.preferredAuthentications())
                    .pubkeyAcceptedAlgorithms(h.pubkeyAcceptedAlgorithms());
            switch (h.strictHostKeyChecking()) {
                case ACCEPT_NEW -> hostKeyPolicy(HostKeyPolicy.ACCEPT_NEW);
                case NO -> hostKeyPolicy(HostKeyPolicy.ACCEPT_ALL);
                default -> hostKeyPolicy(HostKeyPolicy.REJECT);
            }
            for (Path f : h.userKnownHostsFiles()) {
                if (!f.toString().equals("/dev/null")) {
                    loadHostKeys(f);
                }
            }
            h.globalKnownHostsFiles().forEach(this::loadGlobalHostKeys);
            for (Path f : h.identityFiles()) {
                if (java.nio.file.Files.exists(f)) {
                    identityFile(f); // as ssh(1), a listed file that does not exist is passed over
                }
            }
            String agentSetting = h.identityAgent().orElse("SSH_AUTH_SOCK");
            if (agentSetting.equals("none")) {
                agent(false);
            } else if (!agentSetting.equals("SSH_AUTH_SOCK") && !agentSetting.startsWith("$")) {
                agentSocket(Path.of(agentSetting));
            }
            h.connectTimeout().ifPresent(this::connectTimeout);
            if (!h.serverAliveInterval().isZero()) {
                keepalive(h.serverAliveInterval(), h.serverAliveCountMax());
            }
            return transport(t -> {
                t.kexAlgorithms(h.kexAlgorithms()).ciphers(h.ciphers()).macs(h.macs()).hostKeyAlgorithms(h.hostKeyAlgorithms());
                if (h.rekeyLimitBytes() > 0) {
                    t.rekeyBytes(h.rekeyLimitBytes());
                }
                if (!h.rekeyLimitTime().isZero()) {
                    t.rekeyInterval(h.rekeyLimitTime());
                }
            });
        }

        /** What to do with unknown hosts; {@link HostKeyPolicy#REJECT} by default. */
        public Builder hostKeyPolicy(HostKeyPolicy v) {
            policy = Objects.requireNonNull(v);
            return this;
        }

        /**
         * OpenSSH's default files: {@code ~/.ssh/known_hosts} and {@code ~/.ssh/known_hosts2} (the
         * first is where ACCEPT_NEW records), {@code /etc/ssh/ssh_known_hosts} and {@code
         * /etc/ssh/ssh_known_hosts2}. Hashed names, {@code [host]:port} entries, patterns and
         * markers are all understood.
         */
        public Builder loadSystemHostKeys() {
            Path ssh = Path.of(System.getProperty("user.home"), ".ssh");
            userKnownHosts.add(ssh.resolve("known_hosts"));
            userKnownHosts.add(ssh.resolve("known_hosts2"));
            globalKnownHosts.add(Path.of("/etc/ssh/ssh_known_hosts"));
            globalKnownHosts.add(Path.of("/etc/ssh/ssh_known_hosts2"));
            return this;
        }

        /** A user known_hosts file; the first one given is where ACCEPT_NEW records new hosts. */
        public Builder loadHostKeys(Path file) {
            userKnownHosts.add(Objects.requireNonNull(file));
            return this;
        }

        /** A global (read-only) known_hosts file. */
        public Builder loadGlobalHostKeys(Path file) {
            globalKnownHosts.add(Objects.requireNonNull(file));
            return this;
        }

        /** Whether ACCEPT_NEW writes hashed names (HashKnownHosts). */
        public Builder hashKnownHosts(boolean v) {
            hashKnownHosts = v;
            return this;
        }

        /** A password for password and keyboard-interactive authentication. */
        public Builder password(String v) {
            password = v;
            return this;
        }

        /** Asks for the password when the server wants one (a terminal or SSH_ASKPASS); also answers keyboard-interactive prompts. */
        public Builder passwordSource(PasswordAuth.PasswordSource v) {
            passwordSource = v;
            return this;
        }

        /** PreferredAuthentications: the methods to use, in this order (publickey, keyboard-interactive, password). */
        public Builder preferredAuthentications(List<String> v) {
            preferred = v == null ? null : List.copyOf(v);
            return this;
        }

        /** PubkeyAuthentication, PasswordAuthentication, KbdInteractiveAuthentication (all on by default). */
        public Builder methods(boolean publicKey, boolean password, boolean keyboardInteractive) {
            pubkey = publicKey;
            passwordAuth = password;
            kbdAuth = keyboardInteractive;
            return this;
        }

        /** PubkeyAcceptedAlgorithms: only keys with a signature algorithm in this list are offered (null: all). */
        public Builder pubkeyAcceptedAlgorithms(List<String> v) {
            acceptedKeyAlgorithms = v == null ? null : List.copyOf(v);
            return this;
        }

        /** IdentityAgent: the agent's socket (null: SSH_AUTH_SOCK). */
        public Builder agentSocket(Path v) {
            agentSocket = v;
            return this;
        }

        /** Answers keyboard-interactive prompts (instead of the password). */
        public Builder keyboardInteractive(KeyboardInteractiveAuth.Prompter v) {
            prompter = v;
            return this;
        }

        /** A private key in memory (or an agent's). */
        public Builder identity(Signer v) {
            keys.add(Objects.requireNonNull(v));
            return this;
        }

        /** A private key file (openssh-key-v1 or PEM), read at connect time with the passphrase provider. */
        public Builder identityFile(Path v) {
            keyFiles.add(Objects.requireNonNull(v));
            return this;
        }

        public Builder passphrases(PassphraseProvider v) {
            passphrases = Objects.requireNonNull(v);
            return this;
        }

        /** Use the ssh-agent of SSH_AUTH_SOCK (on by default). */
        public Builder agent(boolean v) {
            agent = v;
            return this;
        }

        /** Try the default key files of ~/.ssh (on by default). */
        public Builder lookForKeys(boolean v) {
            lookForKeys = v;
            return this;
        }

        /** Like IdentitiesOnly: only the keys given here, no default files, agent keys only if given too. */
        public Builder identitiesOnly(boolean v) {
            identitiesOnly = v;
            return this;
        }

        /** Offer zlib compression (off by default, as in OpenSSH). */
        public Builder compression(boolean v) {
            compression = v;
            return this;
        }

        /** For the TCP connect and for the SSH handshake after it (as ConnectTimeout); 30 s by default. */
        public Builder connectTimeout(Duration v) {
            connectTimeout = Objects.requireNonNull(v);
            return this;
        }

        /** Time for the key exchange and for authentication. */
        public Builder timeout(Duration v) {
            timeout = Objects.requireNonNull(v);
            return this;
        }

        /** Changes the transport settings (algorithm lists, rekey limits). */
        public Builder transport(Consumer<TransportConfig.Builder> change) {
            transport = transport.andThen(change);
            return this;
        }

        public Builder connection(ConnectionConfig v) {
            connectionConfig = Objects.requireNonNull(v);
            return this;
        }

        /**
         * ServerAliveInterval and ServerAliveCountMax: a keepalive every {@code interval} (zero, the
         * default, sends none); after {@code countMax} unanswered the connection ends with a clear error.
         */
        public Builder keepalive(Duration interval, int countMax) {
            if (interval.isNegative() || countMax < 1) {
                throw new IllegalArgumentException("keepalive " + interval + " x " + countMax);
            }
            keepaliveInterval = interval;
            keepaliveCountMax = countMax;
            return this;
        }

        public Builder banners(BannerListener v) {
            banners = Objects.requireNonNull(v);
            return this;
        }

        public SshClient build() {
            Builder copy = new Builder();
            copy.user = user;
            copy.policy = policy;
            copy.userKnownHosts.addAll(userKnownHosts);
            copy.globalKnownHosts.addAll(globalKnownHosts);
            copy.hashKnownHosts = hashKnownHosts;
            copy.password = password;
            copy.prompter = prompter;
            copy.keys.addAll(keys);
            copy.keyFiles.addAll(keyFiles);
            copy.passphrases = passphrases;
            copy.agent = agent;
            copy.lookForKeys = lookForKeys;
            copy.identitiesOnly = identitiesOnly;
            copy.compression = compression;
            copy.connectTimeout = connectTimeout;
            copy.timeout = timeout;
            copy.transport = transport;
            copy.connectionConfig = connectionConfig;
            copy.banners = banners;
            copy.keepaliveInterval = keepaliveInterval;
            copy.keepaliveCountMax = keepaliveCountMax;
            copy.passwordSource = passwordSource;
            copy.preferred = preferred;
            copy.pubkey = pubkey;
            copy.passwordAuth = passwordAuth;
            copy.kbdAuth = kbdAuth;
            copy.agentSocket = agentSocket;
            copy.acceptedKeyAlgorithms = acceptedKeyAlgorithms;
            return new SshClient(copy);
        }
    }
}
