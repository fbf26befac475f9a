package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Tuning;
import dev.msgtrans.core.spi.Variant;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared {@link Tuning} batches, honoured by every variant: an actor run hands at most
 * {@link Tuning#ACTOR_BATCH} messages to its behavior and a subscription run at most {@link Tuning#EVENT_BATCH}
 * events to {@code onNext}, each then giving its worker back. Checked by counting runs on a {@link SteppedDispatch},
 * which runs one queued task at a time on the test thread: N messages told to an idle actor before its first run
 * take exactly ceil(N / ACTOR_BATCH) runs, and N events published to an idle subscriber with unbounded demand take
 * exactly ceil(N / EVENT_BATCH) runs, with the counters complete once the last run has returned. A variant with a
 * larger batch needs fewer runs, one with a smaller batch more, so either fails.
 */
public final class TuningConformance {

    /** Not a multiple of either batch, so the last run is a partial one. */
    private static final int BATCHES = 3;

    private TuningConformance() {
    }

    public static void actorBatch(Variant v) {
        int n = BATCHES * Tuning.ACTOR_BATCH + 5;
        SteppedDispatch d = new SteppedDispatch();
        ActorSystem<Integer> sys = v.newActorSystem(d, n);
        List<Integer> handled = new ArrayList<>(); // the behavior runs on this thread, serially
        List<Integer> runOfMessage = new ArrayList<>();
        assertTrue(sys.spawn(1, (id, m) -> {
            handled.add(m);
            runOfMessage.add(d.runs());
        }));
        for (int i = 0; i < n; i++) {
            assertEquals(Delivery.ACCEPTED, sys.tell(1, i));
        }
        assertEquals(1, d.queued(), v.alias() + ": tells to an idle actor schedule one run");
        int runs = d.runUntilIdle();
        assertEquals(n, handled.size(), v.alias() + ": every message handled");
        for (int i = 0; i < n; i++) {
            assertEquals(i, handled.get(i), v.alias() + ": order");
        }
        assertEquals(ceilDiv(n, Tuning.ACTOR_BATCH), runs,
                v.alias() + ": runs for " + n + " queued messages with ACTOR_BATCH " + Tuning.ACTOR_BATCH
                        + " (messages per run: " + perRun(runOfMessage) + ")");
        assertEquals(n, sys.processed(), v.alias() + ": processed() once the actor is idle");
        sys.close();
        d.runUntilIdle();
        d.close();
    }

    public static void eventBatch(Variant v) {
        int n = BATCHES * Tuning.EVENT_BATCH + 5;
        SteppedDispatch d = new SteppedDispatch();
        EventBus<Integer> bus = v.newEventBus(d, n);
        Unbounded s = new Unbounded(d);
        bus.subscribe(s);
        d.runUntilIdle(); // onSubscribe, wherever the variant delivers it, and its request
        assertTrue(s.subscribed, v.alias() + ": onSubscribe");
        for (int i = 0; i < n; i++) {
            assertEquals(1, bus.publish(i), v.alias() + ": buffered");
        }
        int runs = d.runUntilIdle();
        assertEquals(n, s.received.size(), v.alias() + ": every event delivered");
        for (int i = 0; i < n; i++) {
            assertEquals(i, s.received.get(i), v.alias() + ": order");
        }
        assertEquals(ceilDiv(n, Tuning.EVENT_BATCH), runs,
                v.alias() + ": runs for " + n + " buffered events with EVENT_BATCH " + Tuning.EVENT_BATCH
                        + " (events per run: " + perRun(s.runOfEvent) + ")");
        assertEquals(n, bus.delivered(), v.alias() + ": delivered() once the subscription is idle");
        assertEquals(0, bus.dropped(), v.alias() + ": dropped()");
        bus.close();
        d.runUntilIdle();
        assertTrue(s.completed, v.alias() + ": onComplete after close");
        assertNull(s.error, v.alias() + ": onError " + s.error);
        d.close();
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /** How many items each run handled, for the failure message. */
    private static List<Integer> perRun(List<Integer> runOfItem) {
        List<Integer> counts = new ArrayList<>();
        int run = -1;
        for (int r : runOfItem) {
            if (r != run) {
                counts.add(0);
                run = r;
            }
            counts.set(counts.size() - 1, counts.get(counts.size() - 1) + 1);
        }
        return counts;
    }

    /** Requests everything in {@code onSubscribe}; records on the test thread, where the stepped dispatch runs. */
    private static final class Unbounded implements Flow.Subscriber<Integer> {
        private final SteppedDispatch dispatch;
        final List<Integer> received = new ArrayList<>();
        final List<Integer> runOfEvent = new ArrayList<>();
        boolean subscribed;
        boolean completed;
        Throwable error;

        Unbounded(SteppedDispatch dispatch) {
            this.dispatch = dispatch;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscribed = true;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Integer item) {
            received.add(item);
            runOfEvent.add(dispatch.runs());
        }

        @Override
        public void onError(Throwable t) {
            error = t;
        }

        @Override
        public void onComplete() {
            completed = true;
        }
    }

    /**
     * A {@link Dispatch} without threads: {@code execute} queues, and the test runs the queued tasks one at a time
     * on its own thread, counting them. Single-threaded by contract (the test thread only).
     */
    static final class SteppedDispatch implements Dispatch {
        private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        private int runs;
        private long executed;
        private boolean closed;

        @Override
        public void execute(Runnable task) {
            if (closed) {
                throw new RejectedExecutionException("closed");
            }
            queue.addLast(task);
        }

        /** Runs queued tasks, including those they queue, until none is left. @return how many ran */
        int runUntilIdle() {
            int before = runs;
            Runnable task;
            while ((task = queue.pollFirst()) != null) {
                runs++;
                executed++;
                task.run();
            }
            return runs - before;
        }

        /** The number of the task running now (or of the last one run), counting from 1. */
        int runs() {
            return runs;
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
            return queue.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
