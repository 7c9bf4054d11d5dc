package org.amiko.ssh.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.amiko.ssh.transport.kex.KexMethods;
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
     * What the state-machine fuzz targets' peer does: a real key exchange first when {@code flags}
     * bit 0 is set (bit 1: ECDH P-256 rather than curve25519), else only the version exchange;
     * then each frame as a packet; then it waits until the other side is quiet or has ended, and
     * ends the stream {@code out}. An IOException means the other side ended first.
     */
    public static void play(KexPeer peer, int flags, List<byte[]> frames, InputStream in, OutputStream out, Future<?> ended)
            throws IOException, InterruptedException {
        try {
            if ((flags & 1) != 0) {
                peer.handshake((flags & 2) != 0 ? KexMethods.ECDH_NISTP256 : KexMethods.CURVE25519_SHA256);
            } else {
                peer.exchangeVersions();
            }
            QuietDrain drain = start(in);
            for (byte[] frame : frames) {
                peer.send(frame);
            }
            // let the other side deal with every message before the end of stream ends the connection
            drain.awaitQuiet(Duration.ofMillis(15), Duration.ofSeconds(3), ended);
        } catch (IOException e) {
            // the other side ended first: what it ended with is for the caller to check
        } finally {
            out.close();
        }
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
