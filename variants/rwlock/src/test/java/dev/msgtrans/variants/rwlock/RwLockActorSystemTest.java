package dev.msgtrans.variants.rwlock;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.variants.mutex.MutexDispatch;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RwLockActorSystemTest {

    /**
     * Tellers look actors up under the read lock while another thread stops and respawns them under the write lock.
     * Conservation: every accepted message is either processed or discarded at a stop, and every spawned actor gets
     * exactly one onStop.
     */
    @Test
    void messagesAreConservedAndEveryActorStopsOnceUnderSpawnStopChurn() throws Exception {
        int actors = 8;
        MutexDispatch dispatch = new MutexDispatch("rwlock-actors-test", 2, 1024);
        RwLockActorSystem<Integer> system = new RwLockActorSystem<>(dispatch, 16);
        AtomicInteger spawned = new AtomicInteger();
        Semaphore stops = new Semaphore(0);
        ActorSystem.Behavior<Integer> behavior = new ActorSystem.Behavior<>() {
            @Override
            public void onMessage(long actorId, Integer message) {
            }

            @Override
            public void onStop(long actorId) {
                stops.release();
            }
        };
        for (int a = 0; a < actors; a++) {
            assertTrue(system.spawn(a, behavior));
            spawned.incrementAndGet();
        }
        LongAdder accepted = new LongAdder();
        LongAdder full = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread[] tellers = new Thread[2];
        for (int i = 0; i < tellers.length; i++) {
            tellers[i] = new Thread(() -> {
                for (int m = 0; m < 20_000; m++) {
                    Delivery d = system.tell(m % actors, m);
                    if (d == Delivery.ACCEPTED) {
                        accepted.increment();
                    } else if (d == Delivery.MAILBOX_FULL) {
                        full.increment();
                    }
                }
            });
        }
        Thread churn = new Thread(() -> {
            for (int i = 0; running.get(); i++) {
                long id = i % actors;
                if (system.stop(id) && system.spawn(id, behavior)) {
                    spawned.incrementAndGet();
                }
            }
        });
        churn.start();
        for (Thread t : tellers) {
            t.start();
        }
        for (Thread t : tellers) {
            t.join();
        }
        running.set(false);
        churn.join();
        system.close();
        assertTrue(stops.tryAcquire(spawned.get(), 60, TimeUnit.SECONDS), "one onStop per spawned actor");
        dispatch.close();
        assertEquals(0, stops.availablePermits(), "no actor stopped twice");
        assertEquals(accepted.sum() + full.sum(), system.processed() + system.dropped());
        assertEquals(Delivery.CLOSED, system.tell(0, 1));
    }
}
