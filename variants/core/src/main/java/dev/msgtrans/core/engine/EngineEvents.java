package dev.msgtrans.core.engine;

import dev.msgtrans.core.ErrorSink;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.FailureHandler;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events and errors path of an {@link EngineNode}: publishes events on the node's {@link EventBus}, counts them,
 * and hands every {@code TransportError} to the configuration's {@link ErrorSink}, with the {@code Throwable} behind
 * it, so that none vanishes when nobody subscribes. It depends on no other path; every other path reports through it.
 * <p>
 * Threading contract: every method from any thread.
 */
final class EngineEvents {

    private final EngineCounters counters;
    private final EventBus<TransportEvent> bus;
    private final Dispatch eventDispatch;
    private final ErrorSink errorSink;
    /** The node's closed flag (set by {@link EngineNode#beginClose()}): read only. */
    private final AtomicBoolean closed;

    EngineEvents(EngineCounters counters, EventBus<TransportEvent> bus, Dispatch eventDispatch, ErrorSink errorSink,
                 AtomicBoolean closed) {
        this.counters = counters;
        this.bus = bus;
        this.eventDispatch = eventDispatch;
        this.errorSink = errorSink;
        this.closed = closed;
    }

    /** Publishes {@code e}; a {@code TransportError} goes to the error sink too. */
    void publish(TransportEvent e) {
        counters.eventsPublished.increment();
        int received = bus.publish(e);
        if (e instanceof TransportEvent.TransportError error) {
            sink(error, null, received > 0);
        }
    }

    /** Publishes a {@code TransportError} and hands it to the error sink with the {@code Throwable} behind it. */
    void publishError(long session, String cause, String message, Throwable failure) {
        TransportEvent.TransportError error = new TransportEvent.TransportError(session, cause, message);
        counters.eventsPublished.increment();
        sink(error, failure, bus.publish(error) > 0);
    }

    private void sink(TransportEvent.TransportError error, Throwable failure, boolean delivered) {
        try {
            errorSink.onError(error, failure, delivered);
        } catch (Throwable sinkFailure) {
            // Published and counted already; a broken sink must not take the reporting thread with it.
            FailureHandler.report(FailureHandler.UNCAUGHT, sinkFailure);
        }
    }

    /**
     * The {@link FailureHandler} of both dispatches: what a component caught (a subscriber that threw, or engine code
     * run by an actor) becomes an error of this node, on the thread that caught it.
     */
    void componentFailed(Thread thread, Throwable failure) {
        publishError(-1, "UNCAUGHT", thread.getName() + " caught " + failure, failure);
    }

    EventBus<TransportEvent> bus() {
        return bus;
    }

    /**
     * The event stream, where each subscriber that subscribes while the node is open receives {@code first} before
     * anything else: how a server's {@code ServerStarted}, published before {@code start} returns, reaches the
     * subscribers, who can only subscribe after.
     */
    Flow.Publisher<TransportEvent> publisher(TransportEvent first) {
        return subscriber -> {
            if (closed.get()) {
                bus.subscribe(subscriber); // stopped: the stream is over, its start is no news
            } else {
                bus.subscribe(new ReplayFirstSubscriber<>(subscriber, first, eventDispatch,
                        eventDispatch::reportFailure));
            }
        };
    }

    /**
     * A failed loop's thread: reports the failure; its sessions are closed next
     * ({@link SessionLifecycle#closeSessionsOf}).
     */
    void loopFailed(IoLoop loop, Throwable t) {
        publishError(-1, "IO_LOOP", loop.thread.getName() + " stopped: " + t, t);
    }
}
