package dev.msgtrans.core.spi;

/**
 * Phase 2: one actor per session, each with a bounded {@link Mailbox}, executed serially on a shared worker pool
 * (the {@link Dispatch} of phase 3.2), plus the actor table.
 * <p>
 * Threading contract: every method may be called from any thread. An actor never runs on two threads at once,
 * and it handles the messages of one sender in the order they were told. Running an actor drains at most a
 * bounded batch before yielding the worker, so one busy actor cannot starve the others. Messages told to a full
 * mailbox are refused with {@link Delivery#MAILBOX_FULL} and counted in {@link #dropped()}.
 *
 * <pre>
 *  any thread --tell--> [mailbox id=1] --\
 *  any thread --tell--> [mailbox id=2] ----> Dispatch workers (one run per actor at a time) --> Behavior
 *  any thread --tell--> [mailbox id=3] --/
 * </pre>
 *
 * @param <M> message type
 */
public interface ActorSystem<M> extends AutoCloseable {

    /** Result of {@link #tell}. */
    enum Delivery { ACCEPTED, MAILBOX_FULL, NO_SUCH_ACTOR, CLOSED }

    /** What an actor does with its messages. Called on a worker thread, never concurrently for one actor. */
    @FunctionalInterface
    interface Behavior<M> {
        void onMessage(long actorId, M message);

        /** Called once, on a worker thread, after the actor's last message; messages still queued are discarded and counted. */
        default void onStop(long actorId) {
        }
    }

    /** @return {@code false} if an actor with this id exists already */
    boolean spawn(long id, Behavior<M> behavior);

    Delivery tell(long id, M message);

    /** Tells every live actor; @return how many accepted it. */
    int broadcast(M message);

    /** Removes the actor from the table; it finishes the message it is running, then {@code onStop} runs. */
    boolean stop(long id);

    int size();

    /** Messages refused because a mailbox was full, or discarded when their actor stopped. */
    long dropped();

    /** Messages handed to a behavior. */
    long processed();

    /** Stops every actor; further tells return {@link Delivery#CLOSED}. Does not close the dispatch. */
    @Override
    void close();
}
