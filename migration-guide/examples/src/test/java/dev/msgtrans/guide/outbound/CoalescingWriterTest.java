package dev.msgtrans.guide.outbound;

import dev.msgtrans.core.spi.Variants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The writer/I-O-thread protocol on both queue variants: writers race, one I/O thread drains when woken; every frame
 * arrives exactly once, in each writer's order, and the wake-ups are coalesced (never more than the frames).
 */
class CoalescingWriterTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mutex", "lockfree"})
    void everyFrameOnceInWriterOrderWithCoalescedWakeups(String alias) throws Exception {
        int writers = 3;
        int each = 5_000;
        Semaphore woken = new Semaphore(0);
        CoalescingWriter<long[]> w = new CoalescingWriter<>(Variants.get(alias), writers * each, woken::release);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < writers; t++) {
            long writer = t;
            Thread th = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (long i = 0; i < each; i++) {
                    assertTrue(w.write(new long[] {writer, i}), "room for every frame");
                }
            });
            th.start();
            threads.add(th);
        }
        start.countDown();

        long[] next = new long[writers];
        int drained = 0;
        while (drained < writers * each) { // the I/O thread: sleeps until woken, then flushes
            // a liveness bound, not a timing: a lost wake-up (or a writer that died) fails here instead of hanging
            if (!woken.tryAcquire(30, TimeUnit.SECONDS)) {
                fail("no wake-up within 30 s with " + drained + " of " + writers * each + " frames drained");
            }
            drained += w.flush(frame -> {
                int writer = (int) frame[0];
                assertEquals(next[writer], frame[1], "writer " + writer + "'s order");
                next[writer]++;
            }, 64);
        }
        for (Thread th : threads) {
            th.join();
        }
        for (long n : next) {
            assertEquals(each, n);
        }
        assertEquals(0, w.flush(frame -> { }, 64), "nothing left, nothing stranded");
        assertTrue(w.wakeups() >= 1 && w.wakeups() <= (long) writers * each, "wake-ups: " + w.wakeups());
    }
}
