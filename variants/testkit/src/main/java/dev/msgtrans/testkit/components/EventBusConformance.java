package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link EventBus}: demand, the per-subscriber bound, drop counting and completion on close from one publisher;
 * and with several publishers, a fast and a slow subscriber: serial {@code onNext} within demand, each publisher's
 * events in order and at most once, and every event either delivered or counted as dropped for each subscriber.
 * The SPI counts drops over all subscribers, so the books are balanced over subscribers: received + dropped ==
 * published x subscribers. And, single-threaded, that a warm publish allocates nothing, however many subscribers it
 * wakes.
 */
public final class EventBusConformance {

    private static final long WAIT_SECONDS = 30;

    private EventBusConformance() {
    }

    /** Records what it receives and every breach of the Flow rules it can observe. */
    static final class Recorder implements Flow.Subscriber<Long> {
        private final long initialRequest;
        private final int batch;
        private final long[] lastSeq;
        private final AtomicInteger inside = new AtomicInteger();
        private final AtomicLong requested = new AtomicLong();
        final AtomicReference<String> violation = new AtomicReference<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CountDownLatch subscribed = new CountDownLatch(1);
        final CountDownLatch terminated = new CountDownLatch(1);
        final List<Long> received = new ArrayList<>(); // written by serial onNext calls, read after terminated
        volatile Flow.Subscription subscription;

        /** @param batch if positive, requests this many more each time the previous batch is consumed */
        Recorder(int publishers, long initialRequest, int batch) {
            this.initialRequest = initialRequest;
            this.batch = batch;
            this.lastSeq = new long[publishers];
            java.util.Arrays.fill(lastSeq, -1);
        }

        void request(long n) {
            requested.getAndUpdate(r -> r + n < 0 ? Long.MAX_VALUE : r + n);
            subscription.request(n);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
            if (initialRequest > 0) {
                request(initialRequest);
            }
        }

        @Override
        public void onNext(Long item) {
            if (inside.incrementAndGet() != 1) {
                violation.compareAndSet(null, "concurrent onNext calls");
            }
            received.add(item);
            if (received.size() > requested.get()) {
                violation.compareAndSet(null, "onNext number " + received.size() + " beyond the demand of " + requested.get());
            }
            int p = Sequenced.producer(item);
            int s = Sequenced.seq(item);
            if (s <= lastSeq[p]) {
                violation.compareAndSet(null, "publisher " + p + ": seq " + s + " after " + lastSeq[p] + " (duplicated or reordered)");
            }
            lastSeq[p] = s;
            inside.decrementAndGet();
            if (batch > 0 && received.size() % batch == 0) {
                request(batch);
            }
        }

        @Override
        public void onError(Throwable t) {
            error.set(t);
            terminated.countDown();
        }

        @Override
        public void onComplete() {
            terminated.countDown();
        }

        void awaitTerminated(String check) throws InterruptedException {
            assertTrue(terminated.await(WAIT_SECONDS, TimeUnit.SECONDS), check + ": subscriber never completed");
        }
    }

