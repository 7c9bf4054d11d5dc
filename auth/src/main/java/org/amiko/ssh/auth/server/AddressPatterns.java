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
        String a = canonical(address);
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
            boolean hit;
            if (p.indexOf('/') >= 0) {
                Boolean in = inCidr(p, a);
                if (in == null) {
                    return false; // a malformed network refuses the key, as in sshd: a broken "!" must not let everyone in
                }
                hit = in;
            } else {
                hit = Wildcard.matches(p, a);
            }
            if (hit && negated) {
                return false; // a negated match refuses, whatever else matches
            }
            matched |= hit;
        }
        return matched;
    }

    /**
     * The address as patterns are written against it: an IPv6 literal in its RFC 5952 form
     * (lower case, zeros compressed, no zone), anything else lower-cased as it is. Java writes
     * IPv6 addresses in full ({@code 0:0:0:0:0:0:0:1}), which no one's pattern expects.
     */
    static String canonical(String address) {
        String a = address.strip().toLowerCase(Locale.ROOT);
        int zone = a.indexOf('%');
        if (zone >= 0) {
            a = a.substring(0, zone);
        }
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        if (a.indexOf(':') < 0 || !literal(a)) {
            return a;
        }
        byte[] b;
        try {
            b = InetAddress.getByName(a).getAddress();
        } catch (UnknownHostException e) {
            return a;
        }
        if (b.length == 4) { // an IPv4-mapped address: its IPv4 form
            return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (b[2 * i] & 0xff) << 8 | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append(i == 0 ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(Integer.toHexString(groups[i]));
            if (i < 7) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /**
     * {@code address/bits}: whether {@code address} lies in the network; false for an address of
     * the other family or no address at all; null when the network itself is malformed.
     */
    static Boolean inCidr(String cidr, String address) {
        int slash = cidr.indexOf('/');
        String network = cidr.substring(0, slash);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (!literal(network)) {
            return null;
        }
        try {
            byte[] net = InetAddress.getByName(network).getAddress();
            if (bits < 0 || bits > net.length * 8) {
                return null;
            }
            for (int i = bits; i < net.length * 8; i++) {
                if ((net[i / 8] & (0x80 >>> (i % 8))) != 0) {
                    return null; // host bits set: sshd's addr_pton_cidr refuses such a network
                }
            }
            if (!literal(address)) {
                return false;
            }
            byte[] addr = InetAddress.getByName(address).getAddress();
            if (net.length != addr.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((net[i / 8] & mask) != (addr[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Only address literals: InetAddress.getByName must never look a name up here. */
    private static boolean literal(String s) {
        return !s.isEmpty() && (s.indexOf(':') >= 0 ? s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')
                : s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.'));
    }
}
