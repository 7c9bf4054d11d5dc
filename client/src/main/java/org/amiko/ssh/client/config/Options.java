package org.amiko.ssh.client.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.amiko.ssh.transport.crypto.Ciphers;
import org.amiko.ssh.transport.crypto.Macs;
import org.amiko.ssh.transport.kex.KexMethods;
import org.amiko.ssh.transport.keys.SignatureAlgorithm;

/**
 * Parses the argument of one option line and, when its block applies, offers the value. The
 * argument is checked whether or not the block applies, as ssh(1) does, so a typo in another
 * host's section is still reported.
 */
final class Options {

    /** RekeyLimit: bytes (0 for the cipher's default) and time (zero for none). */
    record RekeyLimit(long bytes, Duration time) {
    }

    private Options() {
    }

    static void apply(Keyword keyword, ConfigLine line, boolean active, Settings settings)
            throws SshConfigException {
        if (keyword == Keyword.IDENTITY_FILE) {
            String file = line.single();
            if (active) {
                settings.addIdentityFile(file, line);
            }
            return;
        }
        Object value = parse(keyword, line);
        if (active) {
            settings.offer(keyword, value, line);
        }
    }

    private static Object parse(Keyword keyword, ConfigLine line) throws SshConfigException {
        return switch (keyword) {
            case HOSTNAME, HOST_KEY_ALIAS, USER, IDENTITY_AGENT, IGNORE_UNKNOWN -> line.single();
            case PORT -> Values.port(line, line.single());
            case IDENTITIES_ONLY, HASH_KNOWN_HOSTS, PASSWORD_AUTHENTICATION, PUBKEY_AUTHENTICATION,
                    KBD_INTERACTIVE_AUTHENTICATION, BATCH_MODE -> Values.flag(line);
            case COMPRESSION -> Values.yesNo(line);
            case STRICT_HOST_KEY_CHECKING -> Values.strict(line);
            case USER_KNOWN_HOSTS_FILE, GLOBAL_KNOWN_HOSTS_FILE -> line.args();
            case PROXY_JUMP -> Values.jumps(line);
            case CONNECT_TIMEOUT -> line.single().equalsIgnoreCase("none") ? Optional.empty()
                    : Optional.of(Values.time(line, line.single()));
            case SERVER_ALIVE_INTERVAL -> Values.time(line, line.single());
            case SERVER_ALIVE_COUNT_MAX -> Values.integer(line);
            case KEX_ALGORITHMS -> algorithms(line, OpenSshAlgorithmNames.KEX, KexMethods.supportedNames());
            case CIPHERS -> algorithms(line, OpenSshAlgorithmNames.CIPHERS, Ciphers.defaultNames());
            case MACS -> algorithms(line, OpenSshAlgorithmNames.MACS, Macs.supportedNames());
            case HOST_KEY_ALGORITHMS, PUBKEY_ACCEPTED_ALGORITHMS ->
                    algorithms(line, OpenSshAlgorithmNames.SIGNATURES, SignatureAlgorithm.supportedNames());
            case PREFERRED_AUTHENTICATIONS -> methods(line);
            case REKEY_LIMIT -> rekeyLimit(line);
            case LOG_LEVEL -> Values.logLevel(line);
            case HOST, MATCH, INCLUDE, IDENTITY_FILE -> throw new IllegalStateException("handled elsewhere: " + keyword);
        };
    }

    /** The list as written; every name outside a {@code -} list must be known to OpenSSH or amiko. */
    private static String algorithms(ConfigLine line, Set<String> openssh, List<String> amiko)
            throws SshConfigException {
        String spec = line.single();
        boolean prefixed = !spec.isEmpty() && "+-^".indexOf(spec.charAt(0)) >= 0;
        String list = prefixed ? spec.substring(1) : spec;
        for (String name : list.split(",", -1)) {
            if (name.isEmpty()) {
                throw line.error("empty name in " + line.keyword() + " \"" + spec + "\"");
            }
            if (!spec.startsWith("-") && !openssh.contains(name) && !amiko.contains(name)) {
                throw line.error("bad " + line.keyword() + " name \"" + name + "\"");
            }
        }
        return spec;
    }

    private static List<String> methods(ConfigLine line) throws SshConfigException {
        List<String> methods = List.of(line.single().split(",", -1));
        if (methods.contains("")) {
            throw line.error("empty method in preferredauthentications \"" + line.single() + "\"");
        }
        return methods;
    }

    /** {@code RekeyLimit default|SIZE [none|TIME]}; a size other than 0 must be at least 16 bytes. */
    private static RekeyLimit rekeyLimit(ConfigLine line) throws SshConfigException {
        List<String> args = line.args();
        if (args.size() > 2) {
            throw line.error("keyword rekeylimit has extra arguments at end of line");
        }
        long bytes = 0;
        if (!args.get(0).equalsIgnoreCase("default")) {
            bytes = Values.size(line, args.get(0));
            if (bytes != 0 && bytes < 16) {
                throw line.error("RekeyLimit too small");
            }
        }
        Duration time = Duration.ZERO;
        if (args.size() == 2 && !args.get(1).equalsIgnoreCase("none")) {
            time = Values.time(line, args.get(1));
        }
        return new RekeyLimit(bytes, time);
    }
}
