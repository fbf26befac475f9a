package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.maps.NonBlockingHashMapLong;
import org.jctools.queues.MessagePassingQueue;

/**
 * {@link ActorSystem} with a lock-free actor table ({@link NonBlockingHashMapLong}), one
 * {@link LockFreeMailbox} (JCTools MPSC ring) per actor, and one padded atomic state word per actor that decides
 * which thread may run it.
 *
 * <pre>
 *  tell(id, m):  cell = table.get(id) -&gt; mailbox.offer(m) -&gt; if state has no SCHEDULED bit and
 *                CAS(state, state | SCHEDULED) wins: dispatch.execute(cell)
 *  run (worker): drain up to 32 messages -&gt; onMessage each
 *                CAS(state, state &amp; ~SCHEDULED); if the mailbox is not empty and CAS back wins: re-dispatch
 *  stop(id):     table.remove(id) -&gt; set STOPPED | SCHEDULED (dispatch a run if it was not scheduled)
 *                the run that sees STOPPED discards the mailbox (counted), sets TERMINATED, calls onStop once
 * </pre>
 *
 * Why this structure: the only thing that must be exclusive is running one actor, and a state word taken with a
 * CAS gives that without a lock: the thread that moves it from not-scheduled to SCHEDULED owns the actor (and is
 * the mailbox's single consumer) until it clears the bit. Clearing is followed by a re-check of the mailbox
 * (volatile store, then a load of the producer index, against the teller's offer CAS then load of the state), so
 * a message offered while the run was ending is never stranded. A run handles at most {@value #BATCH} messages
 * (the original's batch size) through {@link MessagePassingQueue#drain}, then re-dispatches itself behind the other
 * actors' runs, so a busy actor cannot starve the rest. The state word is padded because every teller reads it
 * while the running worker writes it.
 * <p>
 * Stop state machine (bits SCHEDULED=1, STOPPED=2, TERMINATED=4): only the table removal that returns the cell
 * sets STOPPED, once; onStop runs only in a run (so on a worker, while owning SCHEDULED, never concurrently with
 * onMessage), and only by the run that sets TERMINATED, so exactly once; a run checks STOPPED before each message
 * and discards instead of handling, so no onMessage follows onStop. A tell that raced a stop may have returned
 * {@link Delivery#ACCEPTED} for a message the stop then discards: it is counted in {@link #dropped()}, never lost
 * silently, because any offer is followed by an attempt to schedule, and every run of a stopped actor discards.
 * <p>
 * Progress: {@code tell}, {@code spawn}, {@code stop}, {@code broadcast} are lock-free (plus the dispatch's
 * {@code execute}, which waits only when its own queue is full). Behaviors that throw (anything) are caught and counted in
 * {@link #failures()}; the actor carries on. The dispatch must outlive the actor system: a run the dispatch
 * rejects propagates its {@link java.util.concurrent.RejectedExecutionException} to the teller.
 *
 * @param <M> message type
 */
public final class LockFreeActorSystem<M> implements ActorSystem<M> {

    /** Messages handled per run before the worker is yielded to other actors (the original's batch of 32). */
    public static final int BATCH = 32;

    static final int SCHEDULED = 1;
    static final int STOPPED = 2;
    static final int TERMINATED = 4;

    private final NonBlockingHashMapLong<Cell<M>> table = new NonBlockingHashMapLong<>();
    private final Dispatch dispatch;
    private final int mailboxCapacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile boolean closed;

    public LockFreeActorSystem(Dispatch dispatch, int mailboxCapacity) {
        if (mailboxCapacity < 1) {
            throw new IllegalArgumentException("mailbox capacity must be at least 1, got " + mailboxCapacity);
        }
        this.dispatch = dispatch;
        this.mailboxCapacity = mailboxCapacity;
    }

    /** @throws IllegalStateException after {@link #close()} */
    @Override
    public boolean spawn(long id, Behavior<M> behavior) {
        if (behavior == null) {
            throw new NullPointerException("behavior");
        }
        if (closed) {
            throw new IllegalStateException("actor system closed");
        }
        Cell<M> cell = new Cell<>(this, id, behavior, new LockFreeMailbox<>(mailboxCapacity));
        if (table.putIfAbsent(id, cell) != null) {
            return false;
        }
        // Insert, then read the flag; close writes the flag, then scans the table: one of us sees the other.
        if (closed) {
            if (table.remove(id, cell)) {
                cell.requestStop();
            }
            throw new IllegalStateException("actor system closed");
        }
        return true;
    }

