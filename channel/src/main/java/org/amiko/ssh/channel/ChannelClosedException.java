package org.amiko.ssh.channel;

import org.amiko.ssh.transport.SshException;

/** The channel (or the connection under it) is closed, so it can no longer send or take what was asked. */
public final class ChannelClosedException extends SshException {

    public ChannelClosedException(String message) {
        super(message);
    }

    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
