package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a peer's command line to completion with a timeout. Output goes to temp files rather than
 * pipes, so a chatty command can never block on a full pipe; standard input is empty.
 */
public final class Command {

    /** What a finished command returned and printed. */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr) {

        /** This result, or an {@link AssertionError} quoting the command and its stderr. */
        public Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(String.join(" ", argv) + " exited with " + exitCode
                        + ": " + stderr.strip() + (stdout.isBlank() ? "" : "\nstdout: " + stdout.strip()));
            }
            return this;
        }
    }

    private Command() {}

    /**
     * Runs {@code argv} and waits at most {@code timeout}; a command still running then is killed
     * and reported as an {@link AssertionError} with what it had printed.
     */
    public static Result run(Duration timeout, List<String> argv) {
        return run(timeout, null, null, argv);
    }

    /** {@link #run(Duration, List)} in {@code workDir} (or ours when null), reading {@code stdin} (or nothing when null). */
    public static Result run(Duration timeout, Path workDir, Path stdin, List<String> argv) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("amiko-cmd-", ".out");
            err = Files.createTempFile("amiko-cmd-", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Process process = builder
                    .redirectInput(stdin != null ? ProcessBuilder.Redirect.from(stdin.toFile())
                            : ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!finished) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while running " + String.join(" ", argv), e);
            }
            String stdout = read(out);
            String stderr = read(err);
            if (!finished) {
                throw new AssertionError(String.join(" ", argv) + " did not finish within " + timeout
                        + "; stderr: " + stderr.strip() + "; stdout: " + stdout.strip());
            }
            return new Result(List.copyOf(argv), process.exitValue(), stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temp file is harmless
            }
        }
    }
}
