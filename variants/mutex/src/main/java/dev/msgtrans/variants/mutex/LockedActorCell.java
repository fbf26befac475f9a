package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Tuning;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One actor of a lock-based {@link ActorSystem}: a {@link MutexMailbox} and a {@code scheduled} flag guarded by the
 * same lock, and the serial run loop. Shared by the mutex and rwlock actor systems, which differ only in how they
 * lock their actor table.
 * <p>
 * Threading contract: {@link #tell} and {@link #stop} from any thread; {@link #run} only from the executor, where
 * the {@code scheduled} flag guarantees at most one run per cell is queued or running at a time. {@code tell}
 * enqueues and, if the cell was idle, marks it scheduled and hands it to the executor (outside the lock). A run
 * moves up to {@link Tuning#ACTOR_BATCH} messages out under one lock acquisition, calls the behavior for each
 * outside the lock, then under the lock either goes idle (mailbox empty) or re-dispatches itself, so one busy actor
 * cannot starve the others. The lock release at the end of one run and the acquisition at the start of the next
 * order the runs, so behavior state needs no synchronization of its own.
 * <p>
 * Stop: the first {@link #stop} marks the cell stopped, discards what is queued (counted as dropped) and, if idle,
 * schedules a final run. The run in progress finishes the message it is in, discards the rest of its batch (counted),
 * then calls {@code onStop} exactly once; {@code scheduled} then stays set forever, so nothing is dispatched again.
 * If the executor was closed first, {@code stop} skips {@code onStop} rather than throw (shutdown order is the
 * actor system, then its dispatch). A behavior or {@code onStop} that throws, {@code Error}s included, is given to
 * the dispatch's {@link Dispatch#reportFailure} (the policy of {@link dev.msgtrans.core.spi.FailureHandler}); the
 * actor then carries on with its next message. Statistics use {@link LongAdder}:
 * they are counters, not synchronization. A run adds what it handled once, before it lets go of the actor (as the
 * lockfree cell does), so the count is complete once the actor is idle and costs one add per run, not per message.
 *
 * @param <M> message type
 */
public final class LockedActorCell<M> implements Runnable {

    private final long id;
    private final ActorSystem.Behavior<M> behavior;
    private final Dispatch dispatch;
    private final LongAdder processed;
    private final LongAdder dropped;

    private final ReentrantLock lock = new ReentrantLock();
    private final MutexMailbox<M> mailbox;
    /** Guarded by {@link #lock}: a run is queued on the executor or running. */
    private boolean scheduled;
    /** Written under {@link #lock}; volatile so that a run can check it between messages without the lock. */
    private volatile boolean stopped;

    /** Runner-only state: runs are serial, and ordered by the lock. */
    private final Object[] batch = new Object[Tuning.ACTOR_BATCH];
    private boolean stopSignalled;

    /**
     * @param processed counts the messages handed to the behavior (added once per run)
     * @param dropped   incremented per message refused (mailbox full) or discarded at stop
     */
    public LockedActorCell(long id, ActorSystem.Behavior<M> behavior, int mailboxCapacity, Dispatch dispatch,
                           LongAdder processed, LongAdder dropped) {
        this.id = id;
        this.behavior = Objects.requireNonNull(behavior, "behavior");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.processed = processed;
        this.dropped = dropped;
        this.mailbox = new MutexMailbox<>(mailboxCapacity, lock);
    }

    public long id() {
        return id;
    }

    /**
     * Any thread. If the executor rejects the run (it was closed under a live actor system), the
     * {@link RejectedExecutionException} propagates to the caller.
     *
     * @return {@link Delivery#ACCEPTED}, {@link Delivery#MAILBOX_FULL} (counted as dropped), or
     *         {@link Delivery#NO_SUCH_ACTOR} when the cell was stopped
     */
    public Delivery tell(M message) {
        Objects.requireNonNull(message, "message");
        boolean wake = false;
        lock.lock();
        try {
            if (stopped) {
                return Delivery.NO_SUCH_ACTOR;
            }
            if (!mailbox.offerLocked(message)) {
                dropped.increment();
                return Delivery.MAILBOX_FULL;
            }
            if (!scheduled) {
                scheduled = true;
                wake = true;
            }
        } finally {
            lock.unlock();
        }
        if (wake) {
            dispatch.execute(this);
        }
        return Delivery.ACCEPTED;
    }

    /** Any thread; idempotent. @return {@code true} for the call that stopped the cell */
    public boolean stop() {
        boolean wake = false;
        int discarded;
        lock.lock();
        try {
            if (stopped) {
                return false;
            }
            stopped = true;
            discarded = mailbox.clearLocked();
            if (!scheduled) {
                scheduled = true;
                wake = true;
            }
        } finally {
            lock.unlock();
        }
        dropped.add(discarded);
        if (wake) {
            try {
                dispatch.execute(this);
            } catch (RejectedExecutionException closedDispatch) {
                // Closed before the actor system: no worker is left to run onStop, and the actor stays stopped.
            }
        }
        return true;
    }

    /** Queued messages now; approximate when called concurrently. */
    public int queued() {
        return mailbox.size();
    }

    /** Executor only. */
    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        int n;
        lock.lock();
        try {
            n = stopped ? 0 : mailbox.drainLocked(batch);
        } finally {
            lock.unlock();
        }
        int handled = 0;
        for (int i = 0; i < n; i++) {
            M m = (M) batch[i];
            batch[i] = null;
            if (stopped) {
                // Stopped mid-batch: the rest of the batch is discarded like the rest of the mailbox.
                dropped.add(n - i);
                Arrays.fill(batch, i, n, null);
                break;
            }
            handled++;
            try {
                behavior.onMessage(id, m);
            } catch (Throwable t) {
                dispatch.reportFailure(t);
            }
        }
        if (handled != 0) {
            processed.add(handled);
        }
        boolean again;
        lock.lock();
        try {
            if (!stopped && mailbox.isEmptyLocked()) {
                scheduled = false;
                return;
            }
            again = !stopped;
        } finally {
            lock.unlock();
        }
        if (again) {
            dispatch.execute(this);
        } else if (!stopSignalled) {
            stopSignalled = true;
            try {
                behavior.onStop(id);
            } catch (Throwable t) {
                dispatch.reportFailure(t);
            }
        }
    }
}
