package org.amiko.ssh.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * {@code -v} and {@code -vv}: amiko's own narration (System.Logger DEBUG, which the JDK's default
 * backend maps to java.util.logging FINE) and its packet trace (TRACE, FINER) on stderr, as
 * {@code debug1:} and {@code debug2:} lines; {@code -q} keeps even warnings quiet.
 */
final class Verbose {

    private static Logger root; // held so the configuration is not collected

    private Verbose() {
    }

    static void configure(int verbosity, boolean quiet) {
        root = Logger.getLogger("org.amiko");
        root.setUseParentHandlers(false);
        Level level = quiet ? Level.OFF : verbosity >= 2 ? Level.FINER : verbosity == 1 ? Level.FINE : Level.WARNING;
        root.setLevel(level);
        Handler h = new ConsoleHandler();
        h.setLevel(level);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String prefix = r.getLevel().intValue() >= Level.WARNING.intValue() ? "Warning: "
                        : r.getLevel().intValue() >= Level.FINE.intValue() ? "debug1: " : "debug2: ";
                // narration quotes the peer (its version, KEXINIT lists, DEBUG messages): made safe first
                return prefix + TerminalText.safe(formatMessage(r)) + System.lineSeparator();
            }
        });
        root.addHandler(h);
    }

    /** A line of narration from the command itself. */
    static void say(int verbosity, String message) {
        if (verbosity > 0) {
            System.err.println("debug1: " + message);
        }
    }
}
