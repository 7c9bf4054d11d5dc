package org.amiko.ssh.transport.testing;

import java.time.Duration;

/**
 * Threads and heap before a hostile or heavy scenario, to check that they come back after it: the
 * live thread count, and the heap in use after full collections. Printed, so the figures are in
 * the build log.
 */
public record ResourceBaseline(int threads, long heapBytes) {

    public static ResourceBaseline now() {
        return new ResourceBaseline(liveThreads(), usedHeapAfterGc());
    }

    private static int liveThreads() {
        return Thread.getAllStackTraces().size();
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * Waits up to {@code timeout} for threads to be back within {@code threadSlack} of this
     * baseline and the heap within {@code heapSlack} bytes; throws AssertionError with the figures
     * if they are not. Returns what was measured last.
     */
    public ResourceBaseline awaitBack(String scenario, Duration timeout, int threadSlack, long heapSlack) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        ResourceBaseline now;
        do {
            now = now();
            if (now.threads <= threads + threadSlack && now.heapBytes <= heapBytes + heapSlack) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        String figures = scenario + ": threads " + threads + " before, " + now.threads + " after; heap in use "
                + heapBytes / 1024 + " KiB before, " + now.heapBytes / 1024 + " KiB after";
        System.out.println(figures);
        if (now.threads > threads + threadSlack || now.heapBytes > heapBytes + heapSlack) {
            throw new AssertionError("not back to the baseline within " + timeout + ": " + figures);
        }
        return now;
    }
}
