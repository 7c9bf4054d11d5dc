package org.amiko.ssh.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.amiko.ssh.transport.ProtocolException;
import org.junit.jupiter.api.Test;

/**
 * The two halves of RFC 4254 §5.2 flow control: {@link LocalWindow} (what the peer may still send
 * us, given back in batches as the application reads) and {@link RemoteWindow} (what we may still
 * send, waited for with a deadline).
 */
class WindowTest {

    static final int EXAMPLES = Integer.getInteger("amiko.examples", 1000);
    private static final long MAX = 0xffff_ffffL;
    private static final Duration WAIT = Duration.ofSeconds(10);

    // ---- LocalWindow --------------------------------------------------------------------------

    @Test
    void receivingBeyondTheWindowIsAProtocolError() throws ProtocolException {
        LocalWindow w = new LocalWindow(100);
        ProtocolException e = assertThrows(ProtocolException.class, () -> w.receive(101));
        assertEquals(org.amiko.ssh.transport.DisconnectReason.PROTOCOL_ERROR, e.reason());
        assertEquals(100, w.remaining(), "a refused packet uses up nothing");
        w.receive(60);
        w.receive(40);
        assertEquals(0, w.remaining());
        assertThrows(ProtocolException.class, () -> w.receive(1));
        w.receive(0); // an empty packet fits even a shut window
        assertEquals(0, w.remaining());
    }

    @Test
    void releaseWaitsForHalfTheInitialWindowThenGivesBackAllReleased() throws ProtocolException {
        LocalWindow w = new LocalWindow(1024);
        w.receive(1024);
        assertEquals(0, w.release(100));
        assertEquals(0, w.release(411));
        assertEquals(0, w.remaining(), "nothing is given back below the threshold");
        assertEquals(512, w.release(1), "at half the window, everything released so far");
        assertEquals(512, w.remaining());
        assertEquals(0, w.release(511));
        assertEquals(512, w.release(1));
        assertEquals(1024, w.remaining());
        // released bytes may come in one lump larger than the threshold: all of it goes back at once
        w.receive(1024);
        assertEquals(1024, w.release(1024));
        assertEquals(1024, w.remaining());
        assertEquals(1024, w.initial());
    }

    @Test
    void anOddWindowRoundsItsThresholdDown() throws ProtocolException {
        LocalWindow w = new LocalWindow(5); // threshold 2
        w.receive(5);
        assertEquals(0, w.release(1));
        assertEquals(2, w.release(1));
        assertEquals(0, w.release(1));
        assertEquals(3, w.release(2));
        assertEquals(5, w.remaining());
    }

    @Test
    void aOneByteWindowAdjustsOnEveryByte() throws ProtocolException {
        LocalWindow w = new LocalWindow(1);
        for (int i = 0; i < 1000; i++) {
            w.receive(1);
            assertEquals(0, w.remaining());
            assertThrows(ProtocolException.class, () -> w.receive(1));
            assertEquals(1, w.release(1), "byte " + i);
            assertEquals(1, w.remaining());
        }
    }

    @Test
    void theLocalWindowMustFitAUint32() throws ProtocolException {
        assertThrows(IllegalArgumentException.class, () -> new LocalWindow(-1));
        assertThrows(IllegalArgumentException.class, () -> new LocalWindow(MAX + 1));
        LocalWindow full = new LocalWindow(MAX);
        full.receive(Integer.MAX_VALUE);
        full.receive(Integer.MAX_VALUE);
        full.receive(1);
        assertEquals(0, full.remaining());
        assertThrows(ProtocolException.class, () -> full.receive(1));
    }

    @Test
    void theLocalWindowNeverGrowsBeyondItsInitialSize() {
        // whatever the order of arrivals and reads, what the peer may send plus what it sent and
        // we have not given back is the initial window, and never more than the initial window
        qt().withExamples(EXAMPLES).forAll(integers().between(1, 1 << 20), longs().all())
                .checkAssert((initial, seed) -> {
                    SplittableRandom rnd = new SplittableRandom(seed);
                    LocalWindow w = new LocalWindow(initial);
                    long unread = 0;      // received, not yet taken by the application
                    long notGivenBack = 0; // taken, not yet announced in a WINDOW_ADJUST
                    for (int step = 0; step < 100; step++) {
                        if (rnd.nextBoolean() && w.remaining() > 0) {
                            int n = (int) (1 + rnd.nextLong(w.remaining()));
                            try {
                                w.receive(n);
                            } catch (ProtocolException e) {
                                throw new AssertionError(e);
                            }
                            unread += n;
                        } else if (unread > 0) {
                            long n = 1 + rnd.nextLong(unread);
                            unread -= n;
                            long adjust = w.release(n);
                            notGivenBack += n;
                            if (adjust > 0) {
                                assertEquals(notGivenBack, adjust);
                                assertTrue(adjust >= initial / 2, "adjust " + adjust + " below half of " + initial);
                                notGivenBack = 0;
                            }
                        }
                        assertEquals((long) initial, w.remaining() + unread + notGivenBack);
                        assertTrue(w.remaining() <= initial);
                    }
                    long over = w.remaining() + 1;
                    assertThrows(ProtocolException.class, () -> w.receive((int) over));
                    assertEquals((long) initial, w.remaining() + unread + notGivenBack, "a refused packet changes nothing");
                });
    }

