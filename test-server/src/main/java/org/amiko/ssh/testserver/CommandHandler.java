package org.amiko.ssh.testserver;

import org.amiko.ssh.channel.session.ExitStatus;

/**
 * Runs one command (exec, shell or subsystem) to its end, on a thread of its own, and says how it
 * ended; the server then closes stdout and stderr and sends {@code exit-status} or {@code
 * exit-signal} (RFC 4254 §6.10), EOF and CLOSE. An exception ends the channel without either.
 */
@FunctionalInterface
public interface CommandHandler {

    ExitStatus run(Command command) throws Exception;
}
