package org.amiko.ssh.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer every transport in the JVM shares, for deadlines that must strike whatever the
 * peer sends or doesn't: a write the peer never reads, an authentication that takes too long.
 * Its tasks are short and never block (they close streams; they do not wait for threads).
 *
 * <p>Threads: one daemon thread, {@code amiko-deadlines}, started with the first task and gone
 * a few seconds after the last is cancelled, so an idle JVM keeps no thread of ours.
 */
final class Deadlines {

    private static final ScheduledThreadPoolExecutor TIMER = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "amiko-deadlines");
        t.setDaemon(true);
        return t;
    });

    static {
        TIMER.setRemoveOnCancelPolicy(true);
        TIMER.setKeepAliveTime(2, TimeUnit.SECONDS);
        TIMER.allowCoreThreadTimeOut(true); // the last thread stays while any task is queued
        TIMER.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    private Deadlines() {
    }

    /** Runs {@code task} once after {@code delay}, unless cancelled first. */
    static ScheduledFuture<?> after(Duration delay, Runnable task) {
        return TIMER.schedule(guarded(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} every {@code period} until cancelled. */
    static ScheduledFuture<?> every(Duration period, Runnable task) {
        long nanos = Math.max(1, period.toNanos());
        return TIMER.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** A failing task must neither kill the timer nor stop a periodic task. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                System.getLogger(Deadlines.class.getName()).log(System.Logger.Level.WARNING, "deadline task failed", e);
            }
        };
    }
}
