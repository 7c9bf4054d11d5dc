package org.amiko.ssh.channel;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.amiko.ssh.channel.message.ChannelData;
import org.amiko.ssh.channel.message.ChannelExtendedData;

/**
 * What we send on a channel: its data, or extended data of one type (a server's stderr). A write
 * is cut into packets of at most the peer's maximum packet size, each sent only once the peer's
 * window has room for it (RFC 4254 §5.2); a write waits, at most the stream's timeout, for a
 * WINDOW_ADJUST. Nothing is buffered, so {@link #flush} has nothing to do. Closing the data
 * stream sends EOF (§5.3). Writes from several threads do not interleave within one call.
 */
public final class ChannelOutputStream extends OutputStream {

    /** The data type code of {@link ChannelData}, as opposed to an extended data type. */
    static final long DATA = -1;

    private final Channel channel;
    private final long dataType;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile Duration timeout;

    ChannelOutputStream(Channel channel, long dataType, Duration timeout) {
        this.channel = channel;
        this.dataType = dataType;
        this.timeout = timeout;
    }

    /** How long a write waits for the peer's window to open. */
    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        String what = dataType == DATA ? "data" : "extended data";
        writeLock.lock();
        try {
            while (len > 0) {
                long deadline = System.nanoTime() + timeout.toNanos();
                channel.checkWritable(what); // fail fast, before waiting for window; checked again as it is sent
                int max = Math.min(len, channel.remoteMaxPacket());
                int n = channel.remoteWindow().reserve(max, deadline);
                if (n == 0) {
                    throw new ChannelTimeoutException("the peer's window on channel " + channel.localId()
                            + " stayed shut for " + timeout + ": it does not read what we send");
                }
                int recipient = channel.remoteId();
                byte[] payload = dataType == DATA ? ChannelData.payload(recipient, b, off, n)
                        : ChannelExtendedData.payload(recipient, dataType, b, off, n);
                channel.sendData(payload, what);
                off += n;
                len -= n;
            }
        } finally {
            writeLock.unlock();
        }
    }

    /** The data stream sends EOF; an extended stream just stops. */
    @Override
    public void close() throws IOException {
        if (dataType == DATA) {
            channel.sendEof();
        }
    }
}