    @Override
    public Delivery tell(long id, M message) {
        if (message == null) {
            throw new NullPointerException("message");
        }
        if (closed) {
            return Delivery.CLOSED;
        }
        Cell<M> cell = table.get(id);
        if (cell == null || (cell.lvValue() & STOPPED) != 0) {
            return Delivery.NO_SUCH_ACTOR;
        }
        return cell.tell(message);
    }

    @Override
    public int broadcast(M message) {
        if (message == null) {
            throw new NullPointerException("message");
        }
        if (closed) {
            return 0;
        }
        int accepted = 0;
        for (Cell<M> cell : table.values()) {
            if ((cell.lvValue() & STOPPED) == 0 && cell.tell(message) == Delivery.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public boolean stop(long id) {
        Cell<M> cell = table.remove(id);
        if (cell == null) {
            return false;
        }
        cell.requestStop();
        return true;
    }

    @Override
    public int size() {
        return table.size();
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public long processed() {
        return processed.sum();
    }

    /** Exceptions thrown by {@code onMessage} or {@code onStop} (caught; the actor carries on). */
    public long failures() {
        return failures.sum();
    }

    /** Stops every actor (their onStop runs on the dispatch); further tells return {@link Delivery#CLOSED}. */
    @Override
    public void close() {
        closed = true;
        for (Cell<M> cell : table.values()) {
            if (table.remove(cell.id, cell)) {
                cell.requestStop();
            }
        }
    }

    /**
     * One actor: its mailbox, its behavior and its padded state word. It is its own dispatch task and its own
     * drain consumer, so a run allocates nothing.
     */
    static final class Cell<M> extends PaddedInt implements Runnable, MessagePassingQueue.Consumer<M> {
        final LockFreeActorSystem<M> system;
        final long id;
        final Behavior<M> behavior;
        final LockFreeMailbox<M> mailbox;
        /** Per-run tallies; only the run that owns SCHEDULED touches them (CAS on the state orders the runs). */
        private int handled;
        private int discarded;

        Cell(LockFreeActorSystem<M> system, long id, Behavior<M> behavior, LockFreeMailbox<M> mailbox) {
            this.system = system;
            this.id = id;
            this.behavior = behavior;
            this.mailbox = mailbox;
            spValue(0);
        }

        Delivery tell(M message) {
            if (!mailbox.offer(message)) {
                system.dropped.increment();
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
                    system.dispatch.execute(this);
                    return;
                }
            }
        }

        /** Called once, by the caller whose table removal returned this cell. */
        void requestStop() {
            for (;;) {
                int s = lvValue();
                if (casValue(s, s | STOPPED | SCHEDULED)) {
                    if ((s & SCHEDULED) == 0) {
                        system.dispatch.execute(this);
                    }
                    return;
                }
            }
        }

        @Override
        public void run() {
            if ((lvValue() & STOPPED) == 0) {
                mailbox.drain(this, BATCH);
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
                        } catch (Throwable e) { // a stuck actor would be worse than a counted failure
                            system.failures.increment();
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
                system.dispatch.execute(this);
                return;
            }
        }

        /** Drain callback, inside a run. */
        @Override
        public void accept(M message) {
            if ((lvValue() & STOPPED) != 0) {
                discarded++; // the actor was stopped while this batch ran: the rest is discarded
                return;
            }
            handled++;
            try {
                behavior.onMessage(id, message);
            } catch (Throwable e) { // a stuck actor would be worse than a counted failure
                system.failures.increment();
            }
        }

        private void discardAll() {
            while (mailbox.poll() != null) {
                discarded++;
            }
        }

        private void flushTallies() {
            if (handled != 0) {
                system.processed.add(handled);
                handled = 0;
            }
            if (discarded != 0) {
                system.dropped.add(discarded);
                discarded = 0;
            }
        }
    }
}
