package org.amiko.ssh.client.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;

/**
 * The options in force for one host, with ssh_config(5) defaults where nothing was configured;
 * tokens and {@code ~} are already expanded. Immutable.
 */
public final class HostConfig {

    static final List<String> DEFAULT_USER_KNOWN_HOSTS = List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2");
    static final List<String> DEFAULT_GLOBAL_KNOWN_HOSTS =
            List.of("/etc/ssh/ssh_known_hosts", "/etc/ssh/ssh_known_hosts2");
    static final List<String> DEFAULT_PREFERRED_AUTHENTICATIONS =
            List.of("publickey", "keyboard-interactive", "password");

    /** ssh(1) sends keepalives every five minutes in batch mode unless told otherwise. */
    static final Duration BATCH_MODE_ALIVE_INTERVAL = Duration.ofMinutes(5);

    private final String hostName;
    private final int port;
    private final String user;
    private final Optional<String> hostKeyAlias;
    private final List<Path> identityFiles;
    private final boolean identitiesOnly;
    private final Optional<String> identityAgent;
    private final StrictHostKeyChecking strictHostKeyChecking;
    private final List<Path> userKnownHostsFiles;
    private final List<Path> globalKnownHostsFiles;
    private final boolean hashKnownHosts;
    private final List<JumpHost> proxyJump;
    private final Optional<Duration> connectTimeout;
    private final Duration serverAliveInterval;
    private final int serverAliveCountMax;
    private final boolean compression;
    private final List<String> kexAlgorithms;
    private final List<String> ciphers;
    private final List<String> macs;
    private final List<String> hostKeyAlgorithms;
    private final List<String> pubkeyAcceptedAlgorithms;
    private final List<String> preferredAuthentications;
    private final boolean passwordAuthentication;
    private final boolean pubkeyAuthentication;
    private final boolean kbdInteractiveAuthentication;
    private final Options.RekeyLimit rekeyLimit;
    private final boolean batchMode;
    private final LogLevel logLevel;

    @SuppressWarnings("unchecked")
    HostConfig(Settings s, String host, String localUser, Path home) throws SshConfigException {
        hostName = Resolver.targetHost(s, host);
        port = s.value(Keyword.PORT, Integer.class, 22);
        user = s.value(Keyword.USER, String.class, localUser);
        hostKeyAlias = Optional.ofNullable(s.value(Keyword.HOST_KEY_ALIAS, String.class, null));
        Map<Character, String> tokens = Map.of('d', home.toString(), 'h', hostName, 'k', hostKeyAlias.orElse(host),
                'n', host, 'p', Integer.toString(port), 'r', user, 'u', localUser);
        List<Path> ids = new ArrayList<>();
        for (Settings.Setting id : s.identityFiles()) {
            ids.add(Tokens.expandedFile((String) id.value(), tokens, home, id.line()));
        }
        identityFiles = List.copyOf(ids);
        identitiesOnly = s.value(Keyword.IDENTITIES_ONLY, Boolean.class, false);
        identityAgent = agent(s, tokens, home);
        strictHostKeyChecking = s.value(Keyword.STRICT_HOST_KEY_CHECKING, StrictHostKeyChecking.class,
                StrictHostKeyChecking.ASK);
        userKnownHostsFiles = knownHosts(s, Keyword.USER_KNOWN_HOSTS_FILE, DEFAULT_USER_KNOWN_HOSTS, tokens, home);
        globalKnownHostsFiles = knownHosts(s, Keyword.GLOBAL_KNOWN_HOSTS_FILE, DEFAULT_GLOBAL_KNOWN_HOSTS, null, home);
        hashKnownHosts = s.value(Keyword.HASH_KNOWN_HOSTS, Boolean.class, false);
        proxyJump = List.copyOf(s.value(Keyword.PROXY_JUMP, List.class, List.of()));
        connectTimeout = s.value(Keyword.CONNECT_TIMEOUT, Optional.class, Optional.empty());
        batchMode = s.value(Keyword.BATCH_MODE, Boolean.class, false);
        serverAliveInterval = s.value(Keyword.SERVER_ALIVE_INTERVAL, Duration.class,
                batchMode ? BATCH_MODE_ALIVE_INTERVAL : Duration.ZERO);
        serverAliveCountMax = s.value(Keyword.SERVER_ALIVE_COUNT_MAX, Integer.class, 3);
        compression = s.value(Keyword.COMPRESSION, Boolean.class, false);
        kexAlgorithms = algorithms(s, Keyword.KEX_ALGORITHMS, KexMethods.defaultNames(), KexMethods.supportedNames());
        ciphers = algorithms(s, Keyword.CIPHERS, Ciphers.defaultNames(), Ciphers.defaultNames());
        macs = algorithms(s, Keyword.MACS, Macs.defaultNames(), Macs.supportedNames());
        hostKeyAlgorithms = algorithms(s, Keyword.HOST_KEY_ALGORITHMS,
                SignatureAlgorithm.defaultNames(), SignatureAlgorithm.supportedNames());
        pubkeyAcceptedAlgorithms = algorithms(s, Keyword.PUBKEY_ACCEPTED_ALGORITHMS,
                SignatureAlgorithm.defaultNames(), SignatureAlgorithm.supportedNames());
        preferredAuthentications = List.copyOf(s.value(Keyword.PREFERRED_AUTHENTICATIONS, List.class,
                DEFAULT_PREFERRED_AUTHENTICATIONS));
        passwordAuthentication = s.value(Keyword.PASSWORD_AUTHENTICATION, Boolean.class, true);
        pubkeyAuthentication = s.value(Keyword.PUBKEY_AUTHENTICATION, Boolean.class, true);
        kbdInteractiveAuthentication = s.value(Keyword.KBD_INTERACTIVE_AUTHENTICATION, Boolean.class, true);
        rekeyLimit = s.value(Keyword.REKEY_LIMIT, Options.RekeyLimit.class, new Options.RekeyLimit(0, Duration.ZERO));
        logLevel = s.value(Keyword.LOG_LEVEL, LogLevel.class, LogLevel.INFO);
    }

