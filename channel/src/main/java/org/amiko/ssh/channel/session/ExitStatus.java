package org.amiko.ssh.channel.session;

import java.util.OptionalInt;

/**
 * How a remote command ended (RFC 4254 §6.10): with an exit status, killed by a signal, or
 * unknown when the channel closed without either.
 */
public sealed interface ExitStatus permits ExitStatus.Exited, ExitStatus.Killed, ExitStatus.Unknown {

    /** {@code exit-status}: the command exited with {@code code}. */
    record Exited(int code) implements ExitStatus {
        @Override
        public String toString() {
            return "exit status " + code;
        }
    }

    /**
     * {@code exit-signal}: the signal's name without "SIG" ({@code KILL}, {@code TERM}, ...). The
     * error message is the server's, unchanged and untrusted (it may hold terminal escapes).
     */
    record Killed(String signal, boolean coreDumped, String errorMessage, String languageTag) implements ExitStatus {
        @Override
        public String toString() {
            return "killed by SIG" + signal + (coreDumped ? " (core dumped)" : "")
                    + (errorMessage.isEmpty() ? "" : ": " + errorMessage);
        }
    }

    /** The channel closed and the server said neither. */
    record Unknown() implements ExitStatus {
        @Override
        public String toString() {
            return "no exit status";
        }
    }

    /** The exit code, if the command exited. */
    default OptionalInt exitCode() {
        return this instanceof Exited e ? OptionalInt.of(e.code()) : OptionalInt.empty();
    }

    /** True for exit status 0. */
    default boolean isSuccess() {
        return this instanceof Exited e && e.code() == 0;
    }
}
