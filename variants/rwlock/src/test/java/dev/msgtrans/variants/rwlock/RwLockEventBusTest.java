package dev.msgtrans.variants.rwlock;

import dev.msgtrans.core.spi.Dispatch;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RwLockEventBusTest {

    /** Runs each task on the calling thread: publish delivers before it returns, which makes outcomes exact. */
    private static final class CallerRuns implements Dispatch {
        long executed;

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

    /** Requests {@code demand} up front; cancels itself after {@code cancelAfter} items. */
    private static final class Subscriber implements Flow.Subscriber<Integer> {
        final long demand;
        final int cancelAfter;
        final List<Object> seen = new ArrayList<>();
        Flow.Subscription s;

        Subscriber(long demand, int cancelAfter) {
            this.demand = demand;
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.s = s;
            s.request(demand);
        }

        @Override
        public void onNext(Integer item) {
            seen.add(item);
            if (seen.size() == cancelAfter) {
                s.cancel();
            }
        }

        @Override
        public void onError(Throwable t) {
            seen.add(t);
        }

        @Override
        public void onComplete() {
            seen.add("complete");
        }
    }

    @Test
    void aSubscriberThatCancelsInsideOnNextLeavesTheOthersUntouched() {
        RwLockEventBus<Integer> bus = new RwLockEventBus<>(new CallerRuns(), 8);
        Subscriber quitter = new Subscriber(Long.MAX_VALUE, 3);
        Subscriber stayer = new Subscriber(Long.MAX_VALUE, -1);
        bus.subscribe(quitter);
        bus.subscribe(stayer);
        assertEquals(2, bus.subscribers());
        int buffered = 0;
        for (int i = 0; i < 5; i++) {
            buffered += bus.publish(i);
        }
        assertEquals(List.of(0, 1, 2), quitter.seen);
        assertEquals(List.of(0, 1, 2, 3, 4), stayer.seen);
        assertEquals(1, bus.subscribers());
        assertEquals(3 + 5, buffered);
        assertEquals(8, bus.delivered());
        bus.close();
        assertEquals(List.of(0, 1, 2, 3, 4, "complete"), stayer.seen);
        assertEquals(0, bus.publish(9));
    }

    @Test
    void demandLimitsDeliveryAndTheBufferBoundsTheRest() {
        RwLockEventBus<Integer> bus = new RwLockEventBus<>(new CallerRuns(), 2);
        Subscriber two = new Subscriber(2, -1);
        bus.subscribe(two);
        for (int i = 0; i < 6; i++) {
            bus.publish(i);
        }
        assertEquals(List.of(0, 1), two.seen, "only what was requested");
        assertEquals(2, bus.dropped(), "2 delivered, 2 buffered, 2 dropped");
        two.s.request(-1);
        assertEquals(3, two.seen.size());
        assertInstanceOf(IllegalArgumentException.class, two.seen.get(2));
        assertEquals(4, bus.dropped(), "the buffered rest is counted when the bad request cancels");
        assertEquals(0, bus.subscribers());
    }
}
