package org.amiko.ssh.channel;

import org.amiko.ssh.transport.wire.Bytes;

/** The reply to one of our global requests (RFC 4254 §4): success with its data, or failure. */
public record GlobalReply(boolean success, Bytes data) {

    static final GlobalReply FAILURE = new GlobalReply(false, Bytes.EMPTY);
}
