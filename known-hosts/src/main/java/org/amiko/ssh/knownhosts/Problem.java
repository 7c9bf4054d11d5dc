package org.amiko.ssh.knownhosts;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Something wrong in a known_hosts file: a malformed line (with its number) or a file that could
 * not be read (line 0). The rest of the file still counts.
 */
public record Problem(Path file, long line, String reason) {

    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + reason : file + ": " + reason;
    }
}
