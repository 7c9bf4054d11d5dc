package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads and drops what the side under test sends, noting when it last sent something, so that a
 * fuzzed peer can wait until that side has dealt with every message before it ends the stream (an
 * end of stream ends an SSH connection at once, and what was still queued would never be reached).
 */
public final class QuietDrain {

    private final AtomicLong lastRead = new AtomicLong(System.nanoTime());

    private QuietDrain(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try {
                while (in.read(buf) >= 0) {
                    lastRead.set(System.nanoTime());
                }
            } catch (IOException e) {
                // closed
            }
        }, "fuzz-drain");
        t.setDaemon(true);
        t.start();
    }

    public static QuietDrain start(InputStream in) {
        return new QuietDrain(in);
    }

    /**
     * Waits until nothing has come for {@code quiet} (the other side has answered all it will), it
     * has ended ({@code ended} is done), or {@code limit} has passed.
     */
    public void awaitQuiet(Duration quiet, Duration limit, Future<?> ended) throws InterruptedException {
        long start = System.nanoTime();
        lastRead.accumulateAndGet(start, Math::max);
        long q = quiet.toNanos();
        while (!ended.isDone() && System.nanoTime() - start < limit.toNanos()) {
            if (System.nanoTime() - lastRead.get() >= q) {
                return;
            }
            Thread.sleep(1);
        }
    }
}
