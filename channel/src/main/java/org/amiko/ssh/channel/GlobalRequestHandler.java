package org.amiko.ssh.channel;

import java.io.IOException;
import org.amiko.ssh.channel.message.GlobalRequest;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * Answers one kind of GLOBAL_REQUEST from the peer (RFC 4254 §4). Runs on the connection's
 * dispatch thread and must not block. Return the success data (often {@link Bytes#EMPTY}), or
 * {@code null} for REQUEST_FAILURE.
 */
@FunctionalInterface
public interface GlobalRequestHandler {

    Bytes handle(Connection connection, GlobalRequest request) throws IOException;
}
