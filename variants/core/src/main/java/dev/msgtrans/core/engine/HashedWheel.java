package dev.msgtrans.core.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A hashed timer wheel (Varghese and Lauck; the idea of Netty's {@code HashedWheelTimer}): a ring of buckets, one per
 * tick; an entry due in {@code d} nanoseconds goes into the bucket {@code d / tickNanos} ahead of the current one,
 * with the number of whole turns of the ring it must wait ({@code rounds}). Each tick visits one bucket and fires the
 * entries there whose rounds have run out, so a tick costs what is due in its bucket (plus the turns counted down
 * there), not what is scheduled in total.
 * <pre>
 *   any thread --schedule--> [pending: lock-free queue] --tick--> bucket[(t + d/tick) & mask] --tick t'--> run
 *   any thread --cancel----> state CAS + [cancelled queue] --tick--> unlinked from its bucket
 * </pre>
 * An entry never fires before its deadline: the bucket of tick {@code t} is visited once the clock has passed the end
 * of tick {@code t}. It fires at most one tick (plus the driver's lateness) after it.
 * <p>
 * Threading contract: {@link #schedule} and {@link Entry#cancel} from any thread; {@link #tick} from one thread at a
 * time (the timer thread), which alone touches the buckets. New entries reach that thread through a lock-free queue
 * (a {@link ConcurrentLinkedQueue}, multi-producer, one consumer here) rather than a lock: the reading threads that arm
 * a linger, the opener that arms an idle check and a requester that arms its session's request expiry never wait
 * behind a tick that is firing a full bucket, and the tick never waits for them. Putting an entry in that queue happens-before the tick that takes it, so the task's fields
 * need no further fencing. Exactly one of {@code cancel} and firing wins an entry (a CAS on its state).
 */
final class HashedWheel {

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    private static final int FIRED = 2;

    /** One scheduled task. Bucket links and {@link #rounds} are confined to the ticking thread. */
    static final class Entry {
        private final HashedWheel wheel;
        private final Runnable task;
        /** Deadline relative to the wheel's start, in nanoseconds. */
        private final long deadline;
        private final AtomicInteger state = new AtomicInteger(PENDING);
        private long rounds;
        private Entry prev;
        private Entry next;
        private Bucket bucket;

        private Entry(HashedWheel wheel, Runnable task, long deadline) {
            this.wheel = wheel;
            this.task = task;
            this.deadline = deadline;
        }

        /**
         * Any thread: the task will not run unless it already has (or is running).
         *
         * @return {@code true} if this call cancelled it
         */
        boolean cancel() {
            if (!state.compareAndSet(PENDING, CANCELLED)) {
                return false;
            }
            wheel.cancelled.add(this); // unlinked by the next tick, so a cancelled entry does not wait out its rounds
            return true;
        }

        boolean isCancelled() {
            return state.get() == CANCELLED;
        }

        boolean hasFired() {
            return state.get() == FIRED;
        }
    }

    /** A doubly linked list of entries; ticking-thread-confined. */
    private static final class Bucket {
        private Entry head;
        private Entry tail;

        void add(Entry e) {
            e.bucket = this;
            e.prev = tail;
            e.next = null;
            if (tail == null) {
                head = e;
            } else {
                tail.next = e;
            }
            tail = e;
        }

        void remove(Entry e) {
            if (e.prev == null) {
                head = e.next;
            } else {
                e.prev.next = e.next;
            }
            if (e.next == null) {
                tail = e.prev;
            } else {
                e.next.prev = e.prev;
            }
            e.prev = null;
            e.next = null;
            e.bucket = null;
        }
    }

    private final long tickNanos;
    private final long startNanos;
    private final Bucket[] buckets;
    private final int mask;
    private final BiConsumer<Runnable, Throwable> onFailure;
    private final Queue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final Queue<Entry> cancelled = new ConcurrentLinkedQueue<>();
    /** Ticks completed; ticking-thread-confined. */
    private long tick;

    /**
     * @param tickNanos  the length of one tick (the resolution of every deadline)
     * @param bucketCount the ring's size, rounded up to a power of two; a turn of the ring is {@code bucketCount} ticks
     * @param startNanos {@link System#nanoTime()} at which tick 0 begins
     * @param onFailure  told (on the ticking thread) of a task that threw, {@code Error}s included; the tick goes on
     */
    HashedWheel(long tickNanos, int bucketCount, long startNanos, BiConsumer<Runnable, Throwable> onFailure) {
        if (tickNanos <= 0 || bucketCount <= 0 || bucketCount > 1 << 30) {
            throw new IllegalArgumentException("tickNanos " + tickNanos + ", bucketCount " + bucketCount);
        }
        int size = Integer.highestOneBit(bucketCount);
        if (size < bucketCount) {
            size <<= 1;
        }
        this.tickNanos = tickNanos;
        this.startNanos = startNanos;
        this.buckets = new Bucket[size];
        for (int i = 0; i < size; i++) {
            buckets[i] = new Bucket();
        }
        this.mask = size - 1;
        this.onFailure = onFailure;
    }

    /**
     * Any thread: runs {@code task} on the ticking thread in the first tick that ends at or after
     * {@code nowNanos + delayNanos}. The task should not block; if it throws, {@code onFailure} is told.
     */
    Entry schedule(Runnable task, long nowNanos, long delayNanos) {
        Entry e = new Entry(this, task, nowNanos - startNanos + Math.max(0, delayNanos));
        pending.add(e);
        return e;
    }

    /**
     * Ticking thread: advances the wheel through every tick that has ended by {@code nowNanos}, firing the entries
     * due in each; a task that throws is reported and the rest still run.
     *
     * @return how many tasks ran
     */
    int tick(long nowNanos) {
        int fired = 0;
        long elapsed = nowNanos - startNanos;
        while ((tick + 1) * tickNanos <= elapsed) {
            unlinkCancelled();
            transferPending();
            fired += fire(buckets[(int) (tick & mask)]);
            tick++;
        }
        return fired;
    }

    /** Ticking thread: entries scheduled and not yet fired or cancelled (for tests and diagnostics). */
    int size() {
        unlinkCancelled();
        int n = 0;
        for (Entry e : pending) {
            n += e.state.get() == PENDING ? 1 : 0;
        }
        for (Bucket b : buckets) {
            for (Entry e = b.head; e != null; e = e.next) {
                n++;
            }
        }
        return n;
    }

    private void unlinkCancelled() {
        for (Entry e; (e = cancelled.poll()) != null; ) {
            if (e.bucket != null) {
                e.bucket.remove(e);
            }
            // else still in the pending queue: transferPending drops it
        }
    }

    private void transferPending() {
        for (Entry e; (e = pending.poll()) != null; ) {
            if (e.state.get() != PENDING) {
                continue;
            }
            long due = e.deadline / tickNanos;           // the tick whose end is at or after the deadline
            long at = Math.max(due, tick);               // already due: this tick
            e.rounds = (at - tick) / buckets.length;
            buckets[(int) (at & mask)].add(e);
        }
    }

    private int fire(Bucket bucket) {
        int fired = 0;
        for (Entry e = bucket.head; e != null; ) {
            Entry next = e.next;
            if (e.rounds > 0) {
                e.rounds--;
            } else {
                bucket.remove(e);
                if (e.state.compareAndSet(PENDING, FIRED)) {
                    fired++;
                    try {
                        e.task.run();
                    } catch (Throwable t) {
                        // Every failure, Errors included: one task must not end the others' deadlines.
                        onFailure.accept(e.task, t);
                    }
                }
            }
            e = next;
        }
        return fired;
    }
}
