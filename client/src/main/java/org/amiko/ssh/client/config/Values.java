package org.amiko.ssh.client.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Parsers for the value syntaxes of ssh_config(5); each throws with the line's location. */
final class Values {

    private Values() {
    }

    /** yes, no, true, false (any case), as OpenSSH's flags. */
    static boolean flag(ConfigLine line) throws SshConfigException {
        String v = line.single().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw line.error("unsupported option \"" + line.single() + "\" for " + line.keyword()
                    + " (expected yes or no)");
        };
    }

    /** Compression takes only yes or no. */
    static boolean yesNo(ConfigLine line) throws SshConfigException {
        String v = line.single().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw line.error("unsupported option \"" + line.single() + "\" for " + line.keyword()
                    + " (expected yes or no)");
        };
    }

    static StrictHostKeyChecking strict(ConfigLine line) throws SshConfigException {
        return switch (line.single().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> StrictHostKeyChecking.YES;
            case "no", "off", "false" -> StrictHostKeyChecking.NO;
            case "ask" -> StrictHostKeyChecking.ASK;
            case "accept-new" -> StrictHostKeyChecking.ACCEPT_NEW;
            default -> throw line.error("unsupported option \"" + line.single()
                    + "\" for stricthostkeychecking (expected yes, accept-new, no, off or ask)");
        };
    }

    static LogLevel logLevel(ConfigLine line) throws SshConfigException {
        String v = line.single().toUpperCase(Locale.ROOT);
        if (v.equals("DEBUG")) {
            return LogLevel.DEBUG1;
        }
        try {
            return LogLevel.valueOf(v);
        } catch (IllegalArgumentException e) {
            throw line.error("unsupported log level \"" + line.single() + "\"");
        }
    }

    /** A TCP port, 1 to 65535, in decimal (service names from /etc/services are not looked up). */
    static int port(ConfigLine line, String text) throws SshConfigException {
        int p = -1;
        if (text.matches("[0-9]{1,5}")) {
            p = Integer.parseInt(text);
        }
        if (p < 1 || p > 65535) {
            throw line.error("bad port '" + text + "'");
        }
        return p;
    }

    /** A non-negative decimal integer. */
    static int integer(ConfigLine line) throws SshConfigException {
        String v = line.single();
        if (!v.matches("[0-9]{1,9}")) {
            throw line.error("bad number '" + v + "' for " + line.keyword());
        }
        return Integer.parseInt(v);
    }

    /**
     * sshd_config(5) TIME FORMATS: {@code time[qualifier]} repeated and summed, qualifiers s, m, h,
     * d, w (any case) or none for seconds; "1h30m" is 5400 seconds.
     */
    static Duration time(ConfigLine line, String text) throws SshConfigException {
        if (!text.matches("(?:[0-9]++[sSmMhHdDwW]?)++")) { // possessive: a long run of digits must not backtrack
            throw line.error("invalid time value '" + text + "' for " + line.keyword());
        }
        long total = 0;
        long n = 0;
        try {
            for (char c : text.toCharArray()) {
                if (Character.isDigit(c)) {
                    n = Math.addExact(Math.multiplyExact(n, 10), c - '0');
                    continue;
                }
                total = Math.addExact(total, Math.multiplyExact(n, unit(c)));
                n = 0;
            }
            total = Math.addExact(total, n);
        } catch (ArithmeticException e) {
            throw line.error("time value '" + text + "' too large");
        }
        if (total > Integer.MAX_VALUE) {
            throw line.error("time value '" + text + "' too large");
        }
        return Duration.ofSeconds(total);
    }

    private static long unit(char c) {
        return switch (Character.toLowerCase(c)) {
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86400;
            case 'w' -> 604800;
            default -> 1;
        };
    }

    /** A byte count with an optional fraction and a K, M, G, T suffix (powers of 1024), as "1.5K". */
    static long size(ConfigLine line, String text) throws SshConfigException {
        var m = java.util.regex.Pattern.compile("([0-9]+)(?:\\.([0-9]+))?([kKmMgGtT]?)[bB]?").matcher(text);
        if (!m.matches()) {
            throw line.error("bad size '" + text + "' for " + line.keyword());
        }
        int shift = switch (m.group(3).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        java.math.BigDecimal value = new java.math.BigDecimal(m.group(1) + (m.group(2) != null ? "." + m.group(2) : ""))
                .multiply(java.math.BigDecimal.valueOf(1L << shift));
        try {
            return value.toBigInteger().longValueExact();
        } catch (ArithmeticException e) {
            throw line.error("size '" + text + "' too large");
        }
    }

    /** ProxyJump: {@code none}, or a comma list of {@code [user@]host[:port]} or {@code ssh://[user@]host[:port]}. */
    static List<JumpHost> jumps(ConfigLine line) throws SshConfigException {
        String v = line.single();
        List<JumpHost> out = new ArrayList<>();
        if (v.equalsIgnoreCase("none")) {
            return out;
        }
        for (String hop : v.split(",", -1)) {
            out.add(jump(line, hop));
        }
        return out;
    }

    private static JumpHost jump(ConfigLine line, String hop) throws SshConfigException {
        String rest = hop.startsWith("ssh://") ? hop.substring(6) : hop;
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String host = rest;
        int port = 0;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || (close + 1 < rest.length() && rest.charAt(close + 1) != ':')) {
                throw line.error("invalid ProxyJump \"" + hop + "\"");
            }
            host = rest.substring(1, close);
            if (close + 1 < rest.length()) {
                port = port(line, rest.substring(close + 2));
            }
        } else if (rest.indexOf(':') >= 0 && rest.indexOf(':') == rest.lastIndexOf(':')) {
            host = rest.substring(0, rest.indexOf(':'));
            port = port(line, rest.substring(rest.indexOf(':') + 1));
        }
        if (host.isEmpty() || (user != null && user.isEmpty())) {
            throw line.error("invalid ProxyJump \"" + hop + "\"");
        }
        return new JumpHost(user, host, port);
    }
}
