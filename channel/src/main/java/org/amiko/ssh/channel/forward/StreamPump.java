package org.amiko.ssh.channel.forward;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import org.amiko.ssh.channel.Channel;

/**
 * Joins a channel and a TCP socket: what the socket reads goes out as channel data, what the
 * channel receives is written to the socket, and each direction's end is passed on as a half
 * close (socket EOF becomes CHANNEL_EOF, CHANNEL_EOF becomes {@link Socket#shutdownOutput}); the
 * channel and socket close once both directions are done. Two threads, one per direction.
 */
public final class StreamPump {

    private static final System.Logger LOG = System.getLogger(StreamPump.class.getName());
    private static final int BUFFER = 32 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private StreamPump() {
    }

    /** Starts pumping on two threads from {@code threads}. */
    public static void start(Channel channel, Socket socket, ThreadFactory threads) throws IOException {
        // a forwarded connection may be quiet for long: reads wait as long as the connection lives
        channel.getInputStream().setTimeout(Duration.ofDays(365));
        InputStream socketIn = socket.getInputStream();
        OutputStream socketOut = socket.getOutputStream();
        Runnable both = new Runnable() {
            private int done;

            @Override
            public synchronized void run() {
                if (++done == 2) {
                    closeQuietly(channel, socket);
                }
            }
        };
        threads.newThread(() -> {
            try {
                copy(socketIn, channel.getOutputStream());
                channel.sendEof();
            } catch (IOException e) {
                closeQuietly(channel, socket);
            } finally {
                both.run();
            }
        }).start();
        threads.newThread(() -> {
            try {
                copy(channel.getInputStream(), socketOut);
                socket.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(channel, socket);
            } finally {
                both.run();
            }
        }).start();
    }

    /**
     * On a new daemon thread: connects a socket to {@code host:port} (10 s at most) and pumps it
     * with {@code channel}; if the connect fails, closes the channel. For handlers that accept a
     * channel on the dispatch thread, which must not wait on a connect.
     */
    public static void connectLater(Channel channel, String host, int port) {
        Thread t = new Thread(() -> {
            Socket socket = new Socket();
            try {
                socket.connect(new java.net.InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                start(channel, socket, daemonThreads("amiko-forward-" + channel.localId()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "connecting channel {0} to {1}:{2} failed: {3}",
                        channel.localId(), host, port, e.getMessage());
                closeQuietly(channel, socket);
            }
        }, "amiko-connect-" + channel.localId());
        t.setDaemon(true);
        t.start();
    }

    /** A daemon thread per direction, named for the channel. */
    public static ThreadFactory daemonThreads(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) >= 0) {
            out.write(buf, 0, n);
            out.flush();
        }
    }

    private static void closeQuietly(Channel channel, Socket socket) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // ending anyway
        }
        try {
            socket.close();
        } catch (IOException ignored) {
            // ending anyway
        }
    }
}
