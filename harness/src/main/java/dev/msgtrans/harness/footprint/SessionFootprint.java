package dev.msgtrans.harness.footprint;

import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Bytes per idle session of one variant, per component: the state the engine builds for every session from the
 * variant's components ({@code SessionLifecycle.open} and the {@code Session} constructor), built {@code sessions} times
 * with the transport's default bounds and measured with an {@link AllocationMeter}:
 * <ul>
 *   <li>{@code registry}: a session registry made as the engine makes it
 *       ({@code newSessionRegistry(min(maxSessions, 4096))}) and one entry per session: the table, shared among
 *       the sessions, and the entries;</li>
 *   <li>{@code actor}: an actor spawned in an actor system on the variant's own dispatch, with the default mailbox
 *       bound, and told one message (the engine's open marker), which its first run takes: the state of an actor
 *       after open, with its mailbox;</li>
 *   <li>{@code outbound}: one outbound queue of the default bound;</li>
 *   <li>{@code requests}: one request tracker (the engine keeps one per session).</li>
 * </ul>
 * Not measured, because they are the same for every variant: the engine's own per-session objects (session,
 * state, frame decoder, socket or pipe). Not per session: the dispatch (its queue is sized from the session limit,
 * once per server), the event bus (its buffers are per subscriber). Every item is built once before measuring
 * (warm-up: class initialisation and shared tables), and the items are kept reachable until the heap is read.
 * <p>
 * Threading contract: one thread; the actor system's dispatch workers run the actors' first runs.
 */
public final class SessionFootprint {

    /** The components, in report order. */
    public static final List<String> COMPONENTS = List.of("registry", "actor", "outbound", "requests");

    /** The transport's defaults ({@code Transport.Builder}): session limit and per-session bounds. */
    public static final int MAX_SESSIONS = 10_000;
    public static final int MAILBOX_CAPACITY = 1024;
    public static final int OUTBOUND_CAPACITY = 4096;

    private static final int WARM_UP = 256;
    private static final Object OPEN = new Object();

    private final AllocationMeter meter;

    public SessionFootprint(AllocationMeter meter) {
        this.meter = meter;
    }

    /** Per component, in {@link #COMPONENTS} order, the bytes per idle session of {@code v}. */
    public Map<String, AllocationMeter.PerItem> measure(Variant v, int sessions) throws InterruptedException {
        Map<String, AllocationMeter.PerItem> out = new LinkedHashMap<>();
        registry(v, WARM_UP);
        out.put("registry", registry(v, sessions));
        actors(v, WARM_UP);
        out.put("actor", actors(v, sessions));
        outbound(v, WARM_UP);
        out.put("outbound", outbound(v, sessions));
        requests(v, WARM_UP);
        out.put("requests", requests(v, sessions));
        return out;
    }

    private AllocationMeter.PerItem registry(Variant v, int n) {
        // The registry is made inside the measurement: a pre-sized open-addressing table allocates nothing per put,
        // and its table is what the sessions cost.
        List<SessionRegistry<Object>> registry = new ArrayList<>(1);
        Object session = new Object();
        return meter.measure(n, i -> {
            if (i == 0) {
                registry.add(v.newSessionRegistry(Math.min(MAX_SESSIONS, 4096)));
            }
            registry.get(0).put(i, session);
        }, registry);
    }

    private AllocationMeter.PerItem actors(Variant v, int n) throws InterruptedException {
        int queue = n + Math.max(64, n / 8); // as the engine sizes its actor dispatch
        try (Dispatch dispatch = v.newDispatch("footprint-actors", 1, queue)) {
            ActorSystem<Object> actors = v.newActorSystem(dispatch, MAILBOX_CAPACITY);
            try {
                CountDownLatch opened = new CountDownLatch(n);
                ActorSystem.Behavior<Object> behavior = (id, message) -> opened.countDown();
                AllocationMeter.PerItem cost = meter.measure(n, i -> {
                    if (!actors.spawn(i, behavior)) {
                        throw new IllegalStateException("actor " + i + " exists already");
                    }
                    if (actors.tell(i, OPEN) != ActorSystem.Delivery.ACCEPTED) {
                        throw new IllegalStateException("the open marker of actor " + i + " was refused");
                    }
                }, () -> awaitOpened(opened), actors);
                return cost;
            } finally {
                actors.close();
            }
        }
    }

    private static void awaitOpened(CountDownLatch opened) {
        try {
            if (!opened.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(opened.getCount() + " actors never ran their open marker");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the actors' first runs", e);
        }
    }

    private AllocationMeter.PerItem outbound(Variant v, int n) {
        List<OutboundQueue<Object>> keep = new ArrayList<>(n);
        return meter.measure(n, i -> keep.add(v.newOutboundQueue(OUTBOUND_CAPACITY)), keep);
    }

    private AllocationMeter.PerItem requests(Variant v, int n) {
        List<RequestTracker<Object>> keep = new ArrayList<>(n);
        return meter.measure(n, i -> keep.add(v.newRequestTracker()), keep);
    }
}
