package dev.msgtrans.variants.cow;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.variants.lockfree.LockFreeActorCell;

import java.util.concurrent.atomic.LongAdder;

/**
 * Phase 2 as the original built it: the actor table in a {@link CowShardedMap} (spawn and stop copy one shard,
 * {@code tell} looks the actor up without locking). Each actor is the lockfree variant's {@link LockFreeActorCell}
 * (JCTools MPSC mailbox, CAS run permit, batched run loop, stop state machine), so that a comparison against
 * {@code lockfree} measures the table and nothing else.
 * <p>
 * Threading contract: that of {@link ActorSystem}; every method from any thread. Run permit, batch, stop (the run in
 * progress finishes its message, queued ones are discarded and counted, {@code onStop} runs once) and counters: as
 * {@link LockFreeActorCell}. Only the table removal that returns a cell stops it. {@code spawn} after
 * {@link #close()} returns {@code false}. A behavior that throws is caught, counted in {@link #failures()} and given
 * to the dispatch's {@link Dispatch#reportFailure}.
 *
 * @param <M> message type
 */
public final class CowActorSystem<M> implements ActorSystem<M> {

    private final CowShardedMap<LockFreeActorCell<M>> table = new CowShardedMap<>();
    private final Dispatch dispatch;
    private final int mailboxCapacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private volatile boolean closed;

    public CowActorSystem(Dispatch dispatch, int mailboxCapacity) {
        if (mailboxCapacity <= 0) {
            throw new IllegalArgumentException("mailboxCapacity must be positive, was " + mailboxCapacity);
        }
        this.dispatch = dispatch;
        this.mailboxCapacity = mailboxCapacity;
    }

    @Override
    public boolean spawn(long id, Behavior<M> behavior) {
        if (closed) {
            return false;
        }
        LockFreeActorCell<M> cell =
                new LockFreeActorCell<>(id, behavior, mailboxCapacity, dispatch, processed, dropped, failures);
        if (table.putIfAbsent(id, cell) != null) {
            return false;
        }
        // A spawn racing close() may land after close swept the table: undo it, close wins.
        if (closed && table.remove(id, cell)) {
            cell.stop();
            return false;
        }
        return true;
    }

    @Override
    public Delivery tell(long id, M message) {
        if (closed) {
            return Delivery.CLOSED;
        }
        LockFreeActorCell<M> cell = table.get(id);
        return cell == null ? Delivery.NO_SUCH_ACTOR : cell.tell(message);
    }

    @Override
    public int broadcast(M message) {
        if (closed) {
            return 0;
        }
        int[] accepted = {0};
        table.forEach(cell -> {
            if (cell.tell(message) == Delivery.ACCEPTED) {
                accepted[0]++;
            }
        });
        return accepted[0];
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

    @Override
    public void close() {
        closed = true;
        table.forEachEntry((id, cell) -> {
            if (table.remove(id, cell)) {
                cell.stop();
            }
        });
    }
}
