package dev.msgtrans.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How a session's reading thread, paused because the mailbox refused a packet, and the session's actor agree on who
 * resumes reading, without a lock, without a lost wake-up and without spinning. The unit is the actor's progress:
 * messages it has processed (packets and lifecycle markers alike). Before each tell the reader notes the progress
 * ({@link #processed()}); after a refusal it asks to be resumed at one message beyond that note
 * ({@link #awaitProcessed}). The refusal means the mailbox was full after the note, so the actor still had a message
 * to process: the wanted progress is always reached. The reader publishes what it wants, then reads the progress;
 * the actor publishes its progress, then reads what is wanted. Both are volatile, so one of them sees the other
 * (Dekker), and a compare-and-set on the wanted value gives the resume to exactly one of them.
 * <p>
 * Threading contract: {@link #processed()} and {@link #awaitProcessed} on the reading thread, {@link #advance} on the
 * actor.
 */
final class InputResume {

    private static final VarHandle WANTED;

    static {
        try {
            WANTED = MethodHandles.lookup().findVarHandle(InputResume.class, "wanted", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The progress at which the reader wants to be resumed; -1 when it wants nothing. */
    private volatile long wanted = -1;
    /** Messages the actor has processed. */
    private volatile long processed;

    /** Reading thread, before a tell: the actor's progress so far. */
    long processed() {
        return processed;
    }

    /**
     * Reading thread, after the mailbox refused a tell made after {@code noted = processed()}: wait until the actor
     * has processed one more message.
     *
     * @return {@code true} if the actor will resume the reader (by a later {@link #advance} returning {@code true});
     *         {@code false} if it has got there already and the reader must go on itself
     */
    boolean awaitProcessed(long noted) {
        long target = noted + 1;
        wanted = target;
        return !(processed >= target && WANTED.compareAndSet(this, target, -1L));
    }

    /**
     * The actor, after each message it processed.
     *
     * @param count messages processed so far
     * @return {@code true} for the one call that must resume the reader
     */
    boolean advance(long count) {
        processed = count;
        long w = wanted;
        return w >= 0 && count >= w && WANTED.compareAndSet(this, w, -1L);
    }
}
