package org.amiko.ssh.client.config;

import java.util.List;
import java.util.Locale;

/**
 * ssh_config(5) Match: every criterion must hold; {@code !} negates one. Supported: {@code all},
 * {@code host}, {@code originalhost} (both compared without regard to case), {@code user},
 * {@code localuser}, {@code final} (holds only in the second, final pass that naming it asks for)
 * and {@code canonical} (amiko does not canonicalize host names, so it never holds).
 * {@code exec} is refused with an exception when it would have to run; as in ssh(1) it is skipped
 * once an earlier criterion on the line has failed.
 */
final class MatchCriteria {

    /** What the criteria are compared with, as known at this line. */
    record Subject(String host, String originalHost, String user, String localUser, boolean finalPass) {
    }

    private MatchCriteria() {
    }

    /**
     * Whether the Match line holds for {@code subject}; with {@code evaluate} false only its
     * syntax is checked (the line is in a file included from a block that does not apply).
     */
    static boolean matches(ConfigLine line, Subject subject, boolean evaluate) throws SshConfigException {
        List<String> args = line.args();
        boolean result = true;
        for (int i = 0; i < args.size(); i++) {
            String attribute = args.get(i);
            boolean negate = attribute.startsWith("!");
            String name = (negate ? attribute.substring(1) : attribute).toLowerCase(Locale.ROOT);
            boolean r;
            switch (name) {
                case "all" -> {
                    if (i != args.size() - 1 || args.subList(0, i).stream()
                            .anyMatch(a -> !a.equalsIgnoreCase("canonical") && !a.equalsIgnoreCase("final"))) {
                        throw line.error("'all' cannot be combined with other Match attributes");
                    }
                    r = true;
                }
                case "final" -> r = subject.finalPass();
                case "canonical" -> r = false;
                case "host", "originalhost", "user", "localuser", "exec" -> {
                    if (i + 1 >= args.size()) {
                        throw line.error("missing argument for Match " + name);
                    }
                    String criteria = args.get(++i);
                    if (name.equals("exec")) {
                        if (evaluate && result) {
                            throw line.error("Match exec is not supported: amiko does not run commands from"
                                    + " configuration files (exec \"" + criteria + "\")");
                        }
                        r = false;
                    } else {
                        r = criterion(name, criteria, subject);
                    }
                }
                default -> throw line.error("unsupported Match attribute " + attribute);
            }
            if (r == negate) {
                result = false;
            }
        }
        if (args.isEmpty()) {
            throw line.error("Match without criteria");
        }
        return evaluate && result;
    }

    /** Whether the line names {@code final}, which asks for a second pass over the files. */
    static boolean namesFinal(ConfigLine line) {
        List<String> args = line.args();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i).toLowerCase(Locale.ROOT);
            name = name.startsWith("!") ? name.substring(1) : name;
            if (name.equals("final")) {
                return true;
            }
            if (!name.equals("all") && !name.equals("canonical")) {
                i++; // skip the criterion's argument
            }
        }
        return false;
    }

    private static boolean criterion(String name, String criteria, Subject s) {
        return switch (name) {
            case "host" -> Patterns.matchesList(s.host(), criteria, true);
            case "originalhost" -> Patterns.matchesList(s.originalHost(), criteria, true);
            case "user" -> Patterns.matchesList(s.user(), criteria, false);
            default -> Patterns.matchesList(s.localUser(), criteria, false);
        };
    }
}
