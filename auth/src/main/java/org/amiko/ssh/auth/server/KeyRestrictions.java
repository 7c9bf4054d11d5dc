package org.amiko.ssh.auth.server;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.amiko.ssh.auth.keys.AuthorizedKey;
import org.amiko.ssh.auth.keys.KeyOption;

/**
 * What a key's authorized_keys options allow once it has logged in (sshd(8) "AUTHORIZED_KEYS FILE
 * FORMAT", OpenSSH's auth-options.c): a forced command, whether a pty, port forwarding, agent
 * forwarding, X11 forwarding and ~/.ssh/rc are permitted, which destinations ({@code permitopen})
 * and listeners ({@code permitlisten}) forwarding may use, and the {@code environment} the key
 * sets (applied only where the server permits user environment). The server role enforces them;
 * {@link #authorize} applies the options that decide whether the key may log in at all
 * ({@code from=}, {@code expiry-time=}).
 *
 * @param forcedCommand {@code command=}: run instead of whatever the client asks for; null when none
 * @param permitOpen {@code permitopen} entries, {@code host:port} ({@code *} for any port); empty: any destination
 * @param permitListen {@code permitlisten} entries, {@code [host:]port}; empty: any listener
 * @param environment {@code environment} entries, {@code NAME=value}
 */
