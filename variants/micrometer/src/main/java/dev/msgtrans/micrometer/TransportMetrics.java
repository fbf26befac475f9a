package dev.msgtrans.micrometer;

import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Binds every field of a server's or client's {@link TransportStats} to a {@link MeterRegistry}: the counters that
 * only grow as {@link FunctionCounter}s, the levels ({@code sessionsActive}, {@code requestsPending},
 * {@code poolInUse}, {@code poolTotal}) as {@link Gauge}s. Every meter is named {@code msgtrans.<field in dotted
 * form>} ({@code sendsRefused} is {@code msgtrans.sends.refused}), except the two byte counters, which carry their
 * unit instead of repeating it: {@code msgtrans.received} and {@code msgtrans.sent}, base unit bytes (a Prometheus
 * registry appends the unit, so a name with "bytes" in it would read {@code ..._bytes_..._bytes_total}). Every meter
 * is tagged {@code side=<side>} and with the extra tags, so a server and a client, or two servers, share a registry.
 * <pre>{@code
 * TransportMetrics.forServer(server, Tag.of("service", "orders")).bindTo(registry);
 * new TransportMetrics(client::stats, "client").bindTo(registry);
 * }</pre>
 * The meters keep the binder, and through it the stats supplier (and so the server or client), reachable for as long
 * as they are registered: a binder built inline, as above, keeps reporting after its caller dropped it. After the
 * server or client closes, its meters report its final figures; remove them from the registry to let it go.
 * <p>
 * Threading: {@link #bindTo} may be called from any thread, once per registry; the meters are read from whatever
 * thread scrapes or publishes the registry, concurrently with the transport's own threads.
 */
public final class TransportMetrics implements MeterBinder {

    /** The tag key that names the side: {@code server} for {@link #forServer}, {@code client} for {@link #forClient}. */
    public static final String SIDE_TAG = "side";

    /** The prefix of every meter name. */
    public static final String PREFIX = "msgtrans.";

    // A registry reads each meter on its own, so one scrape would take one stats() per meter, and stats() walks every
    // session for requestsPending. One snapshot serves all the reads within this window, which a scrape of these
    // meters fits in; the figures of one scrape then come from one snapshot as well (or two, at the window's edge).
    private static final long SNAPSHOT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final List<Binding> BINDINGS = List.of(
            counter("sessions.opened", TransportStats::sessionsOpened, "sessions ever established"),
            counter("sessions.closed", TransportStats::sessionsClosed, "sessions ever closed"),
            gauge("sessions.active", TransportStats::sessionsActive, "sessions open now"),
            counter("packets.received", TransportStats::packetsReceived, "packets decoded"),
            counter("packets.sent", TransportStats::packetsSent, "packets written to the wire (or pipe)"),
            bytes("received", TransportStats::bytesReceived, "bytes read"),
            bytes("sent", TransportStats::bytesSent, "bytes written"),
            counter("sends.refused", TransportStats::sendsRefused, "sends refused because an outbound queue was full"),
            counter("sends.to.missing.session", TransportStats::sendsToMissingSession,
                    "sends to a session that does not exist"),
            counter("mailbox.drops", TransportStats::mailboxDrops,
                    "inbound packets or commands discarded from actor mailboxes"),
            counter("inbound.pauses", TransportStats::inboundPauses,
                    "times a session stopped reading because its handler fell behind"),
            counter("unwritable.episodes", TransportStats::unwritableEpisodes,
                    "times a session's queued outbound bytes rose above the high water mark"),
            counter("packets.discarded.closing", TransportStats::packetsDiscardedClosing,
                    "inbound packets discarded because their session was closing"),
            counter("events.published", TransportStats::eventsPublished, "events published to the event bus"),
            counter("events.dropped", TransportStats::eventsDropped,
                    "events dropped for a subscriber whose buffer was full"),
            counter("protocol.errors", TransportStats::protocolErrors,
                    "connections closed for a malformed or oversized frame"),
            counter("requests.completed", TransportStats::requestsCompleted, "requests answered"),
            counter("requests.timed.out", TransportStats::requestsTimedOut, "requests expired"),
            counter("requests.failed", TransportStats::requestsFailed,
                    "requests failed otherwise (session closed, send refused, shutdown)"),
            gauge("requests.pending", TransportStats::requestsPending, "requests pending now"),
            counter("unmatched.responses", TransportStats::unmatchedResponses,
                    "responses whose message id matched no pending request"),
            counter("pool.acquire.timeouts", TransportStats::poolAcquireTimeouts,
                    "client: sends and requests that found no pooled connection free in time"),
            counter("sends.without.connection", TransportStats::sendsWithoutConnection,
                    "client: sends and requests refused because no pooled connection was open"),
            gauge("pool.in.use", TransportStats::poolInUse, "client: pooled connections leased now"),
            gauge("pool.total", TransportStats::poolTotal, "client: pooled connections now, leased or idle"),
            counter("buffer.pool.misses", TransportStats::bufferPoolMisses,
                    "buffer acquires served by allocation"),
            counter("buffer.pool.drops", TransportStats::bufferPoolDrops,
                    "buffer releases dropped because the size class was at its cap"));

    private final Supplier<TransportStats> stats;
    private final Tags tags;
    private final LongSupplier nanoTime;
    private TransportStats snapshot; // guarded by this
    private long snapshotNanos;      // guarded by this

    /**
     * @param stats     the stats to bind, e.g. {@code server::stats}
     * @param side      the value of the {@value #SIDE_TAG} tag, e.g. {@code server}
     * @param extraTags further tags for every meter, e.g. the service's name
     */
    public TransportMetrics(Supplier<TransportStats> stats, String side, Iterable<Tag> extraTags) {
        this(stats, side, extraTags, System::nanoTime);
    }

    /** As {@link #TransportMetrics(Supplier, String, Iterable)} without extra tags. */
    public TransportMetrics(Supplier<TransportStats> stats, String side) {
        this(stats, side, Tags.empty());
    }

    // the clock is a parameter for the test of the snapshot window
    TransportMetrics(Supplier<TransportStats> stats, String side, Iterable<Tag> extraTags, LongSupplier nanoTime) {
        this.stats = Objects.requireNonNull(stats, "stats");
        if (side == null || side.isBlank()) {
            throw new IllegalArgumentException("side must name the side, e.g. server or client: '" + side + "'");
        }
        this.tags = Tags.of(extraTags).and(SIDE_TAG, side);
        this.nanoTime = nanoTime;
    }

    /** A server's stats, tagged {@code side=server} and with {@code extraTags}. */
    public static TransportMetrics forServer(TransportServer server, Tag... extraTags) {
        return new TransportMetrics(server::stats, "server", Tags.of(extraTags));
    }

    /** A client's stats, tagged {@code side=client} and with {@code extraTags}. */
    public static TransportMetrics forClient(TransportClient client, Tag... extraTags) {
        return new TransportMetrics(client::stats, "client", Tags.of(extraTags));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Binding b : BINDINGS) {
            ToLongFunction<TransportStats> field = b.field();
            if (b.gauge()) {
                // strongly held: FunctionCounter holds its object weakly and has no option not to, so these gauges
                // are what keeps this binder reachable for the counters while the meters are registered
                Gauge.builder(PREFIX + b.name(), this, m -> m.read(field))
                        .strongReference(true)
                        .description(b.description()).baseUnit(b.baseUnit()).tags(tags)
                        .register(registry);
            } else {
                FunctionCounter.builder(PREFIX + b.name(), this, m -> m.read(field))
                        .description(b.description()).baseUnit(b.baseUnit()).tags(tags)
                        .register(registry);
            }
        }
    }

    // Under the lock, so that snapshots replace each other in the order they were taken and a counter never reads
    // lower than it did on the previous read: a scrape is rare and short, nothing contends for it.
    private synchronized double read(ToLongFunction<TransportStats> field) {
        long now = nanoTime.getAsLong();
        if (snapshot == null || now - snapshotNanos >= SNAPSHOT_NANOS) {
            snapshot = stats.get();
            snapshotNanos = now;
        }
        return field.applyAsLong(snapshot);
    }

    private static Binding counter(String name, ToLongFunction<TransportStats> field, String description) {
        return new Binding(name, false, null, field, description);
    }

    private static Binding bytes(String name, ToLongFunction<TransportStats> field, String description) {
        return new Binding(name, false, BaseUnits.BYTES, field, description);
    }

    private static Binding gauge(String name, ToLongFunction<TransportStats> field, String description) {
        return new Binding(name, true, null, field, description);
    }

    private record Binding(String name, boolean gauge, String baseUnit, ToLongFunction<TransportStats> field,
                           String description) {
    }
}
