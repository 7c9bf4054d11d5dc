package org.amiko.ssh.knownhosts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.amiko.ssh.transport.testing.Command;
import org.amiko.ssh.transport.testing.SshKeygen;

/** What the real ssh-keygen says about a known_hosts file: {@code -F} (find), {@code -R} (remove), {@code -H} (hash). */
final class OpenSshKnownHosts {

    private static final Pattern FOUND = Pattern.compile("^# Host (\\S+) found: line (\\d+)", Pattern.MULTILINE);

    private OpenSshKnownHosts() {}

    /** The line numbers {@code ssh-keygen -F name -f file} lists, in order. */
    static List<Long> find(Path file, String name) {
        Command.Result r = SshKeygen.runWithInput(file.getParent(), null, "-F", name, "-f", file.toString());
        if (r.exitCode() > 1) {
            throw new AssertionError("ssh-keygen -F failed: " + r.stderr());
        }
        List<Long> lines = new ArrayList<>();
        Matcher m = FOUND.matcher(r.stdout());
        while (m.find()) {
            lines.add(Long.parseLong(m.group(2)));
        }
        return lines;
    }

    /** {@code ssh-keygen -R name -f file}, in place. */
    static void remove(Path file, String name) {
        SshKeygen.run(file.getParent(), "-R", name, "-f", file.toString());
    }

    /** {@code ssh-keygen -H -f file}, in place. */
    static void hash(Path file) {
        SshKeygen.run(file.getParent(), "-H", "-f", file.toString());
    }

    /** The name OpenSSH looks a host up by: host, or [host]:port. */
    static String name(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