    public static void contract(Variant v) throws InterruptedException {
        try (Dispatch d = v.newDispatch("conformance-events", 2, 64)) {
            EventBus<Long> bus = v.newEventBus(d, 8);
            Recorder fast = new Recorder(1, Long.MAX_VALUE, 0);
            Recorder idle = new Recorder(1, 0, 0);
            bus.subscribe(fast);
            bus.subscribe(idle);
            assertTrue(fast.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS) && idle.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS), "onSubscribe");
            assertEquals(2, bus.subscribers());
            long buffered = 0;
            for (int s = 0; s < 20; s++) {
                buffered += bus.publish(Sequenced.of(0, s));
            }
            assertEquals(40, buffered + bus.dropped(), "every event is buffered or counted as dropped, per subscriber");
            idle.request(Long.MAX_VALUE);
            bus.close();
            fast.awaitTerminated("events-contract");
            idle.awaitTerminated("events-contract");
            assertNull(fast.error.get());
            assertNull(idle.error.get());
            assertNull(fast.violation.get(), fast.violation.get());
            assertNull(idle.violation.get(), idle.violation.get());
            List<Long> first8 = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                first8.add(Sequenced.of(0, s));
            }
            assertEquals(first8, idle.received, "a subscriber without demand buffers the first 8 (its capacity), drops the rest, and gets them on demand before completion");
            assertEquals(buffered, fast.received.size() + idle.received.size(), "everything buffered is delivered before completion");
            assertEquals(buffered, bus.delivered());

            EventBus<Long> bus2 = v.newEventBus(d, 8);
            Recorder bad = new Recorder(1, 0, 0);
            bus2.subscribe(bad);
            assertTrue(bad.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS));
            bad.subscription.request(0);
            bad.awaitTerminated("events-contract");
            assertInstanceOf(IllegalArgumentException.class, bad.error.get(), "request(0) signals onError (Reactive Streams rule 3.9)");
            bus2.close();
        }
    }

    /**
     * Publishers publish sequenced events at once to a fast subscriber (unbounded demand) and a slow one (demand in
     * batches of 4, buffer of 32, so it drops). After close, the books must balance.
     */
    public static void deliveredOrCounted(Variant v, StressLoad load) throws InterruptedException {
        String check = "events-delivered-or-counted[" + v.alias() + "]";
        int publishers = load.threads();
        int m = load.opsPerThread();
        try (Dispatch d = v.newDispatch("conformance-events", 2, 64)) {
            EventBus<Long> bus = v.newEventBus(d, 32);
            Recorder fast = new Recorder(publishers, Long.MAX_VALUE, 0);
            Recorder slow = new Recorder(publishers, 4, 4);
            bus.subscribe(fast);
            bus.subscribe(slow);
            assertTrue(fast.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS) && slow.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS), check + ": onSubscribe");
            AtomicLong buffered = new AtomicLong();
            Contenders.run(check, publishers, load.deadlineNanos(), (i, race) -> {
                long mine = 0;
                for (int s = 0; s < m; s++) {
                    mine += bus.publish(Sequenced.of(i, s));
                }
                buffered.addAndGet(mine);
            });
            bus.close();
            fast.awaitTerminated(check);
            slow.awaitTerminated(check);
            for (Recorder r : List.of(fast, slow)) {
                assertNull(r.error.get(), check + ": onError " + r.error.get());
                assertNull(r.violation.get(), check + ": " + r.violation.get());
            }
            assertTrue(fast.received.size() > 0 && slow.received.size() > 0, check + ": a subscriber received nothing");
            long received = fast.received.size() + slow.received.size();
            assertEquals(2L * publishers * m, received + bus.dropped(), check + ": received + dropped vs published x subscribers");
            assertEquals(buffered.get(), received, check + ": buffered (sum of publish results) vs received");
            assertEquals(received, bus.delivered(), check + ": delivered()");
        }
    }

    /**
     * A publish allocates nothing once the subscribers' buffers have grown to what the load needs: with three
     * subscribers of unbounded demand on a dispatch that runs each drain on the publishing thread, every publish
     * wakes all three (the case where a bus that wakes after releasing its lock might collect them in a list), and
     * the bytes the publishing thread allocates over many publishes, warm, must stay below one byte per publish. Read
     * with {@code com.sun.management.ThreadMXBean}: exact per thread, no timing involved.
     */
    public static void publishAllocatesNothing(Variant v) {
        java.lang.management.ThreadMXBean tmx = java.lang.management.ManagementFactory.getThreadMXBean();
        if (!(tmx instanceof com.sun.management.ThreadMXBean threads) || !threads.isThreadAllocatedMemorySupported()) {
            org.junit.jupiter.api.Assumptions.abort("this JVM does not report thread allocation");
            return;
        }
        threads.setThreadAllocatedMemoryEnabled(true);
        int subscribers = 3;
        int publishes = 20_000;
        Long[] events = new Long[publishes];
        for (int i = 0; i < publishes; i++) {
            events[i] = 1_000L + i; // boxed beforehand, outside the measurement
        }
        CallerRunsDispatch d = new CallerRunsDispatch();
        EventBus<Long> bus = v.newEventBus(d, 64);
        Counting[] subs = new Counting[subscribers];
        for (int i = 0; i < subscribers; i++) {
            subs[i] = new Counting();
            bus.subscribe(subs[i]);
        }
        for (int round = 0; round < 3; round++) { // warm: class initialisation, buffer growth, compilation
            for (Long e : events) {
                bus.publish(e);
            }
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        int buffered = 0;
        for (Long e : events) {
            buffered += bus.publish(e);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(subscribers * publishes, buffered, v.alias() + ": every publish buffered for every subscriber");
        for (Counting c : subs) {
            assertEquals(4L * publishes, c.received, v.alias() + ": every event delivered on the publishing thread");
        }
        assertTrue(allocated < publishes, v.alias() + ": " + allocated + " bytes allocated by " + publishes
                + " publishes that each wake " + subscribers + " subscribers");
        bus.close();
    }

    /** Requests everything; counts on the thread that delivers (here the test thread). */
    private static final class Counting implements Flow.Subscriber<Long> {
        long received;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Long item) {
            received++;
        }

        @Override
        public void onError(Throwable t) {
            throw new AssertionError("onError", t);
        }

        @Override
        public void onComplete() {
        }
    }

    /** Runs each task at once on the calling thread, so a publish's wakes deliver before it returns. */
    private static final class CallerRunsDispatch implements Dispatch {
        private long executed;

        @Override
        public void execute(Runnable task) {
            executed++;
            task.run();
        }

        @Override
        public int workers() {
            return 1;
        }

        @Override
        public long executed() {
            return executed;
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public void close() {
        }
    }
}
