package dev.msgtrans.core.spi;

import java.util.concurrent.Flow;

/**
 * Phase 2: broadcast of events to every subscriber, as a {@link Flow.Publisher}.
 * <p>
 * Threading contract: {@link #publish} from any thread, never blocks (publishers are I/O threads). Each
 * subscriber has a bounded buffer of the capacity given at construction; when it is full the event is dropped
 * for that subscriber only and counted in {@link #dropped()}. Each subscriber receives the events it does not drop
 * exactly once, in publication order per publishing thread, through serial {@code onNext} calls that respect its
 * {@code request(n)} demand, on the executor given at construction. {@link #close()} completes every subscriber
 * after it has been delivered what was buffered.
 *
 * @param <E> event type
 */
public interface EventBus<E> extends Flow.Publisher<E>, AutoCloseable {

    /** @return how many subscribers buffered the event (the others dropped it and counted the drop) */
    int publish(E event);

    /** Events dropped, summed over subscribers. */
    long dropped();

    /** Events handed to {@code onNext}, summed over subscribers. */
    long delivered();

    int subscribers();

    @Override
    void close();
}
