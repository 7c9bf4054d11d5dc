package org.amiko.ssh.transport.keys;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real OpenSSH {@code ssh-keygen}; a test that needs it fails, never skips, without it. */
final class SshKeygen {

    /** The outcome of one run. */
    record Result(int exitCode, String stdout, String stderr) {
    }

    private SshKeygen() {
    }

    /** {@code ssh-keygen} from the PATH, or a failed test naming the package to install. */
    static Path executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path p = Path.of(dir, "ssh-keygen");
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        return fail("ssh-keygen is not on the PATH: install the Debian package openssh-client (apt-get install openssh-client)");
    }

    /** Runs ssh-keygen in {@code dir} and fails the test unless it exits 0; returns stdout. */
    static String run(Path dir, String... args) {
        Result r = runWithInput(dir, null, args);
        if (r.exitCode() != 0) {
            fail("ssh-keygen " + String.join(" ", args) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    /** Runs ssh-keygen in {@code dir} with {@code stdin} (or nothing) as its input. */
    static Result runWithInput(Path dir, Path stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        try {
            Process p = pb.start();
            if (stdin == null) {
                p.getOutputStream().close(); // no input: ssh-keygen sees end of file
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return fail("ssh-keygen " + String.join(" ", args) + " timed out");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("cannot run ssh-keygen (package openssh-client): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }
}
