package dev.msgtrans.core.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * How a session's reading thread, paused because the mailbox was full, and the session's actor agree on who resumes
 * reading, without a lock and without a lost wake-up: the reader publishes the handled count it waits for, then
 * reads how far the actor got; the actor publishes how far it got, then reads what the reader waits for. Both are
 * volatile, so one of them sees the other (Dekker), and a compare-and-set on the wanted count gives the resume to
 * exactly one of them.
 * <p>
 * Threading contract: {@link #awaitHandled} on the reading thread, {@link #handled} on the actor.
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

    /** The handled count at which the reader wants to be resumed; -1 when it wants nothing. */
    private volatile long wanted = -1;
    /** Packets the actor has handled. */
    private volatile long handled;

    /**
     * Reading thread: wait until the actor has handled {@code target} packets.
     *
     * @return {@code true} if the actor will resume the reader (by a later {@link #handled} returning {@code true});
     *         {@code false} if it has got there already and the reader must go on itself
     */
    boolean awaitHandled(long target) {
        wanted = target;
        return !(handled >= target && WANTED.compareAndSet(this, target, -1L));
    }

    /**
     * The actor, after each packet it handled.
     *
     * @return {@code true} for the one call that must resume the reader
     */
    boolean handled(long count) {
        handled = count;
        long w = wanted;
        return w >= 0 && count >= w && WANTED.compareAndSet(this, w, -1L);
    }
}
