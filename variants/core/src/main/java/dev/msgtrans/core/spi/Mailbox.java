package dev.msgtrans.core.spi;

/**
 * Phase 2: an actor's bounded mailbox; multi-producer, single-consumer.
 * <p>
 * Threading contract: {@link #offer} from any thread; {@link #poll} only from the one thread that is running the
 * actor at that moment (the actor system guarantees there is at most one). Items offered by one thread are
 * polled in the order that thread offered them. Full is signalled by {@code offer} returning {@code false};
 * empty by {@code poll} returning {@code null}.
 *
 * @param <M> message type
 */
public interface Mailbox<M> {

    /** @return {@code false} when the mailbox is full; the caller counts the drop */
    boolean offer(M message);

    /** Consumer thread only. @return the next message, or {@code null} when empty */
    M poll();

    /** Approximate when called concurrently. */
    int size();

    int capacity();
}
