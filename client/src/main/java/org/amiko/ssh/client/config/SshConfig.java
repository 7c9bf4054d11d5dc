package org.amiko.ssh.client.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ssh_config(5) files, read once, from which the options for any host can be resolved. Which
 * lines apply depends on the host, so files are only split into lines and their Includes read at
 * load time; every check of an option's value happens in {@link #resolve}. Immutable.
 */
public final class SshConfig {

    private static final Path SYSTEM_DIR = Path.of("/etc/ssh");

    private final List<ConfigFile> files;
    private final Path home;
    private final String localUser;

    private SshConfig(List<ConfigFile> files, Path home, String localUser) {
        this.files = List.copyOf(files);
        this.home = home;
        this.localUser = localUser;
    }

    /** No files at all, as {@code ssh -F none}: only command-line options and the defaults. */
    public static SshConfig none() {
        return new SshConfig(List.of(), localHome(), localUser());
    }

    /** One file and what it includes, as {@code ssh -F file}; relative Includes are under ~/.ssh. */
    public static SshConfig load(Path file) throws IOException {
        return load(file, localHome(), localUser());
    }

    /** {@link #load(Path)} with the local home (for ~, %d and Includes) and user given. */
    static SshConfig load(Path file, Path home, String localUser) throws IOException {
        ConfigFile.Dirs dirs = new ConfigFile.Dirs(home, SYSTEM_DIR);
        return new SshConfig(List.of(ConfigFile.read(file, true, dirs)), home, localUser);
    }

    /** ~/.ssh/config then /etc/ssh/ssh_config, each only if it exists, as ssh(1) without {@code -F}. */
    public static SshConfig defaults() throws IOException {
        return defaults(localHome(), localUser(), SYSTEM_DIR);
    }

    /** {@link #defaults()} with the home, user and system directory (normally /etc/ssh) given. */
    static SshConfig defaults(Path home, String localUser, Path systemDir) throws IOException {
        ConfigFile.Dirs dirs = new ConfigFile.Dirs(home, systemDir);
        List<ConfigFile> files = new ArrayList<>();
        Path user = home.resolve(".ssh").resolve("config");
        if (Files.isRegularFile(user)) {
            files.add(ConfigFile.read(user, true, dirs));
        }
        Path system = systemDir.resolve("ssh_config");
        if (Files.isRegularFile(system)) {
            files.add(ConfigFile.read(system, false, dirs));
        }
        return new SshConfig(files, home, localUser);
    }

    /**
     * Resolves the options for a host: commandLine (-o options, -p/-l turned into Port/User by the
     * caller, in order) first, then the files; the first value obtained wins, as in OpenSSH.
     *
     * @param host the host as given on the command line; Host patterns are matched against it as
     *     written, Match host and originalhost without regard to case
     * @throws SshConfigException naming the file and line of the first problem: an unknown keyword
     *     (unless matched by IgnoreUnknown), a bad value anywhere in the files, Match exec, or an
     *     algorithm list amiko cannot honour
     */
    public HostConfig resolve(String host, List<String> commandLineOptions) throws SshConfigException {
        if (host == null || host.isEmpty()) {
            throw new SshConfigException("no host to resolve");
        }
        Settings settings = new Resolver(host, localUser).resolve(commandLineOptions, files);
        return new HostConfig(settings, host, localUser, home);
    }

    private static Path localHome() {
        return Path.of(System.getProperty("user.home"));
    }

    private static String localUser() {
        return System.getProperty("user.name");
    }
}
