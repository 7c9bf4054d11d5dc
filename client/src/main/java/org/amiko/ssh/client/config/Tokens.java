package org.amiko.ssh.client.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * ssh_config(5) TOKENS and the leading {@code ~}. Supported: {@code %%}, {@code %d} (local home),
 * {@code %h} (remote host after HostName), {@code %k} (HostKeyAlias, else the host as given),
 * {@code %n} (the host as given), {@code %p} (port), {@code %r} (remote user), {@code %u} (local
 * user). Any other token, such as {@code %C}, {@code %i} or {@code %l}, is refused rather than
 * guessed.
 */
final class Tokens {

    private Tokens() {
    }

    /** {@code ~} or {@code ~/...} at the start becomes the local home; {@code ~user} is refused. */
    static String tilde(String text, Path home, ConfigLine line) throws SshConfigException {
        if (!text.startsWith("~")) {
            return text;
        }
        if (text.equals("~")) {
            return home.toString();
        }
        if (text.startsWith("~/")) {
            return home.resolve(text.substring(2)).toString();
        }
        throw line.error("~user paths are not supported: \"" + text + "\"");
    }

    /** Replaces each {@code %x} by {@code values.get(x)}; {@code %%} is a single {@code %}. */
    static String percent(String text, Map<Character, String> values, ConfigLine line) throws SshConfigException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw line.error("'%' at the end of \"" + text + "\"");
            }
            char key = text.charAt(++i);
            if (key == '%') {
                out.append('%');
            } else if (values.containsKey(key)) {
                out.append(values.get(key));
            } else {
                throw line.error("unknown token %" + key + " in \"" + text + "\" for " + line.keyword());
            }
        }
        return out.toString();
    }

    /** The file {@code name} names; a name no file can have (a NUL in it) is an error of the line, not of the JDK. */
    static Path file(String name, ConfigLine line) throws SshConfigException {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw line.error("bad path for " + line.keyword() + " (" + e.getReason() + ")");
        }
    }

    /** {@link #tilde} then {@link #percent} then {@link #file}, as ssh(1) expands IdentityFile and UserKnownHostsFile. */
    static Path expandedFile(String text, Map<Character, String> values, Path home, ConfigLine line)
            throws SshConfigException {
        return file(path(text, values, home, line), line);
    }

    /** {@link #tilde} then {@link #percent}, as ssh(1) expands IdentityFile and UserKnownHostsFile. */
    static String path(String text, Map<Character, String> values, Path home, ConfigLine line)
            throws SshConfigException {
        return percent(tilde(text, home, line), values, line);
    }
}
