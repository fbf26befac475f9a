package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;

import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Lock;

/**
 * The lock-based {@link ActorSystem}: the actor table is a {@link LongOpenHashMap} guarded by a reader lock for
 * lookups ({@code tell}, {@code size}) and a writer lock for {@code spawn}/{@code stop}/{@code close}; each actor is a
 * {@link LockedActorCell}, whose mailbox and scheduling flag share the cell's own lock. {@link MutexActorSystem}
 * passes one {@link java.util.concurrent.locks.ReentrantLock} for both roles (the original's
 * {@code Mutex<HashMap<SessionId, ActorHandle>>}); the rwlock variant passes the halves of a
 * {@link java.util.concurrent.locks.ReentrantReadWriteLock}. The table holds primitive {@code long} ids, as the
 * lock-free variant's {@code NonBlockingHashMapLong} does, so a {@code tell} boxes no id and a comparison of the
 * variants measures the lock, not the key representation.
 * <p>
 * Threading contract: as {@link ActorSystem}. The table lock is held only to look up, add or remove an entry, never
 * while telling an actor or dispatching a run (a dispatch may block when its queue is full, and workers may call
 * {@code stop}). {@link #broadcast} tells every actor of a snapshot array that is rebuilt under the writer lock only
 * after the table changed, and read through a volatile field otherwise, so a broadcast storm neither copies the
 * table each time nor contends on the table lock. {@code spawn} after {@link #close()} returns {@code false}.
 * Statistics use {@link LongAdder}: they are counters, not synchronization.
 *
 * @param <M> message type
 */
public abstract class LockedActorSystem<M> implements ActorSystem<M> {

    private static final Object[] NONE = new Object[0];

    private final Lock readLock;
    private final Lock writeLock;
    private final Dispatch dispatch;
    private final int mailboxCapacity;
    private final LongAdder processed = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    private final LongOpenHashMap<LockedActorCell<M>> actors = new LongOpenHashMap<>(); // guarded by the locks
    /** Written under the writer lock; {@code null} while stale (the table changed since it was built). */
    private volatile Object[] snapshot = NONE;
    private boolean closed; // guarded by the table lock

    protected LockedActorSystem(Lock readLock, Lock writeLock, Dispatch dispatch, int mailboxCapacity) {
        if (mailboxCapacity <= 0) {
            throw new IllegalArgumentException("mailboxCapacity must be > 0, was " + mailboxCapacity);
        }
        this.readLock = Objects.requireNonNull(readLock, "readLock");
        this.writeLock = Objects.requireNonNull(writeLock, "writeLock");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.mailboxCapacity = mailboxCapacity;
    }

    @Override
    public final boolean spawn(long id, Behavior<M> behavior) {
        LockedActorCell<M> cell = new LockedActorCell<>(id, behavior, mailboxCapacity, dispatch, processed, dropped);
        writeLock.lock();
        try {
            if (closed || actors.putIfAbsent(id, cell) != null) {
                return false;
            }
            snapshot = null;
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public final Delivery tell(long id, M message) {
        LockedActorCell<M> cell;
        readLock.lock();
        try {
            if (closed) {
                return Delivery.CLOSED;
            }
            cell = actors.get(id);
        } finally {
            readLock.unlock();
        }
        return cell == null ? Delivery.NO_SUCH_ACTOR : cell.tell(message);
    }

    @Override
    @SuppressWarnings("unchecked")
    public final int broadcast(M message) {
        Objects.requireNonNull(message, "message");
        Object[] cells = snapshot;
        if (cells == null) {
            writeLock.lock();
            try {
                cells = snapshot;
                if (cells == null) {
                    cells = actors.valuesToArray();
                    snapshot = cells;
                }
            } finally {
                writeLock.unlock();
            }
        }
        int accepted = 0;
        for (Object c : cells) {
            // A cell stopped after the snapshot answers NO_SUCH_ACTOR and is not counted.
            if (((LockedActorCell<M>) c).tell(message) == Delivery.ACCEPTED) {
                accepted++;
            }
        }
        return accepted;
    }

    @Override
    public final boolean stop(long id) {
        LockedActorCell<M> cell;
        writeLock.lock();
        try {
            cell = actors.remove(id);
            if (cell != null) {
                snapshot = null;
            }
        } finally {
            writeLock.unlock();
        }
        return cell != null && cell.stop();
    }

    @Override
    public final int size() {
        readLock.lock();
        try {
            return actors.size();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public final long dropped() {
        return dropped.sum();
    }

    @Override
    public final long processed() {
        return processed.sum();
    }

    @Override
    @SuppressWarnings("unchecked")
    public final void close() {
        Object[] cells;
        writeLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            cells = actors.valuesToArray();
            actors.clear();
            snapshot = NONE;
        } finally {
            writeLock.unlock();
        }
        for (Object c : cells) {
            ((LockedActorCell<M>) c).stop();
        }
    }
}
