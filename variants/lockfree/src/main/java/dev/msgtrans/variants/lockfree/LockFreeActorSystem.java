package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.maps.NonBlockingHashMapLong;

/**
 * {@link ActorSystem} with a lock-free actor table ({@link NonBlockingHashMapLong}) of {@link LockFreeActorCell}s:
 * per actor a JCTools MPSC mailbox and one padded atomic state word that decides which thread may run it (run
 * loop, batch and stop state machine: {@link LockFreeActorCell}).
 *
 * <pre>
 *  spawn(id):    table.putIfAbsent(id, cell)
 *  tell(id, m):  cell = table.get(id) -&gt; cell.tell(m)
 *  stop(id):     table.remove(id) -&gt; cell.stop(): the run in progress finishes its message, onStop runs once
 * </pre>
 *
 * Why this structure: the table is read by every {@code tell} and written only by spawn and stop, and
 * {@link NonBlockingHashMapLong} reads without a CAS or a lock, on primitive keys (no boxing per tell). Only the
 * table removal that returns a cell stops it, so a stop and a close racing on one actor stop it once. A tell that
 * raced a stop is counted in {@link #dropped()} if the stop discards its message, never lost silently.
 * <p>
 * Progress: {@code tell}, {@code spawn}, {@code stop}, {@code broadcast} are lock-free (plus the dispatch's
 * {@code execute}, which waits only when its own queue is full). Behaviors that throw (anything) are caught, counted in
 * {@link #failures()} and given to the dispatch's {@link Dispatch#reportFailure}; the actor carries on. The dispatch must outlive the actor system: a run the dispatch
 * rejects propagates its {@link java.util.concurrent.RejectedExecutionException} to the teller.
 *
 * @param <M> message type
 */
public final class LockFreeActorSystem<M> implements ActorSystem<M> {

    private final NonBlockingHashMapLong<LockFreeActorCell<M>> table = new NonBlockingHashMapLong<>();
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
        LockFreeActorCell<M> cell =
                new LockFreeActorCell<>(id, behavior, mailboxCapacity, dispatch, processed, dropped, failures);
        if (table.putIfAbsent(id, cell) != null) {
            return false;
        }
        // Insert, then read the flag; close writes the flag, then scans the table: one of us sees the other.
        if (closed) {
            if (table.remove(id, cell)) {
                cell.stop();
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
        LockFreeActorCell<M> cell = table.get(id);
        return cell == null ? Delivery.NO_SUCH_ACTOR : cell.tell(message);
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
        for (LockFreeActorCell<M> cell : table.values()) {
            if (cell.tell(message) == Delivery.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public boolean stop(long id) {
        LockFreeActorCell<M> cell = table.remove(id);
        return cell != null && cell.stop();
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
        for (LockFreeActorCell<M> cell : table.values()) {
            if (table.remove(cell.id(), cell)) {
                cell.stop();
            }
        }
    }
}
