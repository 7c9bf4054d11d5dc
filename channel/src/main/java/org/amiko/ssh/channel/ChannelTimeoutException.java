package org.amiko.ssh.channel;

import org.amiko.ssh.transport.SshException;

/** A channel operation (read, write, open, request) did not finish within its timeout; the channel stays usable. */
public final class ChannelTimeoutException extends SshException {

    public ChannelTimeoutException(String message) {
        super(message);
    }
}
