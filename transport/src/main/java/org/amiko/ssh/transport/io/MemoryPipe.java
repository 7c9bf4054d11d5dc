package org.amiko.ssh.transport.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An in-memory byte duplex, like a connected socket pair: what one end writes the other reads.
 * Reads block until bytes arrive or the writer closes (end of stream); closing the reading end
 * wakes a blocked reader with an IOException, as closing a socket does. Lets the transport's two
 * roles talk in one JVM.
 */
public final class MemoryPipe {

    /** One end of the duplex. */
    public record End(InputStream in, OutputStream out) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            in.close();
            out.close();
        }
    }

    private final End a;
    private final End b;

    /** A duplex whose directions each buffer up to {@code capacity} bytes before writers wait. */
    public MemoryPipe(int capacity) {
        Direction ab = new Direction(capacity);
        Direction ba = new Direction(capacity);
        a = new End(ba.input, ab.output);
        b = new End(ab.input, ba.output);
    }

    public MemoryPipe() {
        this(256 * 1024);
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    /** One direction: a ring buffer guarded by one lock. */
    private static final class Direction {
        private final byte[] ring;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private int head;   // next byte to read
        private int count;  // bytes held
        private boolean writerClosed;
        private boolean readerClosed;

        Direction(int capacity) {
            ring = new byte[capacity];
        }

        final InputStream input = new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] dst, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                lock.lock();
                try {
                    while (count == 0) {
                        if (readerClosed) {
                            throw new IOException("pipe closed");
                        }
                        if (writerClosed) {
                            return -1;
                        }
                        changed.await();
                    }
                    int n = Math.min(len, count);
                    int first = Math.min(n, ring.length - head);
                    System.arraycopy(ring, head, dst, off, first);
                    System.arraycopy(ring, 0, dst, off + first, n - first);
                    head = (head + n) % ring.length;
                    count -= n;
                    changed.signalAll();
                    return n;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading the pipe");
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public int available() {
                lock.lock();
                try {
                    return count;
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                lock.lock();
                try {
                    readerClosed = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };

        final OutputStream output = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] src, int off, int len) throws IOException {
                lock.lock();
                try {
                    while (len > 0) {
                        if (writerClosed || readerClosed) {
                            throw new IOException("pipe closed");
                        }
                        if (count == ring.length) {
                            changed.await();
                            continue;
                        }
                        int tail = (head + count) % ring.length;
                        int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
                        System.arraycopy(src, off, ring, tail, n);
                        count += n;
                        off += n;
                        len -= n;
                        changed.signalAll();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while writing the pipe");
                } finally {
                    lock.unlock();
                }
            }

            @Override
            public void close() {
                lock.lock();
                try {
                    writerClosed = true;
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
