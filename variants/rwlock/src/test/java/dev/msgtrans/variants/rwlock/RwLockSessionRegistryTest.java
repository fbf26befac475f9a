package dev.msgtrans.variants.rwlock;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RwLockSessionRegistryTest {

    @Test
    void concurrentWritersLoseNoWriteWhileReadersIterate() throws Exception {
        // The original's map workload: 10 writers x 1,000 inserts, 5 readers.
        RwLockSessionRegistry<Long> r = new RwLockSessionRegistry<>(0); // start small: force resizes under readers
        int writers = 10;
        int perWriter = 1_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong badReads = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            long base = (long) w * perWriter;
            threads.add(new Thread(() -> {
                for (long k = base; k < base + perWriter; k++) {
                    assertNull(r.putIfAbsent(k, k));
                }
            }));
        }
        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readers.add(new Thread(() -> {
                while (writing.get()) {
                    for (long k = 0; k < writers * perWriter; k += 97) {
                        Long v = r.get(k);
                        if (v != null && v != k) {
                            badReads.incrementAndGet();
                        }
                    }
                    r.forEach(v -> {
                        if (v < 0) {
                            badReads.incrementAndGet();
                        }
                    });
                }
            }));
        }
        readers.forEach(Thread::start);
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        writing.set(false);
        for (Thread t : readers) {
            t.join();
        }
        assertEquals(0, badReads.get());
        assertEquals(writers * perWriter, r.size());
        long[] sum = {0};
        r.forEach(v -> sum[0] += v);
        long n = (long) writers * perWriter;
        assertEquals(n * (n - 1) / 2, sum[0]);
    }
}
