package org.amiko.ssh.channel.session;

import java.io.IOException;

/**
 * The server side of one session channel: what to do with each request the client makes
 * ({@code pty-req}, {@code env}, {@code exec}, {@code shell}, {@code subsystem}, {@code signal},
 * ...). Runs on the connection's dispatch thread: start a command on a thread of your own and
 * return at once.
 */
@FunctionalInterface
public interface SessionHandler {

    /** Returns true to answer SUCCESS, false for FAILURE. */
    boolean request(ServerSession session, SessionRequest request) throws IOException;
}
