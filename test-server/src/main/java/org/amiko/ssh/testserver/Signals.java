package org.amiko.ssh.testserver;

import java.util.List;

/** Signal names as SSH sends them (RFC 4254 §6.10, without "SIG") and their Linux numbers. */
final class Signals {

    /** Index = Linux signal number. */
    private static final List<String> NAMES = List.of("", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
            "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM");

    private Signals() {
    }

    /** The name of a signal number; one RFC 4254 does not name becomes OpenSSH's "SIG@openssh.com"-style placeholder. */
    static String name(int number) {
        return number > 0 && number < NAMES.size() ? NAMES.get(number) : "SIG" + number + "@amiko";
    }

    /** The number of a named signal, or -1. */
    static int number(String name) {
        int i = NAMES.indexOf(name);
        return i > 0 ? i : -1;
    }
}
