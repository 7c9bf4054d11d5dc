package org.amiko.ssh.auth.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * The pattern lists of {@code from=} (sshd(8) "PATTERNS", OpenSSH's match_host_and_ip and
 * addr_match_list): comma-separated patterns, each with {@code *} and {@code ?} wildcards or an
 * address in CIDR notation, any of them negated with {@code !}. An address matches when some
 * pattern matches it and no negated one does.
 */
final class AddressPatterns {

    private AddressPatterns() {
    }

    static boolean matches(String list, String address) {
        String a = address.toLowerCase(Locale.ROOT);
        boolean matched = false;
        for (String raw : list.split(",")) {
            String p = raw.strip().toLowerCase(Locale.ROOT);
            boolean negated = p.startsWith("!");
            if (negated) {
                p = p.substring(1);
            }
            if (p.isEmpty()) {
                continue;
            }
            boolean hit = p.indexOf('/') >= 0 ? inCidr(p, a) : wildcard(p, 0, a, 0);
            if (hit && negated) {
                return false; // a negated match refuses, whatever else matches
            }
            matched |= hit;
        }
        return matched;
    }

    /** {@code *} any run of characters, {@code ?} one character, iteratively with backtracking to the last star. */
    static boolean wildcard(String p, int pi, String s, int si) {
        int star = -1;
        int mark = 0;
        while (si < s.length()) {
            if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
                pi++;
                si++;
            } else if (pi < p.length() && p.charAt(pi) == '*') {
                star = pi++;
                mark = si;
            } else if (star >= 0) {
                pi = star + 1;
                si = ++mark;
            } else {
                return false;
            }
        }
        while (pi < p.length() && p.charAt(pi) == '*') {
            pi++;
        }
        return pi == p.length();
    }

    /** {@code address/bits}: whether {@code address} lies in the network; a malformed network matches nothing. */
    static boolean inCidr(String cidr, String address) {
        int slash = cidr.indexOf('/');
        try {
            if (!literal(cidr.substring(0, slash)) || !literal(address)) {
                return false;
            }
            byte[] net = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            byte[] addr = InetAddress.getByName(address).getAddress();
            int bits = Integer.parseInt(cidr.substring(slash + 1));
            if (net.length != addr.length || bits < 0 || bits > net.length * 8) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }

    /** Only address literals: InetAddress.getByName must never look a name up here. */
    private static boolean literal(String s) {
        return !s.isEmpty() && (s.indexOf(':') >= 0 ? s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                : s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.'));
    }
}
