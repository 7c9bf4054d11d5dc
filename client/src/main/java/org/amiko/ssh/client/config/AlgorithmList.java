package org.amiko.ssh.client.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An ssh_config(5) algorithm list (Ciphers, MACs, KexAlgorithms, HostKeyAlgorithms,
 * PubkeyAcceptedAlgorithms) applied to amiko's defaults.
 *
 * <ul>
 *   <li>{@code a,b}: exactly these, in this order;</li>
 *   <li>{@code +a,b}: the defaults, then those not already among them;</li>
 *   <li>{@code -a,b*}: the defaults without those matching (wildcards {@code *} and {@code ?});</li>
 *   <li>{@code ^a,b}: these first, then the remaining defaults.</li>
 * </ul>
 *
 * <p>A name amiko does not support is handled by what it is. A name OpenSSH does not know either
 * is a typo: always an {@link SshConfigException} naming it. A name OpenSSH knows and amiko does
 * not (umac-64-etm@openssh.com, aes128-cbc, ssh-dss, certificate types...) is skipped silently
 * when the result still holds a name the user asked for, or when the list starts with {@code +}
 * (it only widens the defaults, which remain usable); a plain or {@code ^} list whose names are
 * all of that kind is an exception naming them, since the user's choice could not be honoured.
 * Names in a {@code -} list are patterns and need not be known. A result with no algorithm left is
 * an exception. Duplicates are dropped, the first place kept.
 */
public final class AlgorithmList {

    private AlgorithmList() {
    }

    /**
     * The list {@code spec} yields over {@code defaults}.
     *
     * @param supported every name amiko can use for this kind of algorithm (a superset of defaults)
     */
    public static List<String> resolve(String spec, List<String> defaults, List<String> supported)
            throws SshConfigException {
        if (spec.isEmpty()) {
            throw new SshConfigException("empty algorithm list");
        }
        char prefix = spec.charAt(0);
        boolean prefixed = prefix == '+' || prefix == '-' || prefix == '^';
        List<String> names = names(prefixed ? spec.substring(1) : spec, spec);
        Set<String> out = new LinkedHashSet<>();
        if (prefix == '-') {
            for (String d : defaults) {
                if (names.stream().noneMatch(p -> Patterns.matches(d, p))) {
                    out.add(d);
                }
            }
        } else {
            List<String> usable = usable(names, supported, prefix == '+', spec);
            if (prefix == '+') {
                out.addAll(defaults);
                out.addAll(usable);
            } else {
                out.addAll(usable);
                if (prefix == '^') {
                    out.addAll(defaults);
                }
            }
        }
        if (out.isEmpty()) {
            throw new SshConfigException("no algorithm left after \"" + spec + "\"");
        }
        return List.copyOf(out);
    }

    private static List<String> names(String list, String spec) throws SshConfigException {
        List<String> names = List.of(list.split(",", -1));
        if (names.contains("")) {
            throw new SshConfigException("empty name in algorithm list \"" + spec + "\"");
        }
        return names;
    }

    private static List<String> usable(List<String> names, List<String> supported, boolean widening, String spec)
            throws SshConfigException {
        List<String> usable = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String n : names) {
            if (supported.contains(n)) {
                usable.add(n);
            } else if (OpenSshAlgorithmNames.ALL.contains(n)) {
                skipped.add(n);
            } else {
                throw new SshConfigException("unknown algorithm \"" + n + "\" in \"" + spec + "\"");
            }
        }
        if (usable.isEmpty() && !widening) {
            throw new SshConfigException("amiko supports none of " + skipped + " (from \"" + spec
                    + "\"); it supports " + supported);
        }
        return usable;
    }
}
