package org.amiko.ssh.channel;

import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.transport.ProtocolException;

/**
 * How many bytes we may still send on a channel (RFC 4254 §5.2): the peer's initial window plus
 * its WINDOW_ADJUSTs, minus what we sent. Senders {@link #reserve} before they send and wait,
 * with a timeout, while it is zero. The window never exceeds 2^32-1 bytes.
 */
final class RemoteWindow {

    static final long MAX = 0xffffffffL;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition grew = lock.newCondition();
    private long available;  // guarded by lock
    private String closedReason; // guarded by lock; non-null once no more can be sent

    RemoteWindow(long initial) {
        this.available = initial;
    }

    /** WINDOW_ADJUST from the peer; growth past 2^32-1 is a protocol error (§5.2). */
    void add(long bytes) throws ProtocolException {
        lock.lock();
        try {
            if (available + bytes > MAX) {
                throw new ProtocolException("window adjust of " + bytes + " takes the window past 2^32-1 (RFC 4254 §5.2)");
            }
            available += bytes;
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes between 1 and {@code max} bytes of window, waiting until {@code deadline} (a
     * {@link System#nanoTime} value) while there is none. Returns 0 if the deadline passes.
     *
     * @throws ChannelClosedException once {@link #close} was called
     */
    int reserve(int max, long deadline) throws ChannelClosedException, InterruptedIOException {
        lock.lock();
        try {
            while (available == 0 && closedReason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return 0;
                }
                grew.awaitNanos(left);
            }
            if (closedReason != null) {
                throw new ChannelClosedException(closedReason);
            }
            int n = (int) Math.min(max, available);
            available -= n;
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the peer's window");
        } finally {
            lock.unlock();
        }
    }

    long available() {
        lock.lock();
        try {
            return available;
        } finally {
            lock.unlock();
        }
    }

    /** No more sending: wakes every waiting sender, which then fails with {@code reason}. */
    void close(String reason) {
        lock.lock();
        try {
            if (closedReason == null) {
                closedReason = reason;
            }
            grew.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
