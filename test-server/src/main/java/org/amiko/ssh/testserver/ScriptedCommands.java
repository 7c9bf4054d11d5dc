package org.amiko.ssh.testserver;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import org.amiko.ssh.channel.session.ExitStatus;

/** Hermetic commands: a function from the command line to its output and exit status, for tests that need no shell. */
public final class ScriptedCommands {

    /** What a scripted command prints and how it ends. */
    public record Result(byte[] stdout, byte[] stderr, ExitStatus status) {

        public static Result of(String stdout, String stderr, int exitCode) {
            return new Result(stdout.getBytes(StandardCharsets.UTF_8), stderr.getBytes(StandardCharsets.UTF_8),
                    new ExitStatus.Exited(exitCode));
        }

        public static Result stdout(String text) {
            return of(text, "", 0);
        }
    }

    private ScriptedCommands() {
    }

    /** Each command's result from {@code script}; stdin is not read. */
    public static CommandHandler of(Function<String, Result> script) {
        return command -> {
            Result r = script.apply(command.line() != null ? command.line() : "");
            command.stdout().write(r.stdout());
            command.stderr().write(r.stderr());
            return r.status();
        };
    }

    /** Known command lines; any other gets "command not found" on stderr and exit status 127, as a shell does. */
    public static CommandHandler of(Map<String, Result> script) {
        return of(line -> script.getOrDefault(line, Result.of("", "sh: 1: " + line + ": not found\n", 127)));
    }
}
