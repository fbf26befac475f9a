package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.ActorSystem.Behavior;
import dev.msgtrans.core.spi.ActorSystem.Delivery;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Tuning;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.queues.MessagePassingQueue;

/**
 * One actor of a lock-free {@link ActorSystem}: a {@link LockFreeMailbox} (JCTools MPSC ring), the behavior, and one
 * padded atomic state word that decides which thread may run it. Shared by the lockfree and cow actor systems,
 * which differ only in their actor table.
 *
 * <pre>
 *  tell(m):      STOPPED? NO_SUCH_ACTOR -&gt; mailbox.offer(m) -&gt; if state has no SCHEDULED bit and
 *                CAS(state, state | SCHEDULED) wins: dispatch.execute(cell)
 *  run (worker): drain up to Tuning.ACTOR_BATCH messages -&gt; onMessage each
 *                CAS(state, state &amp; ~SCHEDULED); if the mailbox is not empty and CAS back wins: re-dispatch
 *  stop():       set STOPPED | SCHEDULED (dispatch a run if it was not scheduled)
 *                the run that sees STOPPED discards the mailbox (counted), sets TERMINATED, calls onStop once
 * </pre>
 *
 * Why this structure: the only thing that must be exclusive is running one actor, and a state word taken with a
 * CAS gives that without a lock: the thread that moves it from not-scheduled to SCHEDULED owns the actor (and is
 * the mailbox's single consumer) until it clears the bit. Clearing is followed by a re-check of the mailbox
 * (volatile store, then a load of the producer index, against the teller's offer CAS then load of the state), so
 * a message offered while the run was ending is never stranded. A run handles at most {@link Tuning#ACTOR_BATCH}
 * messages (the batch every actor system shares) through {@link MessagePassingQueue#drain}, then re-dispatches
 * itself behind the other actors' runs, so a busy actor cannot starve the rest. The state word is padded because
 * every teller reads it while the running worker writes it. The cell is its own dispatch task and its own drain
 * consumer, so a run allocates nothing.
 * <p>
 * Stop state machine (bits SCHEDULED=1, STOPPED=2, TERMINATED=4): only the first {@link #stop()} sets STOPPED;
 * onStop runs only in a run (so on a worker, while owning SCHEDULED, never concurrently with onMessage), and only by
 * the run that sets TERMINATED, so exactly once; a run checks STOPPED before each message and discards instead of
 * handling, so the message in progress finishes and no onMessage follows onStop. A tell that raced a stop may have
 * returned {@link Delivery#ACCEPTED} for a message the stop then discards: it is counted as dropped, never lost
 * silently, because any offer is followed by an attempt to schedule, and every run of a stopped actor discards.
 * <p>
 * Threading contract: {@link #tell} and {@link #stop} from any thread, lock-free (plus the executor's
 * {@code execute}); {@link #run} and {@link #accept} only by the executor's run of this cell. Counters: a message
 * handed to the behavior adds one to {@code processed}, a refused or discarded one to {@code dropped}, a throwing
 * {@code onMessage} or {@code onStop} to {@code failures}, and the throwable, {@code Error}s included, goes to the
 * dispatch's {@link Dispatch#reportFailure} (the shared policy of {@link dev.msgtrans.core.spi.FailureHandler}); the
 * actor carries on. A run adds its tallies
 * before it lets go of the actor, so they are complete once the actor is idle. An executor that rejects a run
 * propagates its {@link java.util.concurrent.RejectedExecutionException} to the teller or stopper: the executor must
 * outlive the actors.
 *
 * @param <M> message type
 */
public final class LockFreeActorCell<M> extends PaddedInt implements Runnable, MessagePassingQueue.Consumer<M> {

    static final int SCHEDULED = 1;
    static final int STOPPED = 2;
    static final int TERMINATED = 4;

    private final long id;
    private final Behavior<M> behavior;
    private final LockFreeMailbox<M> mailbox;
    private final Dispatch dispatch;
    private final LongAdder processed;
    private final LongAdder dropped;
    private final LongAdder failures;
    /** Per-run tallies; only the run that owns SCHEDULED touches them (CAS on the state orders the runs). */
    private int handled;
    private int discarded;

