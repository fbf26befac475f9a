package dev.msgtrans.harness.channels;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;

/**
 * {@link SubmissionPublisher} row, the JDK's {@code java.util.concurrent.Flow} publisher: native multicast, one
 * bounded buffer per subscriber ({@code maxBufferCapacity}), {@code offer} drops for a subscriber whose buffer is
 * full and says how many dropped.
 * <p>
 * The publisher pushes: it runs delivery tasks on an executor. To keep the same threads as the pull-based rows,
 * the executor is a task queue that the benchmark's consumer threads run; a consume attempt runs one pending
 * delivery task, which delivers to one subscriber until its buffer is empty. With several consumers, any consumer
 * thread may run any subscriber's task (the publisher never runs two tasks of one subscriber at once), so
 * consumer threads act as the publisher's worker pool, as its default executor would. The task queue only sees a
 * task when a subscriber goes from idle to active, not per message.
 */
final class SubmissionPublisherChannel extends Channel {

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final SubmissionPublisher<Message> publisher;
    private volatile Throwable failure;

    SubmissionPublisherChannel(int consumers, int capacity) {
        super(consumers);
        publisher = new SubmissionPublisher<>(tasks::offer, capacity);
        for (int i = 0; i < consumers; i++) {
            publisher.subscribe(new LaneSubscriber(lane(i)));
        }
    }

    @Override
    int publish(Message m) {
        int lagOrDrops = publisher.offer(m, null);
        // a negative result is minus the number of subscribers that dropped the message
        return lagOrDrops < 0 ? consumers() + lagOrDrops : consumers();
    }

    @Override
    int consume(Lane lane) {
        Runnable task = tasks.poll();
        if (task == null) {
            return 0;
        }
        task.run();
        return 1;
    }

    @Override
    void close() {
        publisher.close();
        tasks.clear();
        if (failure != null) {
            throw new IllegalStateException("SubmissionPublisher failed a subscriber", failure);
        }
    }

    /** Requests everything and counts into its lane. */
    private final class LaneSubscriber implements Flow.Subscriber<Message> {
        private final Lane lane;

        LaneSubscriber(Lane lane) {
            this.lane = lane;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Message item) {
            lane.receive(item);
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
        }

        @Override
        public void onComplete() {
            // the run is over
        }
    }
}
