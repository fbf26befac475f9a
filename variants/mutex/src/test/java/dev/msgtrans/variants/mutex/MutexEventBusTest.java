package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Tuning;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MutexEventBusTest {

    /** Records every signal in order; the manual dispatch calls it on the test thread. */
    static final class Probe implements Flow.Subscriber<Integer> {
        final List<String> signals = new ArrayList<>();
        final List<Integer> items = new ArrayList<>();
        Flow.Subscription subscription;
        Throwable error;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            signals.add("subscribe");
            subscription = s;
        }

        @Override
        public void onNext(Integer item) {
            signals.add("next");
            items.add(item);
        }

        @Override
        public void onError(Throwable t) {
            signals.add("error");
            error = t;
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    private final ManualDispatch d = new ManualDispatch();

    private Probe subscribe(MutexEventBus<Integer> bus) {
        Probe p = new Probe();
        bus.subscribe(p);
        d.runAll();
        return p;
    }

    @Test
    void onSubscribeComesFirstAndRequestIsHonouredExactly() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 100);
        Probe p = subscribe(bus);
        assertEquals(List.of("subscribe"), p.signals);
        for (int i = 0; i < 10; i++) {
            assertEquals(1, bus.publish(i));
        }
        d.runAll();
        assertEquals(List.of(), p.items, "no demand, no onNext");
        p.subscription.request(3);
        d.runAll();
        assertEquals(List.of(0, 1, 2), p.items);
        p.subscription.request(2);
        d.runAll();
        assertEquals(List.of(0, 1, 2, 3, 4), p.items);
        assertEquals(5, bus.delivered());
    }

    @Test
    void aSlowSubscriberDropsBeyondItsBufferAndEveryDropIsCounted() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 4);
        Probe slow = subscribe(bus);
        Probe fast = subscribe(bus);
        fast.subscription.request(Long.MAX_VALUE);
        int buffered = 0;
        for (int i = 0; i < 10; i++) {
            buffered += bus.publish(i);
            d.runAll(); // the fast one keeps up, the slow one never requests
        }
        assertEquals(10 + 4, buffered);
        assertEquals(6, bus.dropped());
        slow.subscription.request(100);
        d.runAll();
        assertEquals(List.of(0, 1, 2, 3), slow.items, "the oldest were kept, the newest dropped");
        assertEquals(10, fast.items.size());
        assertEquals(14, bus.delivered());
    }

    @Test
    void aRunDeliversAtMostOneBatch() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 100);
        Probe p = subscribe(bus);
        for (int i = 0; i < 40; i++) {
            bus.publish(i);
        }
        p.subscription.request(Long.MAX_VALUE);
        d.runOne();
        assertEquals(Tuning.EVENT_BATCH, p.items.size());
        d.runAll();
        assertEquals(40, p.items.size());
    }

    @Test
    void nonPositiveRequestSignalsIllegalArgumentAndCancels() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 10);
        Probe p = subscribe(bus);
        bus.publish(1);
        p.subscription.request(0);
        d.runAll();
        assertEquals(List.of("subscribe", "error"), p.signals);
        assertInstanceOf(IllegalArgumentException.class, p.error);
        assertEquals(0, bus.subscribers());
        assertEquals(1, bus.dropped(), "the buffered event is counted as dropped");
        assertEquals(0, bus.publish(2));
    }

    @Test
    void cancelStopsDeliveryCountsTheBufferedRestAndRemovesTheSubscriber() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 10);
        Probe p = subscribe(bus);
        bus.publish(1);
        bus.publish(2);
        assertEquals(1, bus.subscribers());
        p.subscription.cancel();
        p.subscription.cancel();
        p.subscription.request(5);
        d.runAll();
        assertEquals(List.of("subscribe"), p.signals);
        assertEquals(0, bus.subscribers());
        assertEquals(2, bus.dropped());
    }

    @Test
    void closeCompletesAfterTheBufferIsDelivered() {
        MutexEventBus<Integer> bus = new MutexEventBus<>(d, 10);
        Probe p = subscribe(bus);
        bus.publish(1);
        bus.publish(2);
        bus.close();
        d.runAll();
        assertEquals(List.of("subscribe"), p.signals, "waits for demand before completing");
        p.subscription.request(1);
        d.runAll();
        assertEquals(List.of("subscribe", "next"), p.signals);
        p.subscription.request(1);
        d.runAll();
        assertEquals(List.of("subscribe", "next", "next", "complete"), p.signals);
        assertEquals(0, bus.publish(3));

        Probe late = subscribe(bus);
        assertEquals(List.of("subscribe", "complete"), late.signals);
    }

    @Test
    void concurrentPublishersKeepTheirOwnOrder() throws Exception {
        int perPublisher = 5_000;
        MutexDispatch dispatch = new MutexDispatch("bus-test", 2, 16);
        try {
            MutexEventBus<Integer> bus = new MutexEventBus<>(dispatch, 2 * perPublisher);
            CountDownLatch done = new CountDownLatch(2 * perPublisher);
            int[] last = {-1, -1};
            int[] disorder = {0};
            bus.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Integer item) {
                    int publisher = item & 1; // signals are serial, so plain fields are safe here
                    if (item <= last[publisher]) {
                        disorder[0]++;
                    }
                    last[publisher] = item;
                    done.countDown();
                }

                @Override
                public void onError(Throwable t) {
                }

                @Override
                public void onComplete() {
                }
            });
            Thread[] publishers = new Thread[2];
            for (int p = 0; p < 2; p++) {
                int parity = p;
                publishers[p] = new Thread(() -> {
                    for (int i = 0; i < perPublisher; i++) {
                        bus.publish(2 * i + parity);
                    }
                });
                publishers[p].start();
            }
            for (Thread t : publishers) {
                t.join();
            }
            assertTrue(done.await(60, TimeUnit.SECONDS));
            assertEquals(0, disorder[0]);
            dispatch.close(); // joins the workers: the counter is bumped after onNext returns
            assertEquals(0, bus.dropped());
            assertEquals(2L * perPublisher, bus.delivered());
        } finally {
            dispatch.close();
        }
    }
}
