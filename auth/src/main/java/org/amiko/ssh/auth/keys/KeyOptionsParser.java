package org.amiko.ssh.auth.keys;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options field of an authorized_keys line, parsed by sshd's rules (OpenSSH auth-options.c,
 * sshauthopt_parse): comma-separated, no spaces outside double quotes, names case-insensitive,
 * values in double quotes where {@code \"} stands for a quote and every other byte is itself.
 * An unknown option makes the whole line unusable, as in sshd: a key whose restrictions cannot be
 * understood must not grant access.
 */
final class KeyOptionsParser {

    /** Flags that sshd also takes with a {@code no-} prefix. */
    private static final Set<String> NEGATABLE_FLAGS = Set.of(
            "agent-forwarding", "port-forwarding", "pty", "user-rc", "x11-forwarding", "touch-required");
    private static final Set<String> FLAGS = Set.of("cert-authority", "restrict", "verify-required");
    private static final Set<String> VALUED = Set.of(
            "command", "environment", "expiry-time", "from", "permitlisten", "permitopen", "principals", "tunnel");
    /** sshd refuses a second of these ("multiple ... clauses"). */
    private static final Set<String> SINGLE = Set.of("command", "from", "principals", "tunnel");

    private KeyOptionsParser() {
    }

    /**
     * The end of the options field: the first space or tab outside quotes (sshkey_advance_past_options).
     *
     * @throws Malformed when a quote is not closed
     */
    static int end(String line) throws Malformed {
        boolean quoted = false;
        int i = 0;
        for (; i < line.length() && (quoted || (line.charAt(i) != ' ' && line.charAt(i) != '\t')); i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                i++; // an escaped quote: skip both
            } else if (line.charAt(i) == '"') {
                quoted = !quoted;
            }
        }
        if (quoted) {
            throw new Malformed("options have an unterminated quote");
        }
        return i;
    }

    /** Parses an options field (no spaces outside quotes) into its options, in order. */
    static List<KeyOption> parse(String field) throws Malformed {
        List<KeyOption> options = new ArrayList<>();
        int i = 0;
        while (true) {
            int nameEnd = i;
            while (nameEnd < field.length() && "=, \t".indexOf(field.charAt(nameEnd)) < 0) {
                nameEnd++;
            }
            String name = field.substring(i, nameEnd).toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new Malformed(i == 0 ? "empty options" : "empty option after \",\"");
            }
            i = nameEnd;
            KeyOption option;
            if (i < field.length() && field.charAt(i) == '=') {
                if (!VALUED.contains(name)) {
                    throw new Malformed(known(name) ? "option \"" + name + "\" takes no value"
                            : "unknown option \"" + Printable.of(name) + "\"");
                }
                StringBuilder value = new StringBuilder();
                i = dequote(field, i + 1, value, name);
                option = new KeyOption(name, value.toString());
                check(option, options);
            } else if (known(name) && !VALUED.contains(name)) {
                option = KeyOption.flag(name);
            } else {
                throw new Malformed(VALUED.contains(name) ? "option \"" + name + "\" needs a value"
                        : "unknown option \"" + Printable.of(name) + "\"");
            }
            options.add(option);
            if (i == field.length() || field.charAt(i) == ' ' || field.charAt(i) == '\t') {
                return options;
            }
            if (field.charAt(i) != ',') {
                throw new Malformed("unexpected \"" + field.charAt(i) + "\" after option \"" + name + "\"");
            }
            i++;
            if (i == field.length()) {
                throw new Malformed("options end with \",\"");
            }
        }
    }

    private static boolean known(String name) {
        return FLAGS.contains(name) || VALUED.contains(name) || NEGATABLE_FLAGS.contains(name)
                || (name.startsWith("no-") && NEGATABLE_FLAGS.contains(name.substring(3)));
    }

    /** auth-options.c opt_dequote: from the opening quote at {@code i}; returns the index after the closing quote. */
    private static int dequote(String field, int i, StringBuilder out, String name) throws Malformed {
        if (i >= field.length() || field.charAt(i) != '"') {
            throw new Malformed("value of \"" + name + "\" has no opening quote");
        }
        i++;
        while (i < field.length() && field.charAt(i) != '"') {
            if (field.charAt(i) == '\\' && i + 1 < field.length() && field.charAt(i + 1) == '"') {
                i++;
            }
            out.append(field.charAt(i++));
        }
        if (i >= field.length()) {
            throw new Malformed("value of \"" + name + "\" has no closing quote");
        }
        return i + 1;
    }

    /** The checks sshd makes of the values themselves, as far as they concern the line's form. */
    private static void check(KeyOption option, List<KeyOption> before) throws Malformed {
        if (SINGLE.contains(option.name()) && before.stream().anyMatch(o -> o.name().equals(option.name()))) {
            throw new Malformed("multiple \"" + option.name() + "\" options");
        }
        if (option.name().equals("environment")) {
            int eq = option.value().indexOf('=');
            if (eq <= 0) {
                throw new Malformed("environment=\"" + Printable.of(option.value()) + "\" is not NAME=value");
            }
        }
    }
}
