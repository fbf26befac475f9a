package dev.msgtrans.variants.mutex;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexDispatchTest {

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix + "-"))
                .count();
    }

    @Test
    void closeRunsWhatWasQueuedJoinsTheWorkersAndRejectsLaterTasks() throws Exception {
        String name = "dispatch-close-test";
        MutexDispatch d = new MutexDispatch(name, 2, 64);
        assertEquals(2, liveThreadsNamed(name));
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(name + "-")).allMatch(Thread::isDaemon));
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            d.execute(() -> {
                await(gate);
                ran.incrementAndGet();
            });
        }
        for (int i = 0; i < 20; i++) {
            d.execute(ran::incrementAndGet);
        }
        Thread closer = new Thread(d::close);
        closer.start();
        gate.countDown();
        closer.join();
        assertEquals(22, ran.get(), "queued tasks ran before the workers stopped");
        assertEquals(22, d.executed());
        assertEquals(0, liveThreadsNamed(name), "close joined every worker");
        assertThrows(RejectedExecutionException.class, () -> d.execute(ran::incrementAndGet));
        d.close(); // idempotent
    }

    @Test
    void aThrowingTaskIsCountedAndDoesNotKillItsWorker() throws Exception {
        String name = "dispatch-throw-test";
        MutexDispatch d = new MutexDispatch(name, 1, 8);
        try {
            CountDownLatch handled = new CountDownLatch(1);
            d.execute(() -> {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> handled.countDown());
                throw new IllegalStateException("task failure");
            });
            CountDownLatch after = new CountDownLatch(1);
            d.execute(after::countDown);
            assertTrue(handled.await(60, TimeUnit.SECONDS), "reported to the worker's handler");
            assertTrue(after.await(60, TimeUnit.SECONDS), "the same single worker ran the next task");
            assertEquals(1, d.failures());
            assertEquals(1, liveThreadsNamed(name));
        } finally {
            d.close();
        }
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
