package org.amiko.ssh.channel;

import org.amiko.ssh.transport.ProtocolException;

/**
 * How many bytes the peer may still send us on a channel (RFC 4254 §5.2). Arriving data uses it
 * up ({@link #receive}: more than the window is a protocol error); the window grows again only
 * as the application takes data ({@link #release}), in batches of at least half the initial
 * window, so a reader that stops makes the peer stop and what we buffer stays bounded.
 *
 * <p>Not thread-safe: the channel calls it under its own lock.
 */
final class LocalWindow {

    private final long initial;
    private final long threshold;
    private long remaining; // what the peer may still send
    private long released;  // taken by the application, not yet given back in a WINDOW_ADJUST

    LocalWindow(long initial) {
        if (initial < 0 || initial > RemoteWindow.MAX) {
            throw new IllegalArgumentException("window " + initial);
        }
        this.initial = initial;
        this.remaining = initial;
        this.threshold = Math.max(1, initial / 2);
    }

    long initial() {
        return initial;
    }

    long remaining() {
        return remaining;
    }

    /** {@code n} bytes arrived from the peer. */
    void receive(int n) throws ProtocolException {
        if (n > remaining) {
            throw new ProtocolException("the peer sent " + n + " bytes with a window of " + remaining + " (RFC 4254 §5.2)");
        }
        remaining -= n;
    }

    /**
     * The application took {@code n} bytes. Returns how many bytes to announce in a WINDOW_ADJUST
     * now (and counts them as given back), or 0 to wait for more.
     */
    long release(long n) {
        released += n;
        if (released >= threshold) {
            long adjust = released;
            released = 0;
            remaining += adjust;
            return adjust;
        }
        return 0;
    }
}