    private static Optional<String> agent(Settings s, Map<Character, String> tokens, Path home)
            throws SshConfigException {
        Optional<Settings.Setting> set = s.get(Keyword.IDENTITY_AGENT);
        if (set.isEmpty()) {
            return Optional.empty();
        }
        String raw = (String) set.get().value();
        if (raw.equals("none") || raw.equals("SSH_AUTH_SOCK") || raw.startsWith("$")) {
            return Optional.of(raw);
        }
        return Optional.of(Tokens.expandedFile(raw, tokens, home, set.get().line()).toString());
    }

    /** A single {@code none} means no file; tokens are expanded only when {@code tokens} is given. */
    @SuppressWarnings("unchecked")
    private static List<Path> knownHosts(Settings s, Keyword k, List<String> defaults, Map<Character, String> tokens,
            Path home) throws SshConfigException {
        Optional<Settings.Setting> set = s.get(k);
        List<String> raw = set.isPresent() ? (List<String>) set.get().value() : defaults;
        if (raw.equals(List.of("none"))) {
            return List.of();
        }
        ConfigLine where = set.map(Settings.Setting::line).orElse(new ConfigLine(k.canonicalName(), raw, "defaults", 0));
        List<Path> out = new ArrayList<>();
        for (String f : raw) {
            out.add(tokens == null ? Tokens.file(f, where) : Tokens.expandedFile(f, tokens, home, where));
        }
        return List.copyOf(out);
    }

    private static List<String> algorithms(Settings s, Keyword k, List<String> defaults, List<String> supported)
            throws SshConfigException {
        Optional<Settings.Setting> set = s.get(k);
        if (set.isEmpty()) {
            return defaults;
        }
        try {
            return AlgorithmList.resolve((String) set.get().value(), defaults, supported);
        } catch (SshConfigException e) {
            throw set.get().line().error(k.canonicalName() + ": " + e.problem());
        }
    }

    /** HostName with %h expanded, or the host as given; lower-cased, as ssh(1) does. */
    public String hostName() {
        return hostName;
    }

    /** Port; 22 by default. */
    public int port() {
        return port;
    }

    /** User on the remote host; the local user by default. */
    public String user() {
        return user;
    }

    /** HostKeyAlias: the name to look up in known_hosts instead of the host, if configured. */
    public Optional<String> hostKeyAlias() {
        return hostKeyAlias;
    }

