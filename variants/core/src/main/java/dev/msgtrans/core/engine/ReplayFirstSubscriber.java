package dev.msgtrans.core.engine;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Stands between an event bus and one subscriber, and gives the subscriber one event before the bus's stream: the
 * server's {@code ServerStarted}, which is published inside {@code start()}, before anybody can subscribe.
 * <p>
 * Threading contract: the Flow rules, as the bus keeps them. The replayed event is delivered on {@code executor}
 * (the event dispatch, where the bus delivers too) against the subscriber's first positive request; the bus gets no
 * demand until that {@code onNext} has returned, so it cannot signal {@code onNext} meanwhile, and a terminal signal
 * it sends meanwhile is held and passed on after the replayed event (signals stay serial, rule 1.3). Demand asked
 * during the replay is passed on after it, less the one replayed event. If the bus ends the stream before any
 * request, nothing is replayed. A subscriber that throws from the replayed {@code onNext} is cancelled and its
 * failure reported (rule 2.13), as the bus does for its own events.
 *
 * @param <E> event type
 */
final class ReplayFirstSubscriber<E> implements Flow.Subscriber<E>, Flow.Subscription {

    private static final int WAITING = 0;   // no request yet
    private static final int REPLAYING = 1; // the replayed onNext is queued or running
    private static final int PASSING = 2;   // replayed (or skipped): a plain relay from here on

    private final Flow.Subscriber<? super E> downstream;
    private final E first;
    private final Executor executor;
    private final Consumer<Throwable> failures;
    /** Set in onSubscribe, before the subscriber can call request or cancel. */
    private Flow.Subscription upstream;
    private volatile boolean cancelled;

    // Guarded by this: a subscriber's requests are serial (rule 2.7), but the bus's terminal signals are not.
    private int state = WAITING;
    private long owed;
    private long badRequest = 1; // a non-positive request made during the replay, passed on after it
    private boolean terminalHeld;
    private Throwable heldError;

    ReplayFirstSubscriber(Flow.Subscriber<? super E> downstream, E first, Executor executor,
                          Consumer<Throwable> failures) {
        this.downstream = Objects.requireNonNull(downstream, "subscriber");
        this.first = first;
        this.executor = executor;
        this.failures = failures;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        upstream = subscription;
        downstream.onSubscribe(this);
    }

    /** Only once the state is {@code PASSING}: the bus has no demand before. */
    @Override
    public void onNext(E item) {
        downstream.onNext(item);
    }

    @Override
    public void onError(Throwable error) {
        if (!hold(error)) {
            downstream.onError(error);
        }
    }

    @Override
    public void onComplete() {
        if (!hold(null)) {
            downstream.onComplete();
        }
    }

    /** @return {@code true} if the terminal signal waits for the replay to finish */
    private synchronized boolean hold(Throwable error) {
        if (state == REPLAYING) {
            terminalHeld = true;
            heldError = error;
            return true;
        }
        state = PASSING; // ended before any request: nothing to replay
        return false;
    }

    @Override
    public void request(long n) {
        boolean replay = false;
        boolean pass = false;
        synchronized (this) {
            if (state == WAITING && n > 0) {
                state = REPLAYING;
                owed = n - 1;
                replay = true;
            } else if (state == REPLAYING) {
                if (n <= 0) {
                    badRequest = n;
                } else {
                    owed = owed + n < 0 ? Long.MAX_VALUE : owed + n;
                }
            } else {
                pass = true; // passing, or a bad first request for the bus to refuse (rule 3.9)
            }
        }
        if (pass) {
            upstream.request(n);
        } else if (replay) {
            try {
                executor.execute(this::replay);
            } catch (RejectedExecutionException closing) {
                replay(); // the bus is closing too; deliver here rather than lose the event
            }
        }
    }

    private void replay() {
        if (!cancelled) {
            try {
                downstream.onNext(first);
            } catch (Throwable t) {
                cancel();
                failures.accept(t);
            }
        }
        long more;
        long bad;
        boolean ended;
        Throwable error;
        synchronized (this) {
            state = PASSING;
            more = owed;
            bad = badRequest;
            ended = terminalHeld;
            error = heldError;
        }
        if (ended) {
            if (!cancelled) {
                if (error != null) {
                    downstream.onError(error);
                } else {
                    downstream.onComplete();
                }
            }
            return;
        }
        if (bad <= 0) {
            upstream.request(bad);
        } else if (more > 0) {
            upstream.request(more);
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
        upstream.cancel();
    }
}
