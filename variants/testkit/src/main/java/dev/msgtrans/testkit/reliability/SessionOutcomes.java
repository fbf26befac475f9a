package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportEvent.ConnectionClosed;
import dev.msgtrans.core.TransportEvent.ConnectionEstablished;
import dev.msgtrans.core.TransportEvent.TransportError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An event subscriber that keeps, per session, only how it ended: its peer, the {@code TransportError}s published
 * for it and its {@code ConnectionClosed} reason; and lets many threads wait for one session's end at once. It is
 * the constant-work-per-event counterpart of {@code e2e.EventRecorder} (which keeps every event in a list and scans
 * it per wait): fuzzing and fault runs open tens of thousands of sessions and publish a {@code MessageReceived} per
 * frame, which a scanning recorder would turn into quadratic work.
 * <p>
 * Threading contract: the {@code Flow.Subscriber} methods are called serially by the event bus; every query from any
 * thread. The waits are liveness bounds (a transport that never closes a session fails the case instead of hanging
 * it), never speed assertions.
 */
public final class SessionOutcomes implements Flow.Subscriber<TransportEvent> {

    /** How one session ended. */
    public record Outcome(long session, String peer, CloseReason reason, List<TransportError> errors) {

        /** The cause of the session's first error, or {@code null} if none was published. */
        public String firstCause() {
            return errors.isEmpty() ? null : errors.get(0).cause();
        }
    }

    private final Duration patience;
    private final ConcurrentHashMap<Long, Entry> sessions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, CompletableFuture<Long>> byPeer = new ConcurrentHashMap<>();
    private final List<TransportError> serverWide = new ArrayList<>(); // guarded by itself
    private final AtomicLong events = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);

    private SessionOutcomes(Duration patience) {
        this.patience = patience;
    }

    /** Subscribes to {@code publisher} with unbounded demand and waits until the subscription is in place. */
    public static SessionOutcomes subscribe(Flow.Publisher<TransportEvent> publisher, Duration patience)
            throws InterruptedException {
        SessionOutcomes o = new SessionOutcomes(patience);
        publisher.subscribe(o);
        if (!o.subscribed.await(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the event bus did not call onSubscribe within " + patience);
        }
        return o;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
        subscribed.countDown();
    }

    @Override
    public void onNext(TransportEvent e) {
        events.incrementAndGet();
        if (e instanceof ConnectionEstablished est) {
            entry(est.session()).peer = est.peer();
            // A peer string is reused when the OS reuses an ephemeral port: the latest session wins.
            byPeer.compute(est.peer(), (k, f) -> {
                if (f != null && !f.isDone()) {
                    f.complete(est.session()); // a waiter is there already
                    return f;
                }
                return CompletableFuture.completedFuture(est.session());
            });
        } else if (e instanceof TransportError err) {
            if (err.session() < 0) {
                synchronized (serverWide) {
                    serverWide.add(err);
                }
            } else {
                entry(err.session()).errors.add(err);
            }
        } else if (e instanceof ConnectionClosed closed) {
            Entry en = entry(closed.session());
            if (en.peer != null) {
                // forget the peer's mapping once its session is gone, so a reused port never finds a stale session
                byPeer.computeIfPresent(en.peer, (k, f) -> f.isDone() && f.join() == closed.session() ? null : f);
            }
            en.closed.complete(new Outcome(closed.session(), en.peer, closed.reason(), List.copyOf(en.errors)));
        }
    }

    @Override
    public void onError(Throwable throwable) {
        synchronized (serverWide) {
            serverWide.add(new TransportError(-1, "SUBSCRIBER_ERROR", String.valueOf(throwable)));
        }
    }

    @Override
    public void onComplete() {
        // nothing to release: outcomes stay queryable after the transport closed
    }

    /** Waits for the session's {@code ConnectionClosed}. */
    public Outcome awaitClosed(long session) throws InterruptedException {
        return await(entry(session).closed, "ConnectionClosed of session " + session);
    }

    /**
     * Waits for the {@code ConnectionEstablished} whose peer is {@code peer} and returns its session. Call it while
     * the connection is open: the mapping is forgotten when the session closes (ports are reused).
     */
    public long awaitSession(String peer) throws InterruptedException {
        return await(byPeer.computeIfAbsent(peer, k -> new CompletableFuture<>()), "a session from " + peer);
    }

    /** The outcome if the session has closed, else {@code null}. */
    public Outcome closedOrNull(long session) {
        Entry e = sessions.get(session);
        return e == null ? null : e.closed.getNow(null);
    }

    /** Server-wide errors (session -1) so far, e.g. {@code SESSION_LIMIT}. */
    public List<TransportError> serverWideErrors() {
        synchronized (serverWide) {
            return List.copyOf(serverWide);
        }
    }

    /** Events delivered to this subscriber so far. */
    public long events() {
        return events.get();
    }

    private <T> T await(CompletableFuture<T> f, String what) throws InterruptedException {
        try {
            return f.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no " + what + " within " + patience + " (" + events.get() + " events seen)");
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    private Entry entry(long session) {
        return sessions.computeIfAbsent(session, k -> new Entry());
    }

    /** Written by the bus thread only; {@code closed} publishes a snapshot to the waiting threads. */
    private static final class Entry {
        volatile String peer;
        final List<TransportError> errors = new ArrayList<>();
        final CompletableFuture<Outcome> closed = new CompletableFuture<>();
    }
}
