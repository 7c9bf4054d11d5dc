package org.amiko.ssh.testserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.channel.session.ExitStatus;

/**
 * The default command handler: {@code /bin/sh -c LINE} (or {@code /bin/sh} for a shell) as the
 * user running the server, in its working directory and environment plus what the client set
 * with {@code env}; a pty, when asked for, through util-linux {@code script}.
 *
 * <p>Java's {@link Process} reports a command killed by SIGTERM as exit code 143, the same as
 * {@code exit 143}. So the command runs under a small Perl wrapper (Perl is essential on Debian)
 * that forks it into a process group of its own, waits for it, and writes the raw wait status to
 * a side file; from that the handler tells an exit status from a signal and its core dump, as
 * sshd does. Signals the client sends go to the command's process group with {@code kill}; when
 * the channel closes (or the server does) while the command runs, its group gets SIGTERM.
 */
public final class ProcessCommandHandler implements CommandHandler {

    /** fork; the child leads its own process group and execs; the parent writes the child's pid, waits, writes the status. */
    private static final String WRAPPER = String.join("\n",
            "my $side = shift @ARGV;",
            "my ($pid, $term);",
            // installed before the fork, so that a TERM at any moment reaches the command
            "$SIG{TERM} = sub { $term = 1; kill('TERM', -$pid, $pid) if $pid; };",
            "$SIG{HUP} = sub { kill('HUP', -$pid, $pid) if $pid; };",
            "$pid = fork();",
            "die \"fork: $!\" unless defined $pid;",
            // the command starts with every signal at its default, as under sshd, even when this
            // server was started with some ignored (a background job of a shell ignores INT and QUIT)
            "if ($pid == 0) { $SIG{$_} = 'DEFAULT' for qw(HUP INT QUIT PIPE ALRM TERM USR1 USR2 CHLD TSTP TTIN TTOU);",
            "  setpgrp(0, 0); exec { $ARGV[0] } @ARGV or exit 127; }",
            // the group exists before its number is told, whichever of parent and child runs first
            "setpgrp($pid, $pid);",
            "kill('TERM', -$pid, $pid) if $term;",
            "my $p; if (open($p, '>', \"$side.pid.tmp\")) { print $p \"$pid\\n\"; close $p; rename(\"$side.pid.tmp\", \"$side.pid\"); }",
            "while (waitpid($pid, 0) == -1 && $!{EINTR}) {}",
            "my $status = $?;",
            "my $f; open($f, '>', \"$side.tmp\") or die \"$side: $!\"; print $f \"$status\\n\"; close $f;",
            "rename(\"$side.tmp\", $side);",
            "exit(($status & 127) ? 128 + ($status & 127) : $status >> 8);");

    @Override
    public ExitStatus run(Command command) throws Exception {
        Path side = Files.createTempFile("amiko-status-", "");
        Files.delete(side);
        try {
            List<String> argv = new ArrayList<>(List.of("perl", "-e", WRAPPER, side.toString()));
            argv.addAll(commandLine(command));
            ProcessBuilder pb = new ProcessBuilder(argv);
            Map<String, String> env = pb.environment();
            env.putAll(command.env());
            command.pty().ifPresent(pty -> env.put("TERM", pty.term()));
            Process process = pb.start();
            // the channel's end stops the command: TERM to the wrapper, which passes it to the command's group
            command.channelClosed().whenComplete((v, e) -> process.destroy());
            Thread signals = forwardSignals(command, side, process);
            Thread stdin = pump("stdin", command.stdin(), process.getOutputStream());
            Thread stderr = pump("stderr", process.getErrorStream(), command.stderr());
            process.getInputStream().transferTo(command.stdout());
            stderr.join();
            process.waitFor();
            signals.interrupt();
            stdin.interrupt();
            return status(side, process.exitValue());
        } finally {
            Files.deleteIfExists(side);
            Files.deleteIfExists(Path.of(side + ".pid"));
            Files.deleteIfExists(Path.of(side + ".pid.tmp"));
            Files.deleteIfExists(Path.of(side + ".tmp"));
        }
    }

    private static List<String> commandLine(Command command) {
        String shell = "/bin/sh";
        if (command.pty().isPresent()) {
            // util-linux script(1) gives the command a pseudo-terminal; -e passes its exit status on
            return List.of("script", "-q", "-e", "-c", command.isShell() ? shell : shell + " -c " + quote(command.line()),
                    "/dev/null");
        }
        return command.isShell() ? List.of(shell) : List.of(shell, "-c", command.line());
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The wait status from the side file: exit code, or signal and core dump (wait(2)). */
    static ExitStatus status(Path side, int fallbackExitCode) throws IOException {
        if (!Files.exists(side)) {
            return new ExitStatus.Exited(fallbackExitCode);
        }
        int w = Integer.parseInt(Files.readString(side, StandardCharsets.US_ASCII).strip());
        int signal = w & 127;
        if (signal == 0) {
            return new ExitStatus.Exited((w >> 8) & 0xff);
        }
        return new ExitStatus.Killed(Signals.name(signal), (w & 128) != 0, "", "");
    }

    private static Thread forwardSignals(Command command, Path side, Process process) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    String name = command.signals().take();
                    String pid = readPid(side, process);
                    if (pid != null && Signals.number(name) > 0) {
                        // the shell's own kill: no kill binary needed; name and pid are checked values
                        new ProcessBuilder("/bin/sh", "-c", "kill -s " + name + " -- -" + Long.parseLong(pid))
                                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start().waitFor(5, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException | IOException e) {
                // the command ended
            }
        }, "amiko-signals-" + process.pid());
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** The command's pid once the wrapper has told it (a slow start must not lose a signal), or null when it ended first. */
    private static String readPid(Path side, Process process) throws IOException, InterruptedException {
        Path pid = Path.of(side + ".pid");
        for (int i = 0; i < 3000 && !Files.exists(pid) && process.isAlive(); i++) {
            Thread.sleep(10);
        }
        if (!Files.exists(pid)) {
            return null;
        }
        String text = Files.readString(pid, StandardCharsets.US_ASCII).strip();
        return text.matches("[0-9]{1,10}") ? text : null;
    }

    private static Thread pump(String name, InputStream from, OutputStream to) {
        Thread t = new Thread(() -> {
            try (to) {
                byte[] buf = new byte[32 * 1024];
                int n;
                while ((n = from.read(buf)) >= 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // one side ended
            }
        }, "amiko-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
