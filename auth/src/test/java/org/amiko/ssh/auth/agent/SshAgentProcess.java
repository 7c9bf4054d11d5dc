package org.amiko.ssh.auth.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.Peers;

/**
 * OpenSSH's {@code ssh-agent -D -a SOCKET}, started in a test's temp dir and stopped by its own
 * PID; and {@code ssh-add} run against any agent socket (transport's {@code Command} passes no
 * environment, so this runs it itself with {@code SSH_AUTH_SOCK} set). A missing binary fails the
 * test naming openssh-client ({@link Peers}).
 */
final class SshAgentProcess implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "amiko-agent-reaper"));
    }

    private final Process process;
    private final Path socket;
    private final Path log;

    private SshAgentProcess(Process process, Path socket, Path log) {
        this.process = process;
        this.socket = socket;
        this.log = log;
    }

    /** Starts an agent listening on {@code dir/agent.sock}; returns once it accepts connections. */
    static SshAgentProcess start(Path dir) {
        Path socket = dir.resolve("agent.sock");
        Path log = dir.resolve("ssh-agent.log");
        List<String> argv = List.of(Peers.sshAgent().toString(), "-D", "-a", socket.toString());
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", argv), e);
        }
        LIVE.add(process);
        SshAgentProcess agent = new SshAgentProcess(process, socket, log);
        // With -D the agent prints its environment lines once it listens.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!agent.log().contains("Agent pid")) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                agent.close();
                throw new AssertionError(String.join(" ", argv) + " did not start listening; log:\n" + agent.log());
            }
            sleep(10);
        }
        return agent;
    }

    Path socket() {
        return socket;
    }

    long pid() {
        return process.pid();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGTERM to the agent's PID (it removes its socket), SIGKILL if it lingers. */
    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(process);
            }
        }
    }

    /** Runs {@code ssh-add args} against the agent on {@code socket}, whatever its exit code. */
    static Command.Result sshAdd(Path socket, String... args) {
        List<String> argv = new ArrayList<>(List.of(Peers.sshAdd().toString()));
        argv.addAll(List.of(args));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("amiko-ssh-add-", ".out");
            err = Files.createTempFile("amiko-ssh-add-", ".err");
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.put("SSH_AUTH_SOCK", socket.toString());
            // Never ask anyone for anything.
            env.remove("DISPLAY");
            env.remove("SSH_ASKPASS");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", argv) + " did not finish within " + TIMEOUT);
            }
            return new Command.Result(List.copyOf(argv), process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", argv), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", argv), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for ssh-agent", e);
        }
    }
}
