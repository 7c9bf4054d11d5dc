package org.amiko.ssh.client.config;

import java.io.IOException;

/**
 * A configuration that ssh_config(5) does not allow, or that amiko cannot honour: names the
 * source (a file, or {@code command line} for {@code -o} options), the line number and what is wrong.
 */
public final class SshConfigException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String problem;

    public SshConfigException(String source, int line, String problem) {
        super(source + " line " + line + ": " + problem);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /** A problem found after parsing, once the options are resolved (no line to point at). */
    public SshConfigException(String problem) {
        super(problem);
        this.source = null;
        this.line = 0;
        this.problem = problem;
    }

    /** The file, {@code "command line"}, or null when the problem is not tied to a line. */
    public String source() {
        return source;
    }

    /** The line number from 1 (for {@code -o} options: the option's position), or 0. */
    public int line() {
        return line;
    }

    /** What is wrong, without the location. */
    public String problem() {
        return problem;
    }
}
