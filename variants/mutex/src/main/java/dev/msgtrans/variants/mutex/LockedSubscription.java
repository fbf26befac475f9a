package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Tuning;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One subscriber of a lock-based {@link dev.msgtrans.core.spi.EventBus}: a bounded buffer, the outstanding demand
 * and a {@code draining} flag under one lock, and the serial drain that signals the subscriber on the executor.
 * Shared by the mutex and rwlock event buses, which differ only in how they lock their subscriber list.
 * <p>
 * Threading contract: {@link #offer} and {@link #complete} from the bus (any thread); {@link #request} and
 * {@link #cancel} from anyone holding the subscription; {@link #run} only from the executor. The {@code draining}
 * flag means "a run is queued or running"; it is set under the lock by whoever schedules a run and cleared only by
 * the run that finds nothing to do, so every signal ({@code onSubscribe}, {@code onNext}, {@code onError},
 * {@code onComplete}) comes from one run at a time, each after the previous one (rule 1.3). No lock is held
 * while the subscriber is called, so it may call {@code request} and {@code cancel} from inside {@code onNext}.
 * <p>
 * Flow rules kept: {@code onSubscribe} is the first signal, delivered by the first run; {@code onNext} only against
 * demand, which saturates at {@link Long#MAX_VALUE} (3.17); {@code request(n <= 0)} signals
 * {@link IllegalArgumentException} through {@code onError} and cancels (3.9); {@code cancel} is idempotent and
 * stops delivery (3.5, 3.7), and what was still buffered is counted as dropped; a subscriber that throws is treated
 * as cancelled, its failure is given to the dispatch's {@link Dispatch#reportFailure}, and it is then told through
 * {@code onError} (2.13). {@link #complete()} lets the buffer drain first, so a
 * subscriber that stops requesting never sees {@code onComplete}; when it cancels, the rest is counted as dropped.
 * <p>
 * A run moves a batch out of the buffer under one lock acquisition (as many as demand allows, up to what is left of
 * {@link Tuning#EVENT_BATCH}), delivers it with no lock held, and takes the lock again only to take the next batch
 * or to go idle; it delivers at most {@link Tuning#EVENT_BATCH} items, then re-dispatches itself, so one fast
 * subscriber cannot hold a worker. An item moved out is either handed to {@code onNext} or, if the subscription
 * terminated meanwhile (the subscriber cancelled or threw), counted as dropped; so after a cancel at most the item in
 * flight is still delivered. The buffer starts at {@link Tuning#EVENT_BUFFER_INITIAL_SLOTS} and grows on demand up
 * to the bound. Statistics use {@link LongAdder}: they are counters, not synchronization; a run adds its
 * deliveries once, before it signals completion or lets go.
 *
 * @param <E> event type
 */
public final class LockedSubscription<E> implements Flow.Subscription, Runnable {

    /** What {@link #offer} did. */
    public enum Offer {
        /** Buffered; a drain is running or not needed yet (no demand). */
        BUFFERED,
        /** Buffered, and the subscription was idle with demand: the caller must call {@link #wake()} (no lock held). */
        WAKE,
        /** The buffer was full: the event was dropped for this subscriber and counted. */
        DROPPED,
        /** The subscription has terminated (cancelled or completed); nothing was buffered or counted. */
        TERMINATED
    }

    private final Flow.Subscriber<? super E> subscriber;
    private final Dispatch executor;
    private final int capacity;
    private final LongAdder delivered;
    private final LongAdder dropped;
    private final Consumer<? super LockedSubscription<E>> onTerminate;

    private final ReentrantLock lock = new ReentrantLock();
    // Guarded by lock.
    private final ArrayDeque<E> buffer;
    private long demand;
    private boolean draining = true; // the first run (onSubscribe) is owed from construction on
    private boolean completing;
    /** Written under lock; volatile so that a run can check it between deliveries without the lock. */
    private volatile boolean terminated;
    private IllegalArgumentException badRequest;

    /**
     * Owned by the publisher that got {@link Offer#WAKE}, until its {@link #wake()}: the next subscription that the
     * same publish must wake. No other thread can get {@code WAKE} (or run this subscription) before that
     * {@code wake()}, and the next owner's write happens after it (the executor hand-off, then this lock), so a
     * plain field suffices. Lets a bus that must wake after releasing its own lock chain the subscriptions it owes
     * a wake without a list per publish.
     */
    private LockedSubscription<E> nextToWake;

    /** Runner-only: runs are serial, ordered by the lock. */
    private boolean subscribed;
    private final Object[] batch = new Object[Tuning.EVENT_BATCH];

    /**
     * @param onTerminate called once, without any lock of this subscription held, when it cancels or terminates,
     *                    so the bus can forget it
     */
    public LockedSubscription(Flow.Subscriber<? super E> subscriber, Dispatch executor, int capacity,
                              LongAdder delivered, LongAdder dropped,
                              Consumer<? super LockedSubscription<E>> onTerminate) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.capacity = capacity;
        this.delivered = delivered;
        this.dropped = dropped;
        this.onTerminate = onTerminate;
        this.buffer = new ArrayDeque<>(Tuning.initialSlots(capacity, Tuning.EVENT_BUFFER_INITIAL_SLOTS));
    }

    /** Schedules the first run, which calls {@code onSubscribe}. Call once, after the bus can reach this subscription. */
    public void start() {
        wake();
    }

    /** Bus side, any thread; never blocks on the subscriber. */
    public Offer offer(E event) {
        lock.lock();
        try {
            if (terminated) {
                return Offer.TERMINATED;
            }
            if (buffer.size() >= capacity) {
                dropped.increment();
                return Offer.DROPPED;
            }
            buffer.addLast(event);
            if (!draining && demand > 0) {
                draining = true;
                return Offer.WAKE;
            }
            return Offer.BUFFERED;
        } finally {
            lock.unlock();
        }
    }

    /**
     * After {@link Offer#WAKE}: hands the drain to the executor. Call without holding any lock. If the executor has
     * been closed (shutdown order is the bus, then its dispatch), nothing can signal the subscriber any more: the
     * subscription terminates silently and what it had buffered is counted as dropped, so publishers never see
     * the rejection.
     */
    public void wake() {
        try {
            executor.execute(this);
        } catch (RejectedExecutionException closed) {
            if (terminate()) {
                onTerminate.accept(this);
            }
        }
    }

    /**
     * After {@link Offer#WAKE}, before {@link #wake()}, by the publisher that got it: links {@code next}, a
     * subscription the same publish owes a wake, to be taken back with {@link #takeNextToWake()}.
     */
    public void linkNextToWake(LockedSubscription<E> next) {
        nextToWake = next;
    }

    /**
     * After {@link Offer#WAKE}, by the publisher that got it, before it calls {@link #wake()} (after that the link
     * may belong to another publisher): unlinks and returns the next subscription to wake, or {@code null}.
     */
    public LockedSubscription<E> takeNextToWake() {
        LockedSubscription<E> next = nextToWake;
        nextToWake = null;
        return next;
    }

    /** Bus close: {@code onComplete} once everything buffered has been delivered. */
    public void complete() {
        lock.lock();
        try {
            if (terminated || completing) {
                return;
            }
            completing = true;
            if (draining || (!buffer.isEmpty() && demand == 0)) {
                return; // the running drain, or the next request, will get to onComplete
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        wake();
    }

    @Override
    public void request(long n) {
        lock.lock();
        try {
            if (terminated) {
                return;
            }
            if (n <= 0) {
                if (badRequest == null) {
                    badRequest = new IllegalArgumentException("request(" + n + "): demand must be > 0 (rule 3.9)");
                }
            } else {
                demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                if (buffer.isEmpty()) {
                    return;
                }
            }
            if (draining) {
                return;
            }
            draining = true;
        } finally {
            lock.unlock();
        }
        wake();
    }

    @Override
    public void cancel() {
        if (terminate()) {
            onTerminate.accept(this);
        }
    }

    /** @return {@code true} for the call that terminated; what was buffered is counted as dropped */
    private boolean terminate() {
        int discarded;
        lock.lock();
        try {
            if (terminated) {
                return false;
            }
            terminated = true;
            discarded = buffer.size();
            buffer.clear();
        } finally {
            lock.unlock();
        }
        dropped.add(discarded);
        return true;
    }

    /** Executor only: delivers what demand allows, a batch per lock acquisition; then idles, yields or terminates. */
    @Override
    @SuppressWarnings("unchecked")
    public void run() {
        if (!subscribed) {
            subscribed = true;
            try {
                subscriber.onSubscribe(this);
            } catch (Throwable t) {
                fail(t);
                return;
            }
        }
        int sent = 0; // handed to onNext by this run, at most EVENT_BATCH
        for (;;) {
            int n = 0;
            IllegalArgumentException error = null;
            boolean complete = false;
            lock.lock();
            try {
                if (terminated) {
                    break;
                }
                if (badRequest != null) {
                    error = badRequest;
                } else if (demand > 0 && !buffer.isEmpty()) {
                    // sent == EVENT_BATCH: n stays 0, the run yields the worker and stays draining
                    n = (int) Math.min(Math.min(demand, Tuning.EVENT_BATCH - sent), buffer.size());
                    for (int i = 0; i < n; i++) {
                        batch[i] = buffer.pollFirst();
                    }
                    demand -= n;
                } else if (completing && buffer.isEmpty()) {
                    complete = true;
                } else {
                    draining = false;
                    break;
                }
            } finally {
                lock.unlock();
            }
            if (error != null) {
                count(sent);
                if (terminate()) {
                    onTerminate.accept(this);
                    signalError(error);
                }
                return;
            }
            if (complete) {
                count(sent);
                if (terminate()) {
                    onTerminate.accept(this);
                    try {
                        subscriber.onComplete();
                    } catch (Throwable t) {
                        executor.reportFailure(t);
                    }
                }
                return;
            }
            if (n == 0) {
                count(sent);
                wake();
                return;
            }
            for (int i = 0; i < n; i++) {
                E next = (E) batch[i];
                batch[i] = null;
                if (terminated) {
                    // Cancelled while this batch was out: the rest is counted like the rest of the buffer.
                    Arrays.fill(batch, i, n, null);
                    dropped.add(n - i);
                    count(sent);
                    return;
                }
                sent++;
                try {
                    subscriber.onNext(next);
                } catch (Throwable t) {
                    Arrays.fill(batch, i + 1, n, null);
                    dropped.add(n - i - 1);
                    count(sent);
                    fail(t);
                    return;
                }
            }
        }
        count(sent);
    }

    private void count(int sent) {
        if (sent != 0) {
            delivered.add(sent);
        }
    }

    /** The subscriber threw (rule 2.13): report it (the shared failure policy), cancel, then tell it why. */
    private void fail(Throwable t) {
        executor.reportFailure(t);
        if (terminate()) {
            onTerminate.accept(this);
            signalError(t);
        }
    }

    private void signalError(Throwable t) {
        try {
            subscriber.onError(t);
        } catch (Throwable again) {
            executor.reportFailure(again);
        }
    }
}
