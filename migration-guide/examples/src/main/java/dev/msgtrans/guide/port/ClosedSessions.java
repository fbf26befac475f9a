package dev.msgtrans.guide.port;

import dev.msgtrans.core.TransportEvent;

import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Subscribes to a server's events and hands each closed session's id to the application.
 * <p>
 * Threading contract: the transport's event bus calls {@code onNext} serially, on its event worker (one thread per
 * server, shared by all subscribers), so {@code onClosed} must be quick and must never block: while it runs, this
 * subscriber's bounded buffer fills, and an event that finds it full is dropped for this subscriber and counted in
 * {@link dev.msgtrans.core.TransportStats#eventsDropped()}. A dropped {@code ConnectionClosed} would leave the
 * application's entry behind, which is why {@link PresenceService#sweep()} exists.
 */
// tag::closed-subscriber[]
final class ClosedSessions implements Flow.Subscriber<TransportEvent> {

    private static final System.Logger LOG = System.getLogger(ClosedSessions.class.getName());

    private final LongConsumer onClosed;

    ClosedSessions(LongConsumer onClosed) {
        this.onClosed = onClosed;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE); // never back-pressure the bus: it would drop, not wait
    }

    @Override
    public void onNext(TransportEvent event) {
        if (event instanceof TransportEvent.ConnectionClosed closed) {
            onClosed.accept(closed.session());
        }
    }

    @Override
    public void onError(Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "presence: event subscription failed; sweep() keeps the table right", failure);
    }

    @Override
    public void onComplete() {
        // the server closed
    }
}
// end::closed-subscriber[]
