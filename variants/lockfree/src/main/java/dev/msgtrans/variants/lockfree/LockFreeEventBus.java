package dev.msgtrans.variants.lockfree;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Tuning;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@link EventBus} as a lock-free {@link Flow.Publisher}: a copy-on-write array of subscriptions (read with one
 * volatile load per publish), and per subscription a bounded JCTools MPSC queue, a demand counter and a
 * work-in-progress counter that serialises delivery on the dispatch (the "drain loop" of RxJava and Reactor).
 *
 * <pre>
 *  publisher threads --offer--&gt; [MPSC queue, sub A] --wip 0-&gt;1: dispatch.execute(drain A)--&gt; A.onNext ...
 *                    --offer--&gt; [MPSC queue, sub B] --wip 0-&gt;1: dispatch.execute(drain B)--&gt; B.onNext ...
 *                    (full queue: the event is dropped for that subscriber only, and counted)
 * </pre>
 *
 * Why this structure: publishers are I/O threads that must never block, and each subscriber needs its own bound
 * and its own drops. {@link java.util.concurrent.SubmissionPublisher} has per-subscriber buffers too, but its
 * {@code offer} enters the publisher's monitor on every call in JDK 17 (a lock shared by all publishers), so it is
 * not lock-free for publishers. A Disruptor multicast ring shares one ring among all subscribers: a subscriber can
 * only "drop" by the publisher not publishing, so the publisher either stalls on the slowest subscriber's gating
 * sequence or drops for everyone. Per-subscriber MPSC queues keep a slow subscriber's cost on that subscriber.
 * <p>
 * Buffer: each subscriber's queue is the variant's one MPSC structure, {@link BoundedGrowableMpscQueue} (JCTools'
 * growable MPSC array, its bound made exact at any capacity, 1 included), as under the mailboxes and outbound
 * queues; it starts at {@link Tuning#EVENT_BUFFER_INITIAL_SLOTS} (fewer for a smaller bound) and grows on demand up
 * to the bound, as the locked variants' buffers do. The drain does not depend on that queue counting a producer's
 * resize claim as an item (the mailbox's Dekker re-check does): a publisher signals the drain after its offer has
 * stored the event, so an emptiness check here is only a hint, re-taken on the next signal.
 * <p>
 * Delivery: a publish offers to each queue, then (only if the subscriber has demand, is cancelled, or is done)
 * increments the subscription's WIP counter; the caller that moves it from 0 schedules one drain on the dispatch.
 * The drain emits up to the demand, at most {@link Tuning#EVENT_BATCH} events per run, counted over every pass of
 * its loop (then re-schedules itself, holding the WIP, so one subscriber cannot monopolise a worker), adds what it
 * delivered to {@code delivered()} before it may let go, and subtracts what it missed from WIP before leaving; so
 * exactly one drain runs per subscription at a time and {@code onNext} calls are serial, each happening-before the
 * next. Skipping the signal when there is no demand saves a dispatch task per event for a backpressured
 * subscriber; it is safe because {@code request} adds demand and then signals, and the publisher offers and then
 * reads the demand (both sequentially consistent, so one of them sees the other).
 * <p>
 * Flow rules: {@code onSubscribe} is called on the subscribing thread before the subscription is visible to
 * publishers, and its drain is held until {@code onSubscribe} returns (so no signal can race it);
 * {@code request(n <= 0)} cancels and signals {@code onError(IllegalArgumentException)} (rule 3.9); demand is capped at {@link Long#MAX_VALUE} (unbounded);
 * {@code cancel} removes the subscriber and discards what was buffered, counting it as dropped; {@link #close()}
 * completes every subscriber after what was buffered has been delivered (as demand allows). A subscriber that
 * throws from {@code onNext} is cancelled (rule 2.13); what it threw, like anything thrown from {@code onError} or
 * {@code onComplete}, goes to the dispatch's {@link Dispatch#reportFailure} (the shared policy of
 * {@link dev.msgtrans.core.spi.FailureHandler}). If the dispatch rejects a drain (it was closed before the
 * bus), the subscriber gets {@code onError(RejectedExecutionException)} on the thread that signalled, and its
 * buffer is counted as dropped.
 * <p>
 * Progress: {@code publish} never blocks and is lock-free (one CAS per subscriber queue, one atomic increment per
 * subscriber with demand), except that it waits for another publisher that is growing the same subscriber's array
 * (at most {@code log2(bound / initial slots)} times per subscriber, see {@link BoundedGrowableMpscQueue});
 * {@code subscribe} and {@code cancel} are lock-free CAS loops on the array.
 *
 * @param <E> event type
 */
public final class LockFreeEventBus<E> implements EventBus<E> {

    private static final VarHandle SUBSCRIBERS;
    private static final Sub<?>[] NONE = new Sub<?>[0];

    static {
        try {
            SUBSCRIBERS = MethodHandles.lookup().findVarHandle(LockFreeEventBus.class, "subscribers", Sub[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Dispatch dispatch;
    private final int bufferCapacity;
    private final LongAdder dropped = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private volatile Sub<?>[] subscribers = NONE;
    private volatile boolean closed;

    /**
     * @param dispatch       where deliveries run, and where subscribers' failures are reported
     * @param bufferCapacity bound of each subscriber's buffer (enforced exactly)
     */
    public LockFreeEventBus(Dispatch dispatch, int bufferCapacity) {
        if (bufferCapacity < 1) {
            throw new IllegalArgumentException("buffer capacity must be at least 1, got " + bufferCapacity);
        }
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.bufferCapacity = bufferCapacity;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super E> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber"); // rule 1.9
        // The new subscription's WIP starts at 1: its drain is held until onSubscribe has returned, so a request,
        // cancel or close signalled from inside onSubscribe is delivered after it (rule 1.3, serial signals).
        Sub<E> sub = new Sub<>(this, subscriber);
        subscriber.onSubscribe(sub);
        if (!sub.cancelled) {
            if (!closed) {
                add(sub);
            }
            // close() writes the flag, then scans the array; we add, then read the flag: one sees the other.
            if (closed) {
                sub.done = true;
            }
        }
        sub.schedule(); // releases the hold: the drain delivers whatever was signalled meanwhile
    }

    @Override
    @SuppressWarnings("unchecked")
    public int publish(E event) {
        Objects.requireNonNull(event, "event");
        if (closed) {
            return 0;
        }
        int buffered = 0;
        for (Sub<?> s : subscribers) {
            if (((Sub<E>) s).offer(event)) {
                buffered++;
            } else {
                dropped.increment();
            }
        }
        return buffered;
    }

    @Override
    public long dropped() {
        return dropped.sum();
    }

    @Override
    public long delivered() {
        return delivered.sum();
    }

    @Override
    public int subscribers() {
        return subscribers.length;
    }

    /** Completes every subscriber once its buffer is delivered; further publishes buffer nothing. Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (Sub<?> s : subscribers) {
            s.complete();
        }
    }

    private void add(Sub<?> sub) {
        for (;;) {
            Sub<?>[] cur = subscribers;
            Sub<?>[] next = new Sub<?>[cur.length + 1];
            System.arraycopy(cur, 0, next, 0, cur.length);
            next[cur.length] = sub;
            if (SUBSCRIBERS.compareAndSet(this, cur, next)) {
                return;
            }
        }
    }

    private void remove(Sub<?> sub) {
        for (;;) {
            Sub<?>[] cur = subscribers;
            int i = indexOf(cur, sub);
            if (i < 0) {
                return;
            }
            Sub<?>[] next;
            if (cur.length == 1) {
                next = NONE;
            } else {
                next = new Sub<?>[cur.length - 1];
                System.arraycopy(cur, 0, next, 0, i);
                System.arraycopy(cur, i + 1, next, i, cur.length - i - 1);
            }
            if (SUBSCRIBERS.compareAndSet(this, cur, next)) {
                return;
            }
        }
    }

    private static int indexOf(Sub<?>[] a, Sub<?> s) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == s) {
                return i;
            }
        }
        return -1;
    }

    /** One subscriber's buffer, demand and drain; it is its own dispatch task. */
    private static final class Sub<E> implements Flow.Subscription, Runnable {
        private static final VarHandle REQUESTED;
        private static final VarHandle WIP;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                REQUESTED = l.findVarHandle(Sub.class, "requested", long.class);
                WIP = l.findVarHandle(Sub.class, "wip", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final LockFreeEventBus<E> bus;
        private final Flow.Subscriber<? super E> subscriber;
        private final BoundedGrowableMpscQueue<E> queue;

        private volatile long requested;
        private volatile int wip;
        /** Set by cancel, by a bad request, by completion; publishers that see it signal so the drain discards. */
        private volatile boolean cancelled;
        private volatile boolean done;
        private volatile Throwable error;
        /** Drain-only: a terminal signal has been sent. */
        private boolean terminated;

        Sub(LockFreeEventBus<E> bus, Flow.Subscriber<? super E> subscriber) {
            this.bus = bus;
            this.subscriber = subscriber;
            this.queue = new BoundedGrowableMpscQueue<>(bus.bufferCapacity, Tuning.EVENT_BUFFER_INITIAL_SLOTS);
            WIP.set(this, 1); // held by subscribe() until onSubscribe returns
        }

        /** Publisher thread. */
        boolean offer(E event) {
            boolean ok = queue.offer(event);
            if (ok && (requested != 0 || cancelled || done)) {
                signal();
            }
            return ok;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (error == null) {
                    error = new IllegalArgumentException(
                            "Reactive Streams rule 3.9: request(n) needs n > 0, got " + n);
                }
            } else {
                for (;;) {
                    long r = requested;
                    long next = r + n;
                    if (next < 0) {
                        next = Long.MAX_VALUE; // overflow: unbounded (rule 3.17)
                    }
                    if (r == Long.MAX_VALUE || REQUESTED.compareAndSet(this, r, next)) {
                        break;
                    }
                }
            }
            signal();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                bus.remove(this);
                signal(); // the drain discards the buffer, counting it
            }
        }

        void complete() {
            done = true;
            signal();
        }

        private void signal() {
            if ((int) WIP.getAndAdd(this, 1) == 0) {
                schedule();
            }
        }

        /** Caller owns the drain (moved WIP from 0, or holds it to continue). */
        private void schedule() {
            try {
                bus.dispatch.execute(this);
            } catch (RejectedExecutionException e) {
                if (error == null) {
                    error = e;
                }
                run(); // terminal mode only: discards and at most one onError, so safe on this thread
            }
        }

        @Override
        public void run() {
            int missed = 1;
            int sent = 0; // handed to onNext by this run, at most EVENT_BATCH
            int counted = 0; // of which already added to delivered()
            for (;;) {
                if (terminated) {
                    discard();
                } else if (cancelled) {
                    terminate();
                } else if (error != null) {
                    terminate();
                    try {
                        subscriber.onError(error);
                    } catch (Throwable t) {
                        bus.dispatch.reportFailure(t); // rule 2.13: nothing left to tell the subscriber
                    }
                } else {
                    sent += emit(Tuning.EVENT_BATCH - sent);
                    if (!cancelled) {
                        if (done && queue.isEmpty()) {
                            counted = count(sent, counted); // before the terminal signal
                            terminate();
                            try {
                                subscriber.onComplete();
                            } catch (Throwable t) {
                                bus.dispatch.reportFailure(t); // rule 2.13
                            }
                        } else if (sent == Tuning.EVENT_BATCH && requested != 0 && !queue.isEmpty()) {
                            count(sent, counted);
                            schedule(); // keep WIP: the next run continues where this one stopped
                            return;
                        }
                    } // else the loop comes round and terminates
                }
                counted = count(sent, counted); // before the WIP may let another run start
                missed = (int) WIP.getAndAdd(this, -missed) - missed;
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Adds this run's deliveries not yet counted; in the common case once per run. @return {@code sent} */
        private int count(int sent, int counted) {
            if (sent != counted) {
                bus.delivered.add(sent - counted);
            }
            return sent;
        }

        /** Drain only: emits up to the demand and {@code limit}. @return the items handed to {@code onNext} */
        private int emit(int limit) {
            long r = requested;
            int e = 0;
            while (e != r && e < limit && !cancelled) {
                E item = queue.relaxedPoll(); // a claimed-but-unfilled slot: its producer signals after the store
                if (item == null) {
                    break;
                }
                e++;
                try {
                    subscriber.onNext(item);
                } catch (Throwable t) {
                    cancel(); // rule 2.13
                    bus.dispatch.reportFailure(t);
                }
            }
            if (e != 0 && r != Long.MAX_VALUE) {
                REQUESTED.getAndAdd(this, (long) -e);
            }
            return e;
        }

        /** Drain only: no signal after this one; the buffer (and anything offered later) is counted as dropped. */
        private void terminate() {
            terminated = true;
            cancelled = true; // volatile store before the discard: late publishers then signal (see offer)
            bus.remove(this);
            discard();
        }

        private void discard() {
            long n = 0;
            while (queue.poll() != null) {
                n++;
            }
            if (n != 0) {
                bus.dropped.add(n);
            }
        }
    }
}