    // ---- RemoteWindow -------------------------------------------------------------------------

    @Test
    void addingPast2To32Minus1IsAProtocolError() throws Exception {
        RemoteWindow w = new RemoteWindow(MAX - 0x10);
        w.add(0x10);
        assertEquals(MAX, w.available(), "exactly 2^32 - 1 is allowed");
        w.add(0);
        ProtocolException e = assertThrows(ProtocolException.class, () -> w.add(1));
        assertEquals(org.amiko.ssh.transport.DisconnectReason.PROTOCOL_ERROR, e.reason());
        assertEquals(MAX, w.available(), "a refused adjust changes nothing");

        RemoteWindow empty = new RemoteWindow(0);
        empty.add(MAX);
        assertEquals(MAX, empty.available());
        assertThrows(ProtocolException.class, () -> empty.add(MAX));
        assertEquals(Integer.MAX_VALUE, empty.reserve(Integer.MAX_VALUE, deadlineIn(WAIT)));
        empty.add(Integer.MAX_VALUE); // room again once we sent
        assertEquals(MAX, empty.available());
    }

    @Test
    void reserveTakesAtMostWhatIsAvailable() throws Exception {
        RemoteWindow w = new RemoteWindow(10);
        assertEquals(4, w.reserve(4, deadlineIn(WAIT)));
        assertEquals(6, w.available());
        assertEquals(6, w.reserve(100, deadlineIn(WAIT)));
        assertEquals(0, w.available());
        w.add(3);
        assertEquals(3, w.reserve(Integer.MAX_VALUE, deadlineIn(WAIT)));
        assertEquals(0, w.available());
    }

    @Test
    void reserveWithAnExpiredDeadlineReturnsZeroWithoutWaiting() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        long start = System.nanoTime();
        assertEquals(0, w.reserve(100, start - 1));
        assertEquals(0, w.reserve(100, start - TimeUnit.SECONDS.toNanos(60)));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "an expired deadline must not wait");
        // with bytes available, the deadline does not matter: nothing to wait for
        w.add(5);
        assertEquals(5, w.reserve(100, start - 1));
    }

    @Test
    void reserveWaitsUntilItsDeadline() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        long start = System.nanoTime();
        assertEquals(0, w.reserve(100, start + TimeUnit.MILLISECONDS.toNanos(100)));
        long waited = System.nanoTime() - start;
        assertTrue(waited >= TimeUnit.MILLISECONDS.toNanos(100), "returned after " + waited + " ns");
        assertTrue(waited < TimeUnit.SECONDS.toNanos(5), "returned after " + waited + " ns");
    }

    @Test
    void closeWakesAReserveWaitingOnAnotherThread() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        Blocked<Integer> reserve = Blocked.start("reserve", () -> w.reserve(100, deadlineIn(Duration.ofMinutes(5))));
        reserve.awaitWaiting();
        w.close("the test closed the channel");
        Throwable failure = reserve.failure(WAIT);
        ChannelClosedException e = assertInstanceOf(ChannelClosedException.class, failure);
        assertTrue(e.getMessage().contains("the test closed the channel"), e.getMessage());
        // and once closed, even an available window cannot be taken
        w.close("a second reason is ignored");
        RemoteWindow open = new RemoteWindow(7);
        open.close("closed with room left");
        ChannelClosedException again = assertThrows(ChannelClosedException.class, () -> open.reserve(7, deadlineIn(WAIT)));
        assertEquals("closed with room left", again.getMessage());
        assertEquals(7, open.available());
    }

    @Test
    void addWakesAReserveBlockedOnAnotherThread() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        Blocked<Integer> reserve = Blocked.start("reserve", () -> w.reserve(100, deadlineIn(Duration.ofMinutes(5))));
        reserve.awaitWaiting();
        assertFalse(reserve.result.isDone());
        w.add(7);
        assertEquals(7, reserve.value(WAIT));
        assertEquals(0, w.available());
    }

    @Test
    void severalBlockedReservesShareOneAdjust() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        Blocked<Integer> a = Blocked.start("reserve-a", () -> w.reserve(60, deadlineIn(Duration.ofMinutes(5))));
        Blocked<Integer> b = Blocked.start("reserve-b", () -> w.reserve(60, deadlineIn(Duration.ofMinutes(5))));
        a.awaitWaiting();
        b.awaitWaiting();
        w.add(100);
        // one of them takes 60, the other the remaining 40; nobody takes more than there was
        int first = a.value(WAIT);
        int second = b.value(WAIT);
        assertEquals(100, first + second);
        assertTrue(first == 60 || second == 60, first + " and " + second);
        assertEquals(0, w.available());
    }

    @Test
    void anInterruptedReserveIsAnInterruptedIoException() throws Exception {
        RemoteWindow w = new RemoteWindow(0);
        Blocked<Boolean> reserve = Blocked.start("reserve", () -> {
            try {
                w.reserve(1, deadlineIn(Duration.ofMinutes(5)));
                return false;
            } catch (InterruptedIOException e) {
                return Thread.currentThread().isInterrupted();
            }
        });
        reserve.awaitWaiting();
        reserve.thread.interrupt();
        assertTrue(reserve.value(WAIT), "the interrupt flag is kept");
    }

    private static long deadlineIn(Duration d) {
        return System.nanoTime() + d.toNanos();
    }
}
