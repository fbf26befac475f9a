package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.TransportEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A subscriber that keeps every event it is delivered, in delivery order, and lets a test wait for one. The waits
 * are liveness bounds (a broken transport fails the case instead of hanging it), not timing assertions.
 * <p>
 * Threading contract: {@code onNext} etc. are called serially by the event bus; the query methods from any thread.
 */
public final class EventRecorder implements Flow.Subscriber<TransportEvent> {

    /** How long a case waits for something that should happen at once. */
    public static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<TransportEvent> events = new ArrayList<>(); // guarded by this
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private boolean completed; // guarded by this

    /** Subscribes to {@code publisher} and waits until the subscription is in place. */
    public static EventRecorder subscribe(Flow.Publisher<TransportEvent> publisher) throws InterruptedException {
        EventRecorder r = new EventRecorder();
        publisher.subscribe(r);
        if (!r.subscribed.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the event bus did not call onSubscribe within " + PATIENCE);
        }
        return r;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
        subscribed.countDown();
    }

    @Override
    public synchronized void onNext(TransportEvent item) {
        events.add(item);
        notifyAll();
    }

    @Override
    public synchronized void onError(Throwable throwable) {
        events.add(new TransportEvent.TransportError(-1, "SUBSCRIBER_ERROR", String.valueOf(throwable)));
        completed = true;
        notifyAll();
    }

    @Override
    public synchronized void onComplete() {
        completed = true;
        notifyAll();
    }

    /** Waits for the first event matching {@code p} and returns it. */
    public <E extends TransportEvent> E await(Class<E> type, Predicate<? super E> p) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (this) {
            while (true) {
                for (TransportEvent e : events) {
                    if (type.isInstance(e) && p.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " matching the case within " + PATIENCE
                            + "; events so far: " + summary());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Waits until at least {@code n} events match {@code p}. */
    public <E extends TransportEvent> List<E> awaitCount(Class<E> type, Predicate<? super E> p, int n)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (this) {
            while (true) {
                List<E> found = matching(type, p);
                if (found.size() >= n) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(found.size() + " of " + n + " " + type.getSimpleName()
                            + " events within " + PATIENCE + "; events so far: " + summary());
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    /** Waits until the bus completes this subscriber (it does on close). */
    public synchronized void awaitCompletion() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!completed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the event stream did not complete within " + PATIENCE);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    public synchronized <E extends TransportEvent> List<E> matching(Class<E> type, Predicate<? super E> p) {
        List<E> out = new ArrayList<>();
        for (TransportEvent e : events) {
            if (type.isInstance(e) && p.test(type.cast(e))) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Every event of one session, in delivery order. */
    public synchronized List<TransportEvent> of(long session) {
        List<TransportEvent> out = new ArrayList<>();
        for (TransportEvent e : events) {
            if (e.session() == session) {
                out.add(e);
            }
        }
        return out;
    }

    public synchronized List<TransportEvent> snapshot() {
        return new ArrayList<>(events);
    }

    private String summary() {
        int n = events.size();
        List<TransportEvent> tail = events.subList(Math.max(0, n - 20), n);
        return n + " events" + (n > 20 ? ", the last 20: " : ": ") + tail;
    }
}
