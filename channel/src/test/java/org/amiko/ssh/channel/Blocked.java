package org.amiko.ssh.channel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking call running on a thread of its own, for tests of what wakes it: wait until the
 * thread is parked, poke the code under test from the test thread, then look at the outcome.
 */
final class Blocked<T> {

    /** A call that may throw anything. */
    interface Call<T> {
        T call() throws Exception;
    }

    private static final Duration PARK_WAIT = Duration.ofSeconds(10);

    final Thread thread;
    final CompletableFuture<T> result = new CompletableFuture<>();

    private Blocked(String name, Call<T> call) {
        thread = new Thread(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "test-blocked-" + name);
        thread.setDaemon(true);
    }

    static <T> Blocked<T> start(String name, Call<T> call) {
        Blocked<T> b = new Blocked<>(name, call);
        b.thread.start();
        return b;
    }

    /**
     * Waits until the thread waits with a timeout (a condition's {@code awaitNanos}: every blocking
     * call of the channel layer has one), or fails after 10 s.
     */
    Blocked<T> awaitWaiting() throws InterruptedException {
        long deadline = System.nanoTime() + PARK_WAIT.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (result.isDone()) {
                throw new AssertionError(thread.getName() + " ended instead of waiting: " + result);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " never waited, state " + thread.getState());
            }
            Thread.sleep(1);
        }
        return this;
    }

    /** The value the call returned, waiting at most {@code timeout}. */
    T value(Duration timeout) throws Exception {
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed instead of returning", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " still blocked after " + timeout + ": " + stack());
        }
    }

    /** The exception the call ended with, waiting at most {@code timeout}. */
    Throwable failure(Duration timeout) throws Exception {
        try {
            T value = result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            throw new AssertionError(thread.getName() + " returned " + value + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " still blocked after " + timeout + ": " + stack());
        }
    }

    private String stack() {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : thread.getStackTrace()) {
            sb.append("\n\tat ").append(e);
        }
        return sb.toString();
    }
}
