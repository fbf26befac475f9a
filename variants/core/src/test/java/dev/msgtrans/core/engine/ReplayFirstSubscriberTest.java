package dev.msgtrans.core.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replayed event comes first and against demand; the stream follows; a stream that ends first replays nothing. */
class ReplayFirstSubscriberTest {

    private static final Executor DIRECT = Runnable::run;

    /** Records signals; requests only when told. */
    private static class Recorder implements Flow.Subscriber<String> {
        final List<String> signals = new ArrayList<>();
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
        }

        @Override
        public synchronized void onNext(String item) {
            signals.add(item);
        }

        @Override
        public synchronized void onError(Throwable t) {
            signals.add("error");
        }

        @Override
        public synchronized void onComplete() {
            signals.add("complete");
        }

        synchronized List<String> snapshot() {
            return new ArrayList<>(signals);
        }
    }

    @Test
    void theReplayedEventComesFirstAndDemandIsKept() throws Exception {
        try (SubmissionPublisher<String> bus = new SubmissionPublisher<>(DIRECT, 16)) {
            Recorder r = new Recorder();
            bus.subscribe(new ReplayFirstSubscriber<>(r, "started", DIRECT, t -> { }));
            bus.submit("a"); // buffered by the bus: no demand has reached it
            r.subscription.request(1);
            assertEquals(List.of("started"), r.snapshot(), "one request, one event: the replayed one");
            bus.submit("b");
            r.subscription.request(5);
            assertEquals(List.of("started", "a", "b"), r.snapshot());
            bus.close();
            assertEquals(List.of("started", "a", "b", "complete"), r.snapshot());
        }
    }

    @Test
    void aStreamThatEndsBeforeAnyRequestReplaysNothing() {
        SubmissionPublisher<String> bus = new SubmissionPublisher<>(DIRECT, 16);
        Recorder r = new Recorder();
        bus.subscribe(new ReplayFirstSubscriber<>(r, "started", DIRECT, t -> { }));
        bus.close();
        r.subscription.request(1);
        assertEquals(List.of("complete"), r.snapshot());
    }

    @Test
    void aSubscriberThrowingOnTheReplayedEventIsCancelledAndReported() {
        try (SubmissionPublisher<String> bus = new SubmissionPublisher<>(DIRECT, 16)) {
            List<Throwable> reported = new ArrayList<>();
            Error boom = new AssertionError("boom");
            Recorder r = new Recorder() {
                @Override
                public synchronized void onNext(String item) {
                    throw boom;
                }
            };
            bus.subscribe(new ReplayFirstSubscriber<>(r, "started", DIRECT, reported::add));
            r.subscription.request(Long.MAX_VALUE);
            assertEquals(List.of(boom), reported);
            assertTrue(bus.getNumberOfSubscribers() == 0, "cancelled");
        }
    }
}
