package dev.msgtrans.harness.channels;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded channel from producers to {@link #consumers()} consumer lanes, in the shape every shoot-out row
 * reduces to.
 * <p>
 * Threading contract: {@link #publish} from the producer threads (one, or several if the channel was built for
 * several); {@link #consume} for lane i only from the one consumer thread bound to lane i. Neither ever blocks:
 * a full channel refuses, an empty one returns 0.
 */
abstract class Channel {

    private final Lane[] lanes;
    private final AtomicInteger claimed = new AtomicInteger();

    Channel(int consumers) {
        lanes = new Lane[consumers];
        for (int i = 0; i < consumers; i++) {
            lanes[i] = new Lane(i);
        }
    }

    final int consumers() {
        return lanes.length;
    }

    final Lane lane(int i) {
        return lanes[i];
    }

    /** Binds the calling consumer thread to the next free lane. */
    final Lane claimLane() {
        int i = claimed.getAndIncrement();
        if (i >= lanes.length) {
            throw new IllegalStateException("more consumer threads than the " + lanes.length + " lanes the channel was built for");
        }
        return lanes[i];
    }

    /**
     * Offers one message to every consumer (one consumer for point-to-point).
     *
     * @return how many consumers will receive it; the rest were refused because their buffer was full
     */
    abstract int publish(Message m);

    /**
     * One consume attempt for {@code lane}, in the structure's natural unit (one poll for a queue; the available
     * batch for a Disruptor poller; one delivery task for a {@code SubmissionPublisher}). Received messages are
     * counted in their lanes.
     *
     * @return 0 if there was nothing to consume
     */
    abstract int consume(Lane lane);

    /** Releases what the channel holds; called once, after the run. */
    void close() {
    }
}
