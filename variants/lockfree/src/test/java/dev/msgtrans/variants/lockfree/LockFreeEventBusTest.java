package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LockFreeEventBusTest {

    private final LockFreeDispatch dispatch = new LockFreeDispatch("lf-events-test", 2, 1024);

    @AfterEach
    void closeDispatch() {
        dispatch.close();
    }

    /** Records every signal in order and checks they never overlap. */
    static class Recorder<E> implements Flow.Subscriber<E> {
        final List<Object> signals = new CopyOnWriteArrayList<>();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicBoolean overlap = new AtomicBoolean();
        final CountDownLatch terminated = new CountDownLatch(1);
        final long initialRequest;
        volatile Flow.Subscription subscription;
        volatile Throwable error;

        Recorder(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        private void enter() {
            if (inside.incrementAndGet() != 1) {
                overlap.set(true);
            }
        }

        private void exit() {
            inside.decrementAndGet();
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            enter();
            signals.add("subscribe");
            subscription = s;
            if (initialRequest != 0) {
                s.request(initialRequest);
            }
            exit();
        }

        @Override
        public void onNext(E item) {
            enter();
            signals.add(item);
            handle(item);
            exit();
        }

        void handle(E item) {
        }

        @Override
        public void onError(Throwable t) {
            enter();
            error = t;
            signals.add("error");
            exit();
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            enter();
            signals.add("complete");
            exit();
            terminated.countDown();
        }

        void awaitTerminated() throws InterruptedException {
            assertTrue(terminated.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS), "no terminal signal");
        }

        long items() {
            return signals.stream().filter(s -> !(s instanceof String)).count();
        }
    }

    @Test
    void onSubscribeFirstThenDemandBoundedDeliveryThenCompleteOnClose() throws Exception {
        LockFreeEventBus<Integer> bus = new LockFreeEventBus<>(dispatch, 16);
        Recorder<Integer> r = new Recorder<>(2);
        bus.subscribe(r);
        assertEquals("subscribe", r.signals.get(0));
        assertEquals(1, bus.subscribers());
        for (int i = 0; i < 5; i++) {
            assertEquals(1, bus.publish(i));
        }
        // delivered() is bumped after the batch's onNext calls return, so wait for both, not for the items alone.
        Concurrently.await("two delivered and counted", () -> r.items() == 2 && bus.delivered() == 2);
        assertEquals(2, r.items(), "no more than requested");
        bus.close();
        assertEquals(0, bus.publish(99), "nothing is buffered after close");
        assertFalse(r.terminated.await(50, TimeUnit.MILLISECONDS), "complete waits for buffered events");
        r.subscription.request(10);
        r.awaitTerminated();
        assertEquals(List.of("subscribe", 0, 1, 2, 3, 4, "complete"), r.signals);
        assertEquals(5, bus.delivered());
        assertEquals(0, bus.subscribers());
        assertFalse(r.overlap.get());
    }

    @Test
    void nonPositiveRequestSignalsIllegalArgument() throws Exception {
        LockFreeEventBus<Integer> bus = new LockFreeEventBus<>(dispatch, 4);
        Recorder<Integer> r = new Recorder<>(0);
        bus.subscribe(r);
        r.subscription.request(0);
        r.awaitTerminated();
        assertInstanceOf(IllegalArgumentException.class, r.error);
        assertEquals(0, bus.subscribers());
    }

    @Test
    void requestInsideOnSubscribeIsNotDeliveredConcurrentlyWithIt() throws Exception {
        LockFreeEventBus<Integer> bus = new LockFreeEventBus<>(dispatch, 4);
        Recorder<Integer> r = new Recorder<>(-1); // rule 3.9 violation from inside onSubscribe
        bus.subscribe(r);
        r.awaitTerminated();
        assertEquals(List.of("subscribe", "error"), r.signals);
        assertFalse(r.overlap.get());
    }

    @Test
    void cancelRemovesTheSubscriberAndCountsWhatWasBufferedAsDropped() throws Exception {
        LockFreeEventBus<Integer> bus = new LockFreeEventBus<>(dispatch, 8);
        Recorder<Integer> r = new Recorder<>(0);
        bus.subscribe(r);
        for (int i = 0; i < 3; i++) {
            bus.publish(i);
        }
        r.subscription.cancel();
        assertEquals(0, bus.subscribers());
        Concurrently.await("buffer discarded and counted", () -> bus.dropped() == 3);
        assertEquals(0, bus.publish(4));
        assertEquals(0, bus.delivered());
        assertEquals(List.of("subscribe"), r.signals);
    }

    @Test
    void subscribeAfterCloseCompletesAtOnceAndNullIsRefused() throws Exception {
        LockFreeEventBus<Integer> bus = new LockFreeEventBus<>(dispatch, 4);
        bus.close();
        Recorder<Integer> r = new Recorder<>(1);
        bus.subscribe(r);
        r.awaitTerminated();
        assertEquals(List.of("subscribe", "complete"), r.signals);
        assertThrows(NullPointerException.class, () -> bus.subscribe(null));
    }

    /**
     * A slow subscriber beside a fast one, two publishing threads: drops are counted, each subscriber gets its
     * events in per-publisher order, and published == delivered + dropped summed over subscribers.
     */
    @Test
    void slowSubscriberDropsAreCountedAndConserved() throws Exception {
        LockFreeEventBus<int[]> bus = new LockFreeEventBus<>(dispatch, 32);
        CountDownLatch unblock = new CountDownLatch(1);
        int publishers = 2;
        int perPublisher = 10_000;
        class Ordered extends Recorder<int[]> {
            final int[] next = new int[publishers];
            final AtomicBoolean disorder = new AtomicBoolean();
            final boolean slow;
            int seen;

            Ordered(boolean slow) {
                super(slow ? 1 : Long.MAX_VALUE);
                this.slow = slow;
            }

            @Override
            void handle(int[] e) {
                if (e[1] < next[e[0]]) {
                    disorder.set(true);
                }
                next[e[0]] = e[1] + 1;
                if (slow && seen++ == 0) {
                    try {
                        unblock.await();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (slow) {
                    subscription.request(1);
                }
            }
        }
        Ordered fast = new Ordered(false);
        Ordered slow = new Ordered(true);
        bus.subscribe(fast);
        bus.subscribe(slow);
        AtomicInteger buffered = new AtomicInteger();
        Concurrently.run(publishers, p -> {
            for (int i = 0; i < perPublisher; i++) {
                buffered.addAndGet(bus.publish(new int[] {p, i}));
            }
        });
        unblock.countDown();
        bus.close();
        fast.awaitTerminated();
        slow.awaitTerminated();
        long published = (long) publishers * perPublisher;
        assertTrue(slow.items() < published && bus.dropped() > 0, "the slow subscriber dropped");
        assertEquals(2 * published, bus.delivered() + bus.dropped(), "published == delivered + dropped, per subscriber");
        assertEquals(fast.items() + slow.items(), bus.delivered());
        assertEquals(buffered.get(), bus.delivered());
        assertFalse(fast.disorder.get() || slow.disorder.get(), "a publisher's events were reordered");
        assertFalse(fast.overlap.get() || slow.overlap.get(), "onNext calls overlapped");
    }
}