public record KeyRestrictions(String forcedCommand, boolean pty, boolean portForwarding, boolean agentForwarding,
                              boolean x11Forwarding, boolean userRc, List<String> permitOpen, List<String> permitListen,
                              List<String> environment) {

    /** A key without options: everything permitted. */
    public static final KeyRestrictions NONE = new KeyRestrictions(null, true, true, true, true, true, List.of(), List.of(), List.of());

    public KeyRestrictions {
        permitOpen = List.copyOf(permitOpen);
        permitListen = List.copyOf(permitListen);
        environment = List.copyOf(environment);
    }

    /**
     * The restrictions of one authorized_keys line, its options applied in order as sshd does:
     * {@code restrict} turns every permission off, and a later {@code pty} (or {@code
     * port-forwarding}, ...) turns one back on; {@code no-pty} (...) turns one off.
     */
    public static KeyRestrictions of(AuthorizedKey line) {
        String command = null;
        boolean pty = true;
        boolean port = true;
        boolean agent = true;
        boolean x11 = true;
        boolean rc = true;
        List<String> open = new ArrayList<>();
        List<String> listen = new ArrayList<>();
        List<String> env = new ArrayList<>();
        for (KeyOption o : line.options()) {
            switch (o.name()) {
                case "restrict" -> {
                    pty = false;
                    port = false;
                    agent = false;
                    x11 = false;
                    rc = false;
                }
                case "pty" -> pty = true;
                case "no-pty" -> pty = false;
                case "port-forwarding" -> port = true;
                case "no-port-forwarding" -> port = false;
                case "agent-forwarding" -> agent = true;
                case "no-agent-forwarding" -> agent = false;
                case "x11-forwarding" -> x11 = true;
                case "no-x11-forwarding" -> x11 = false;
                case "user-rc" -> rc = true;
                case "no-user-rc" -> rc = false;
                case "command" -> command = o.value();
                case "permitopen" -> open.addAll(List.of(o.value().split(",")));
                case "permitlisten" -> listen.addAll(List.of(o.value().split(",")));
                case "environment" -> env.add(o.value());
                default -> { } // from, expiry-time: checked by authorize; principals and the rest: certificates, later
            }
        }
        return new KeyRestrictions(command, pty, port, agent, x11, rc, open, listen, env);
    }

    /**
     * Whether {@code line} admits a login from {@code clientAddress} at {@code now}: its {@code
     * from=} patterns must match the address and its {@code expiry-time=} must not have passed
     * (sshd's auth_authorise_keyopts). The restrictions that then apply, or empty.
     *
     * @param clientAddress the client's IP address (sshd compares names only with UseDNS, off by default)
     */
    public static Optional<KeyRestrictions> authorize(AuthorizedKey line, String clientAddress, Instant now) {
        for (String expiry : line.values("expiry-time")) {
            Instant until = expiryTime(expiry);
            if (until == null || !now.isBefore(until)) {
                return Optional.empty(); // expired, or a time we cannot read: refuse, as sshd does
            }
        }
        Optional<String> from = line.value("from");
        if (from.isPresent() && (clientAddress == null || !AddressPatterns.matches(from.get(), clientAddress))) {
            return Optional.empty();
        }
        return Optional.of(of(line));
    }

    /**
     * {@code YYYYMMDD[Z]} or {@code YYYYMMDDHHMM[SS][Z]}: a time in the system's zone, or UTC with
     * Z (sshd(8), OpenSSH's parse_absolute_time); null when it is neither.
     */
    static Instant expiryTime(String value) {
        boolean utc = value.endsWith("Z") || value.endsWith("z");
        String digits = utc ? value.substring(0, value.length() - 1) : value;
        String pattern = switch (digits.length()) {
            case 8 -> "yyyyMMdd";
            case 12 -> "yyyyMMddHHmm";
            case 14 -> "yyyyMMddHHmmss";
            default -> null;
        };
        if (pattern == null || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT)
                    .withResolverStyle(java.time.format.ResolverStyle.STRICT);
            LocalDateTime t = digits.length() == 8
                    ? java.time.LocalDate.parse(digits, f).atStartOfDay() : LocalDateTime.parse(digits, f);
            return t.atZone(utc ? ZoneOffset.UTC : ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * {@code permitopen}: whether a direct-tcpip channel to {@code host:port} may open. Hosts are
     * compared literally (no patterns, no name lookup; IPv6 in brackets), {@code *} as port matches any.
     */
    public boolean allowsOpen(String host, int port) {
        if (!portForwarding) {
            return false;
        }
        if (permitOpen.isEmpty()) {
            return true;
        }
        for (String entry : permitOpen) {
            int colon = entry.lastIndexOf(':');
            if (colon > 0 && hostEquals(entry.substring(0, colon), host) && portMatches(entry.substring(colon + 1), port)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code permitlisten}: whether a tcpip-forward may listen on {@code host:port}. An entry
     * without a host allows only the loopback listener, as sshd's default GatewayPorts=no does;
     * {@code *} as port matches any, {@code *} as host any address.
     */
    public boolean allowsListen(String host, int port) {
        if (!portForwarding) {
            return false;
        }
        if (permitListen.isEmpty()) {
            return true;
        }
        for (String entry : permitListen) {
            int colon = entry.lastIndexOf(':');
            String entryHost = colon > 0 ? entry.substring(0, colon) : "localhost";
            String entryPort = colon > 0 ? entry.substring(colon + 1) : entry;
            boolean hostOk = entryHost.equals("*") || hostEquals(entryHost, host)
                    || (entryHost.equals("localhost") && (host.isEmpty() || host.equals("127.0.0.1") || host.equals("::1")));
            if (hostOk && portMatches(entryPort, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hostEquals(String pattern, String host) {
        String p = pattern.startsWith("[") && pattern.endsWith("]") ? pattern.substring(1, pattern.length() - 1) : pattern;
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return p.equalsIgnoreCase(h);
    }

    private static boolean portMatches(String pattern, int port) {
        if (pattern.equals("*")) {
            return true;
        }
        try {
            return Integer.parseInt(pattern) == port;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The restrictions of two keys that both proved themselves (a chain of {@code publickey,publickey}):
     * each permission only if both grant it, as sshd merges them; null if their forced commands differ.
     */
    public KeyRestrictions and(KeyRestrictions other) {
        if (forcedCommand != null && other.forcedCommand != null && !forcedCommand.equals(other.forcedCommand)) {
            return null;
        }
        List<String> open = narrower(permitOpen, other.permitOpen);
        List<String> listen = narrower(permitListen, other.permitListen);
        // two lists with nothing in common leave no destination at all
        boolean port = portForwarding && other.portForwarding && open != null && listen != null;
        List<String> env = new ArrayList<>(environment);
        env.addAll(other.environment);
        return new KeyRestrictions(forcedCommand != null ? forcedCommand : other.forcedCommand, pty && other.pty, port,
                agentForwarding && other.agentForwarding, x11Forwarding && other.x11Forwarding, userRc && other.userRc,
                open == null ? List.of() : open, listen == null ? List.of() : listen, env);
    }

    /** The entries both lists allow (an empty list allows everything); null when both restrict and share nothing. */
    private static List<String> narrower(List<String> a, List<String> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        List<String> both = new ArrayList<>(a);
        both.retainAll(b);
        return both.isEmpty() ? null : both;
    }

    @Override
    public String toString() {
        return "KeyRestrictions[" + (forcedCommand == null ? "" : "command=" + forcedCommand + ", ")
                + (pty ? "" : "no-pty, ") + (portForwarding ? "" : "no-port-forwarding, ")
                + (agentForwarding ? "" : "no-agent-forwarding, ") + (x11Forwarding ? "" : "no-x11-forwarding, ")
                + (userRc ? "" : "no-user-rc, ") + "permitopen=" + permitOpen + ", permitlisten=" + permitListen
                + ", environment=" + environment.size() + " entries]";
    }
}
