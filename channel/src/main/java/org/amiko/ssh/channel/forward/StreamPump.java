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

    private static final int BUFFER = 32 * 1024;

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