    /** IdentityFile values from every applying block, in order, expanded; empty means the caller's defaults. */
    public List<Path> identityFiles() {
        return identityFiles;
    }

    /** IdentitiesOnly; false by default. */
    public boolean identitiesOnly() {
        return identitiesOnly;
    }

    /**
     * IdentityAgent: {@code none}, {@code SSH_AUTH_SOCK}, a {@code $VARIABLE} name as written, or an
     * expanded socket path; empty when unset (then {@code SSH_AUTH_SOCK} is used).
     */
    public Optional<String> identityAgent() {
        return identityAgent;
    }

    /** StrictHostKeyChecking; {@link StrictHostKeyChecking#ASK} by default. */
    public StrictHostKeyChecking strictHostKeyChecking() {
        return strictHostKeyChecking;
    }

    /** UserKnownHostsFile, expanded; empty for {@code none}; ~/.ssh/known_hosts and known_hosts2 by default. */
    public List<Path> userKnownHostsFiles() {
        return userKnownHostsFiles;
    }

    /** GlobalKnownHostsFile as written (ssh(1) expands nothing here); empty for {@code none}. */
    public List<Path> globalKnownHostsFiles() {
        return globalKnownHostsFiles;
    }

    /** HashKnownHosts; false by default. */
    public boolean hashKnownHosts() {
        return hashKnownHosts;
    }

    /** ProxyJump hops, first hop first; empty when unset or {@code none}. */
    public List<JumpHost> proxyJump() {
        return proxyJump;
    }

    /** ConnectTimeout; empty when unset or {@code none} (the system's TCP timeout applies). */
    public Optional<Duration> connectTimeout() {
        return connectTimeout;
    }

    /** ServerAliveInterval; by default zero (no keepalives), or five minutes with BatchMode, as ssh(1). */
    public Duration serverAliveInterval() {
        return serverAliveInterval;
    }

    /** ServerAliveCountMax; 3 by default. */
    public int serverAliveCountMax() {
        return serverAliveCountMax;
    }

    /** Compression; false by default. */
    public boolean compression() {
        return compression;
    }

    /** KexAlgorithms resolved over amiko's defaults (see {@link AlgorithmList}). */
    public List<String> kexAlgorithms() {
        return kexAlgorithms;
    }

    /** Ciphers resolved over amiko's defaults. */
    public List<String> ciphers() {
        return ciphers;
    }

    /** MACs resolved over amiko's defaults. */
    public List<String> macs() {
        return macs;
    }

    /** HostKeyAlgorithms resolved over amiko's signature algorithms. */
    public List<String> hostKeyAlgorithms() {
        return hostKeyAlgorithms;
    }

    /** PubkeyAcceptedAlgorithms (or its old name PubkeyAcceptedKeyTypes) resolved over amiko's signature algorithms. */
    public List<String> pubkeyAcceptedAlgorithms() {
        return pubkeyAcceptedAlgorithms;
    }

    /** PreferredAuthentications; publickey, keyboard-interactive, password by default. */
    public List<String> preferredAuthentications() {
        return preferredAuthentications;
    }

    /** PasswordAuthentication; true by default. */
    public boolean passwordAuthentication() {
        return passwordAuthentication;
    }

    /** PubkeyAuthentication; true by default. */
    public boolean pubkeyAuthentication() {
        return pubkeyAuthentication;
    }

    /** KbdInteractiveAuthentication (old name ChallengeResponseAuthentication); true by default. */
    public boolean kbdInteractiveAuthentication() {
        return kbdInteractiveAuthentication;
    }

    /** RekeyLimit's amount of data in bytes; 0 means the cipher's default. */
    public long rekeyLimitBytes() {
        return rekeyLimit.bytes();
    }

    /** RekeyLimit's time; {@link Duration#ZERO} means no time-based rekeying. */
    public Duration rekeyLimitTime() {
        return rekeyLimit.time();
    }

    /** BatchMode; false by default. */
    public boolean batchMode() {
        return batchMode;
    }

    /** LogLevel; {@link LogLevel#INFO} by default. */
    public LogLevel logLevel() {
        return logLevel;
    }

    @Override
    public String toString() {
        return "HostConfig[" + user + "@" + hostName + ":" + port + "]";
    }
}
