package org.amiko.ssh.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import org.amiko.ssh.transport.wire.Bytes;

/**
 * One stream of what the peer sends on a channel: its data (a command's stdout) or its extended
 * data of one type (stderr). Arriving chunks are queued as they came, without a copy; a read
 * takes bytes and gives them back to the channel's {@link LocalWindow}, which is what lets the
 * peer send more (RFC 4254 §5.2).
 *
 * <p>Both streams of a channel share one window. So that reading one stream to its end can never
 * deadlock on a peer blocked writing the other one (paramiko's classic stdout-then-stderr hang),
 * while a reader waits on this stream, the bytes piling up in a sibling stream are given back to
 * the window as they arrive ("parked") up to {@link ConnectionConfig#parkedStreamLimit()} per
 * stream. Past that limit the window stays shut and the waiting read ends in a
 * {@link ChannelTimeoutException} that says why. Memory per channel is therefore bounded by the
 * window plus that limit.
 *
 * <p>Threads: the dispatch thread adds chunks, application threads read; everything is guarded
 * by the channel's lock.
 */
public final class ChannelInputStream extends InputStream {

    private final Channel channel;
    private final String name;
    private final Condition arrived;
    private final ArrayDeque<Bytes> chunks = new ArrayDeque<>(); // guarded by channel.lock
    private int headOffset;     // bytes of chunks.peek() already read
    private long buffered;      // bytes in chunks past headOffset
    private long parked;        // of buffered, bytes already given back to the window
    private boolean eof;
    private boolean discarding; // the application closed this stream
    private int waiting;        // readers blocked in read()
    private volatile Duration timeout;

    ChannelInputStream(Channel channel, String name, Duration timeout) {
        this.channel = channel;
        this.name = name;
        this.arrived = channel.lock.newCondition();
        this.timeout = timeout;
    }

    /** How long a read waits for bytes; the channel stays usable after a timeout. */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    // ---- the dispatch thread, under channel.lock --------------------------------------------

    /** Queues arriving bytes; returns the window to give back at once (parked bytes), or 0. */
    long addLocked(Bytes chunk) {
        if (discarding) {
            return channel.releaseLocked(chunk.length());
        }
        chunks.add(chunk);
        buffered += chunk.length();
        arrived.signalAll();
        return channel.siblingWaitingLocked(this) ? parkLocked() : 0;
    }

    void eofLocked() {
        eof = true;
        arrived.signalAll();
    }

    void wakeLocked() {
        arrived.signalAll();
    }

    boolean hasWaitingReaderLocked() {
        return waiting > 0;
    }

    /** Gives back the window held by this stream's unread bytes, up to the parked limit. */
    long parkLocked() {
        long limit = channel.config().parkedStreamLimit();
        long unparked = buffered - parked;
        long room = limit - parked;
        long n = Math.min(unparked, Math.max(0, room));
        if (n <= 0) {
            return 0;
        }
        parked += n;
        return channel.releaseLocked(n);
    }

    long bufferedLocked() {
        return buffered;
    }

    // ---- application threads ----------------------------------------------------------------

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        long adjust;
        int n;
        channel.lock.lock();
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (buffered == 0) {
                if (eof) {
                    return -1;
                }
                channel.checkReadableLocked(name);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ChannelTimeoutException("no " + name + " on channel " + channel.localId() + " within " + timeout
                            + channel.stallExplanationLocked(this));
                }
                long parkedNow = channel.parkSiblingsLocked(this);
                if (parkedNow > 0) {
                    // the adjust goes out without the lock held; then look again
                    channel.lock.unlock();
                    try {
                        channel.sendWindowAdjust(parkedNow);
                    } finally {
                        channel.lock.lock();
                    }
                    continue;
                }
                waiting++;
                try {
                    arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + name);
                } finally {
                    waiting--;
                }
            }
            n = 0;
            while (n < len && !chunks.isEmpty()) {
                Bytes head = chunks.peek();
                int take = Math.min(len - n, head.length() - headOffset);
                head.copyTo(headOffset, b, off + n, take);
                n += take;
                headOffset += take;
                if (headOffset == head.length()) {
                    chunks.poll();
                    headOffset = 0;
                }
            }
            buffered -= n;
            long fromParked = Math.min(n, parked);
            parked -= fromParked;
            adjust = channel.releaseLocked(n - fromParked);
        } finally {
            channel.lock.unlock();
        }
        if (adjust > 0) {
            channel.sendWindowAdjust(adjust);
        }
        return n;
    }

    @Override
    public int available() {
        channel.lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, buffered);
        } finally {
            channel.lock.unlock();
        }
    }

    /** Reading ends here; what arrives later is dropped (and still given back to the window). */
    @Override
    public void close() {
        long adjust;
        channel.lock.lock();
        try {
            long unparked = buffered - parked;
            chunks.clear();
            headOffset = 0;
            buffered = 0;
            parked = 0;
            eof = true;
            discarding = true;
            adjust = channel.releaseLocked(unparked);
            arrived.signalAll();
        } finally {
            channel.lock.unlock();
        }
        if (adjust > 0) {
            try {
                channel.sendWindowAdjust(adjust);
            } catch (IOException ignored) {
                // the channel is going anyway
            }
        }
    }
}
