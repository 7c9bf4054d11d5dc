package org.amiko.ssh.channel;

import java.io.IOException;
import org.amiko.ssh.channel.message.ChannelRequest;

/**
 * What the application does with one channel's events. Both methods run on the connection's
 * dispatch thread and must not block: hand long work to a thread of your own.
 */
public interface ChannelHandler {

    /** The channel is open (RFC 4254 §5.1): confirmation sent or received. */
    default void opened(Channel channel) throws IOException {
    }

    /**
     * A CHANNEL_REQUEST from the peer (§5.4). Return true to answer SUCCESS, false for FAILURE
     * (sent only if the peer wants a reply). The default refuses everything, as the RFC asks for
     * requests one does not understand.
     */
    default boolean request(Channel channel, ChannelRequest request) throws IOException {
        return false;
    }

    /**
     * The answer to {@code request} is out (or none was wanted): the place to start what the
     * request began, so that nothing it sends can overtake the reply.
     */
    default void answered(Channel channel, ChannelRequest request, boolean success) throws IOException {
    }

    /** Refuses every request. */
    ChannelHandler NONE = new ChannelHandler() { };
}
