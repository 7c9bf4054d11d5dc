package org.amiko.ssh.client;

import java.io.IOException;
import java.time.Duration;
import org.amiko.ssh.channel.Connection;
import org.amiko.ssh.transport.DisconnectReason;

/**
 * OpenSSH's ServerAliveInterval and ServerAliveCountMax: every {@code interval} a
 * {@code keepalive@openssh.com} global request goes to the server; any reply proves it alive.
 * After {@code countMax} unanswered in a row the connection is ended, and every blocked call on it
 * fails with the reason. One daemon thread per connection; it ends with the connection.
 */
final class Keepalive implements Runnable {

    private final Connection connection;
    private final Duration interval;
    private final int countMax;
    private final String host;

    private Keepalive(Connection connection, Duration interval, int countMax, String host) {
        this.connection = connection;
        this.interval = interval;
        this.countMax = countMax;
        this.host = host;
    }

    static void start(Connection connection, Duration interval, int countMax, String host) {
        Thread t = new Thread(new Keepalive(connection, interval, countMax, host), "amiko-keepalive");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        int missed = 0;
        try {
            while (connection.isOpen()) {
                if (missed == 0 && ended(interval)) {
                    return; // the first probe, and each after an answer, goes out after one quiet interval
                }
                // each request waits one interval for its reply; none counts as a miss
                if (connection.keepalive(interval)) {
                    missed = 0;
                } else if (++missed >= countMax) {
                    connection.transport().disconnect(DisconnectReason.CONNECTION_LOST,
                            "Timeout, server " + host + " not responding (" + countMax + " keepalives unanswered, "
                                    + interval.toMillis() + " ms apart)");
                    connection.close();
                    return;
                }
            }
        } catch (IOException e) {
            // the connection ended under us: nothing left to keep alive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits {@code d}; true if the connection ended meanwhile. */
    private boolean ended(Duration d) throws InterruptedException {
        try {
            connection.endedFuture().get(d.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }
}