    /**
     * @param mailboxCapacity the mailbox bound, at least 1, enforced exactly
     * @param dispatch        runs the cell, and is told of its behavior's failures; must outlive it
     * @param processed       the actor system's count of messages handed to a behavior, shared by its cells
     * @param dropped         its count of messages refused (mailbox full) or discarded at stop
     * @param failures        its count of exceptions thrown by {@code onMessage} or {@code onStop}
     */
    public LockFreeActorCell(long id, Behavior<M> behavior, int mailboxCapacity, Dispatch dispatch,
                             LongAdder processed, LongAdder dropped, LongAdder failures) {
        this.id = id;
        this.behavior = Objects.requireNonNull(behavior, "behavior");
        this.mailbox = new LockFreeMailbox<>(mailboxCapacity);
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.processed = processed;
        this.dropped = dropped;
        this.failures = failures;
        spValue(0);
    }

    public long id() {
        return id;
    }

    /**
     * Any thread.
     *
     * @return {@link Delivery#ACCEPTED}, {@link Delivery#MAILBOX_FULL} (counted as dropped), or
     *         {@link Delivery#NO_SUCH_ACTOR} once the cell is stopped
     */
    public Delivery tell(M message) {
        if ((lvValue() & STOPPED) != 0) {
            return Delivery.NO_SUCH_ACTOR;
        }
        if (!mailbox.offer(message)) {
            dropped.increment();
            return Delivery.MAILBOX_FULL;
        }
        schedule();
        return Delivery.ACCEPTED;
    }

    /** Any thread, after an offer: the thread that sets SCHEDULED dispatches the run. */
    private void schedule() {
        for (;;) {
            int s = lvValue();
            if ((s & SCHEDULED) != 0) {
                return; // the owner re-checks the mailbox before it lets go
            }
            if (casValue(s, s | SCHEDULED)) {
                dispatch.execute(this);
                return;
            }
        }
    }

    /**
     * Any thread; idempotent. The run in progress finishes its message, the rest is discarded (counted), then
     * {@code onStop} runs once on the executor.
     *
     * @return {@code true} for the call that stopped the cell
     */
    public boolean stop() {
        for (;;) {
            int s = lvValue();
            if ((s & STOPPED) != 0) {
                return false;
            }
            if (casValue(s, s | STOPPED | SCHEDULED)) {
                if ((s & SCHEDULED) == 0) {
                    dispatch.execute(this);
                }
                return true;
            }
        }
    }

    /** Executor only, on the run this cell's state word dispatched. */
    @Override
    public void run() {
        if ((lvValue() & STOPPED) == 0) {
            mailbox.drain(this, Tuning.ACTOR_BATCH);
        }
        for (;;) {
            int s = lvValue();
            if ((s & STOPPED) != 0) {
                discardAll();
                if ((s & TERMINATED) == 0) {
                    // Nobody else writes the state while we own SCHEDULED and STOPPED is set.
                    svValue(s | TERMINATED);
                    s |= TERMINATED;
                    flushTallies();
                    try {
                        behavior.onStop(id);
                    } catch (Throwable e) { // a stuck actor would be worse than a reported failure
                        failures.increment();
                        dispatch.reportFailure(e);
                    }
                }
            }
            flushTallies();
            int released = s & ~SCHEDULED;
            if (!casValue(s, released)) {
                continue; // STOPPED arrived meanwhile: handle it before letting go
            }
            if (mailbox.isEmpty()) {
                return;
            }
            // More arrived (or the batch was cut): take the actor back unless a teller already did.
            if (!casValue(released, released | SCHEDULED)) {
                return;
            }
            if ((released & STOPPED) != 0) {
                continue; // only discarding is left: do it here rather than queue a run for it
            }
            dispatch.execute(this);
            return;
        }
    }

    /** Drain callback, only inside {@link #run}: not for callers. */
    @Override
    public void accept(M message) {
        if ((lvValue() & STOPPED) != 0) {
            discarded++; // the actor was stopped while this batch ran: the rest is discarded
            return;
        }
        handled++;
        try {
            behavior.onMessage(id, message);
        } catch (Throwable e) { // a stuck actor would be worse than a reported failure
            failures.increment();
            dispatch.reportFailure(e);
        }
    }

    private void discardAll() {
        while (mailbox.poll() != null) {
            discarded++;
        }
    }

    private void flushTallies() {
        if (handled != 0) {
            processed.add(handled);
            handled = 0;
        }
        if (discarded != 0) {
            dropped.add(discarded);
            discarded = 0;
        }
    }
}
