package org.amiko.ssh.client;

import java.nio.charset.StandardCharsets;
import org.amiko.ssh.channel.session.ExitStatus;
import org.amiko.ssh.transport.wire.Bytes;

/** What {@link SshConnection#run} collected: the command's whole stdout and stderr, and how it ended. */
public record CommandResult(Bytes stdout, Bytes stderr, ExitStatus status) {

    /** stdout as UTF-8 text. */
    public String stdoutText() {
        return new String(stdout.toByteArray(), StandardCharsets.UTF_8);
    }

    /** stderr as UTF-8 text. */
    public String stderrText() {
        return new String(stderr.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The exit code, or -1 when the command was killed by a signal or said nothing. */
    public int exitCode() {
        return status.exitCode().orElse(-1);
    }

    public boolean isSuccess() {
        return status.isSuccess();
    }
}
