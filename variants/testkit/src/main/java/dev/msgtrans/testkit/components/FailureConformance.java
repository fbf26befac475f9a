package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.Variant;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The failure policy of {@link FailureHandler}, the same on every variant: a task, an actor's {@code onMessage} and
 * {@code onStop}, and an event subscriber's {@code onNext} that throw ({@code Error}s included) are each handed to
 * the handler the dispatch was built with, counted in {@link Dispatch#failures()}, and the component carries on.
 */
public final class FailureConformance {

    private static final long WAIT_SECONDS = 30;

    private FailureConformance() {
    }

    public static void reportedAndSurvived(Variant v) throws InterruptedException {
        BlockingQueue<Throwable> reported = new LinkedBlockingQueue<>();
        try (Dispatch d = v.newDispatch("conformance-failures", 2, 64, 0, 0, (thread, failure) -> {
            assertEquals(Thread.currentThread(), thread, "the handler runs on the thread that caught the failure");
            reported.add(failure);
        })) {
            // A dispatched task.
            Error taskError = new AssertionError("task");
            d.execute(() -> {
                throw taskError;
            });
            awaitReported(v, reported, taskError);
            CountDownLatch after = new CountDownLatch(1);
            d.execute(after::countDown);
            assertTrue(after.await(WAIT_SECONDS, TimeUnit.SECONDS), v.alias() + ": the dispatch runs tasks after a failure");

            // An actor's behavior.
            ActorSystem<String> actors = v.newActorSystem(d, 16);
            Error messageError = new AssertionError("onMessage");
            RuntimeException stopError = new IllegalStateException("onStop");
            BlockingQueue<String> handled = new LinkedBlockingQueue<>();
            actors.spawn(1, new ActorSystem.Behavior<>() {
                @Override
                public void onMessage(long actorId, String message) {
                    if (message.equals("throw")) {
                        throw messageError;
                    }
                    handled.add(message);
                }

                @Override
                public void onStop(long actorId) {
                    throw stopError;
                }
            });
            actors.tell(1, "throw");
            actors.tell(1, "after");
            awaitReported(v, reported, messageError);
            assertEquals("after", handled.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                    v.alias() + ": the actor handles its next message after a failure");
            actors.stop(1);
            awaitReported(v, reported, stopError);
            actors.close();

            // An event subscriber.
            EventBus<Integer> bus = v.newEventBus(d, 16);
            Error subscriberError = new AssertionError("onNext");
            Recorder throwing = new Recorder(subscriberError);
            Recorder healthy = new Recorder(null);
            bus.subscribe(throwing);
            bus.subscribe(healthy);
            assertTrue(throwing.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(healthy.subscribed.await(WAIT_SECONDS, TimeUnit.SECONDS));
            bus.publish(1);
            awaitReported(v, reported, subscriberError);
            bus.publish(2);
            assertEquals(1, healthy.items.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals(2, healthy.items.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                    v.alias() + ": the other subscribers are served after one threw");
            bus.close();
            assertTrue(d.failures() >= 4, v.alias() + ": failures() counts what was reported, was " + d.failures());
        }
    }

    private static void awaitReported(Variant v, BlockingQueue<Throwable> reported, Throwable expected)
            throws InterruptedException {
        List<Throwable> others = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            Throwable t = reported.poll(10, TimeUnit.MILLISECONDS);
            if (t == expected) {
                return;
            }
            if (t != null) {
                others.add(t);
            }
        }
        throw new AssertionError(v.alias() + ": " + expected + " was never given to the dispatch's FailureHandler"
                + (others.isEmpty() ? "" : "; it got " + others));
    }

    /** Requests everything; throws {@code failure} (if given) from every {@code onNext}. */
    private static final class Recorder implements Flow.Subscriber<Integer> {
        final CountDownLatch subscribed = new CountDownLatch(1);
        final BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        private final Error failure;

        Recorder(Error failure) {
            this.failure = failure;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
            subscribed.countDown();
        }

        @Override
        public void onNext(Integer item) {
            if (failure != null) {
                throw failure;
            }
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            // the bus may tell the throwing subscriber why it was cancelled (rule 2.13)
        }

        @Override
        public void onComplete() {
        }
    }
}
