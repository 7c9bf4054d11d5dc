package org.amiko.ssh.channel;

import org.amiko.ssh.channel.message.ChannelOpen;

/**
 * Decides on a CHANNEL_OPEN from the peer (RFC 4254 §5.1) for one channel type: a server's
 * {@code session} and {@code direct-tcpip}, a client's {@code forwarded-tcpip}. Runs on the
 * connection's dispatch thread and must not block.
 */
@FunctionalInterface
public interface ChannelOpenHandler {

    Decision open(Connection connection, ChannelOpen request);

    /** Accept with a handler for the new channel, or reject with a reason. */
    sealed interface Decision permits Accept, Reject {
    }

    record Accept(ChannelHandler handler) implements Decision {
    }

    record Reject(OpenFailureReason reason, String description) implements Decision {
    }

    static Decision accept(ChannelHandler handler) {
        return new Accept(handler);
    }

    static Decision reject(OpenFailureReason reason, String description) {
        return new Reject(reason, description);
    }
}
