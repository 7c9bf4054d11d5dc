package org.amiko.ssh.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line of {@code bin/amiko}, ssh(1)'s non-interactive subset:
 * {@code [-p port] [-l login] [-i identity_file]... [-o Option=value]... [-F configfile|none] [-c ciphers]
 * [-m macs] [-C] [-v[v]] [-q] [-T] [-N] [-L spec] [-R spec] [-J jumps] [user@]host [command [args...]]}.
 * Options that set ssh_config keywords become {@code Keyword=value} lines ahead of the files, so
 * that (as in ssh) the command line wins.
 */
record AmikoArgs(String destination, List<String> command, List<String> options, String configFile, int verbosity,
                 boolean quiet, boolean noCommand, List<String> localForwards, List<String> remoteForwards) {

    static final String USAGE = "usage: amiko [-p port] [-l login] [-i identity_file]... [-o Option=value]..."
            + " [-F configfile|none] [-c ciphers] [-m macs] [-C] [-v[v]] [-q] [-T] [-N] [-L spec] [-R spec]"
            + " [-J [user@]host[:port]] [user@]host [command [args...]]";

    static AmikoArgs parse(String[] args) {
        List<String> options = new ArrayList<>();
        List<String> local = new ArrayList<>();
        List<String> remote = new ArrayList<>();
        String config = null;
        int verbosity = 0;
        boolean quiet = false;
        boolean noCommand = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && args[i].length() > 1; i++) {
            String a = args[i];
            if (a.equals("--")) {
                i++;
                break;
            }
            // flags may be bundled (-vvC); an option with a value takes the rest or the next word
            for (int k = 1; k < a.length(); k++) {
                char c = a.charAt(k);
                if ("plioFcmLRJ".indexOf(c) >= 0) {
                    String value = k + 1 < a.length() ? a.substring(k + 1) : next(args, ++i, c);
                    switch (c) {
                        case 'p' -> options.add("Port=" + value);
                        case 'l' -> options.add("User=" + value);
                        case 'i' -> options.add("IdentityFile=" + value);
                        case 'o' -> options.add(value);
                        case 'F' -> config = value;
                        case 'c' -> options.add("Ciphers=" + value);
                        case 'm' -> options.add("MACs=" + value);
                        case 'L' -> local.add(value);
                        case 'R' -> remote.add(value);
                        case 'J' -> options.add("ProxyJump=" + value);
                        default -> throw new IllegalArgumentException("-" + c);
                    }
                    break;
                }
                switch (c) {
                    case 'v' -> verbosity++;
                    case 'q' -> quiet = true;
                    case 'C' -> options.add("Compression=yes");
                    case 'T', 'n' -> { } // never a pty; stdin is always passed on
                    case 'N' -> noCommand = true;
                    default -> throw new IllegalArgumentException("unknown option -- " + c);
                }
            }
        }
        if (i >= args.length) {
            throw new IllegalArgumentException("no destination");
        }
        String destination = args[i++];
        List<String> command = new ArrayList<>();
        for (; i < args.length; i++) {
            command.add(args[i]);
        }
        return new AmikoArgs(destination, List.copyOf(command), List.copyOf(options), config, verbosity, quiet, noCommand,
                List.copyOf(local), List.copyOf(remote));
    }

    private static String next(String[] args, int i, char option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option requires an argument -- " + option);
        }
        return args[i];
    }

    /** The command line for the server: the words joined by spaces, as ssh(1) does. */
    String commandLine() {
        return String.join(" ", command);
    }
}
