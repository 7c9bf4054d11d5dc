package org.amiko.ssh.transport;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages the transport has received for the layers above, counted in bytes so that the
 * reader can stop reading from the peer when the layers above fall behind (backpressure: TCP
 * then slows the peer down). Each message counts its payload plus a fixed overhead, so a flood
 * of tiny messages is bounded too.
 *
 * <p>Threads: the transport's reader adds and waits for room; any thread takes. Guarded by its lock.
 */
final class InboundQueue {

    /** What a queued message costs beyond its payload: the array header and the queue slot, roughly. */
    static final int OVERHEAD = 64;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    /** Adds a message; never blocks (the reader decides whether to read more with {@link #awaitBelow}). */
    void add(byte[] payload) {
        lock.lock();
        try {
            if (!closed) {
                messages.add(payload);
                bytes += payload.length + OVERHEAD;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The bytes held now, overhead included. */
    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at most {@code limit} bytes are held, the queue is closed, or {@code nanos} pass.
     * The caller re-checks its own conditions after each return (a key exchange may have started).
     */
    void awaitBelow(long limit, long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (bytes > limit && !closed) {
                changed.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The next message; null if none arrives within {@code nanos}; {@link #CLOSED} once closed and drained. */
    Object poll(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (messages.isEmpty()) {
                if (closed) {
                    return CLOSED;
                }
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            byte[] next = messages.poll();
            bytes -= next.length + OVERHEAD;
            changed.signalAll();
            return next;
        } finally {
            lock.unlock();
        }
    }

    /** Marker {@link #poll} returns once the transport has ended: nothing more will come. */
    static final Object CLOSED = new Object();

    /**
     * Ends the queue: nothing more is added, the waiting reader wakes, and takers get what was
     * already queued (a peer's last output before it left) and then {@link #CLOSED}.
     */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes a reader waiting for room, so it re-checks its conditions (a key exchange of ours started). */
    void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
