package dev.msgtrans.micrometer;

import dev.msgtrans.core.TransportStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The binder against synthetic stats in a {@link SimpleMeterRegistry}: every {@link TransportStats} field has one
 * meter that reads it (a field added to the record without a meter fails here), with the agreed name, type, unit
 * and tags; one snapshot serves a scrape; the meters outlive a binder nobody holds.
 */
class TransportMetricsTest {

    private static final RecordComponent[] FIELDS = TransportStats.class.getRecordComponents();

    /** The meters as a dashboard sees them: a new TransportStats field needs a line here and one in the binder. */
    private static final Map<String, String> NAMES = Map.ofEntries(
            entry("sessionsOpened", "msgtrans.sessions.opened"),
            entry("sessionsClosed", "msgtrans.sessions.closed"),
            entry("sessionsActive", "msgtrans.sessions.active"),
            entry("packetsReceived", "msgtrans.packets.received"),
            entry("packetsSent", "msgtrans.packets.sent"),
            entry("bytesReceived", "msgtrans.received"),
            entry("bytesSent", "msgtrans.sent"),
            entry("sendsRefused", "msgtrans.sends.refused"),
            entry("sendsToMissingSession", "msgtrans.sends.to.missing.session"),
            entry("mailboxDrops", "msgtrans.mailbox.drops"),
            entry("inboundPauses", "msgtrans.inbound.pauses"),
            entry("unwritableEpisodes", "msgtrans.unwritable.episodes"),
            entry("packetsDiscardedClosing", "msgtrans.packets.discarded.closing"),
            entry("eventsPublished", "msgtrans.events.published"),
            entry("eventsDropped", "msgtrans.events.dropped"),
            entry("protocolErrors", "msgtrans.protocol.errors"),
            entry("requestsCompleted", "msgtrans.requests.completed"),
            entry("requestsTimedOut", "msgtrans.requests.timed.out"),
            entry("requestsFailed", "msgtrans.requests.failed"),
            entry("requestsPending", "msgtrans.requests.pending"),
            entry("unmatchedResponses", "msgtrans.unmatched.responses"),
            entry("poolAcquireTimeouts", "msgtrans.pool.acquire.timeouts"),
            entry("sendsWithoutConnection", "msgtrans.sends.without.connection"),
            entry("poolInUse", "msgtrans.pool.in.use"),
            entry("poolTotal", "msgtrans.pool.total"),
            entry("bufferPoolMisses", "msgtrans.buffer.pool.misses"),
            entry("bufferPoolDrops", "msgtrans.buffer.pool.drops"));

    /** The levels ("now" in the record's javadoc); every other field only grows. */
    private static final Set<String> GAUGES = Set.of("sessionsActive", "requestsPending", "poolInUse", "poolTotal");

    /** Stats whose field i holds 1000 + i: a meter's value says which field it reads. */
    private static TransportStats distinct(long offset) throws ReflectiveOperationException {
        Object[] values = new Object[FIELDS.length];
        Class<?>[] types = new Class<?>[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            values[i] = 1000L + offset + i;
            types[i] = FIELDS[i].getType();
        }
        return TransportStats.class.getDeclaredConstructor(types).newInstance(values);
    }

    private static double value(Meter meter) {
        if (meter instanceof Gauge g) {
            return g.value();
        }
        return assertInstanceOf(FunctionCounter.class, meter, meter.getId().toString()).count();
    }

    @Test
    void everyFieldHasExactlyOneMeterThatReadsIt() throws Exception {
        TransportStats stats = distinct(0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TransportMetrics(() -> stats, "server").bindTo(registry);

        List<Meter> meters = registry.getMeters();
        for (int i = 0; i < FIELDS.length; i++) {
            long expected = 1000L + i;
            List<String> reading = meters.stream().filter(m -> value(m) == expected)
                    .map(m -> m.getId().getName()).collect(Collectors.toList());
            assertEquals(1, reading.size(), "TransportStats." + FIELDS[i].getName() + " (" + expected
                    + ") should be read by exactly one meter, is by " + reading + ": bind it in TransportMetrics");
        }
        assertEquals(FIELDS.length, meters.size(), "one meter per field, no more: " + meters);
    }

    @Test
    void eachMeterHasItsNameTypeUnitAndTags() throws Exception {
        TransportStats stats = distinct(0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TransportMetrics(() -> stats, "client", Tags.of("service", "orders")).bindTo(registry);

        for (int i = 0; i < FIELDS.length; i++) {
            String field = FIELDS[i].getName();
            String name = NAMES.get(field);
            if (name == null) {
                fail("TransportStats." + field + " is new: give it a meter in TransportMetrics (a counter if it only"
                        + " grows, a gauge if it is a level) and its name in this test");
            }
            Meter meter = registry.get(name).tags("side", "client", "service", "orders").meter();
            assertEquals(GAUGES.contains(field) ? Meter.Type.GAUGE : Meter.Type.COUNTER, meter.getId().getType(), name);
            assertEquals(field.startsWith("bytes") ? BaseUnits.BYTES : null, meter.getId().getBaseUnit(), name);
            assertTrue(meter.getId().getDescription() != null && !meter.getId().getDescription().isBlank(), name);
            assertEquals(1000L + i, value(meter), name + " reads " + field);
        }
    }

    @Test
    void aServerAndAClientShareARegistryByTheirSideTag() throws Exception {
        TransportStats server = distinct(0);
        TransportStats client = distinct(100);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TransportMetrics(() -> server, "server").bindTo(registry);
        new TransportMetrics(() -> client, "client").bindTo(registry);

        assertEquals(2 * FIELDS.length, registry.getMeters().size());
        assertEquals(server.sendsRefused(),
                registry.get("msgtrans.sends.refused").tag("side", "server").functionCounter().count());
        assertEquals(client.sendsRefused(),
                registry.get("msgtrans.sends.refused").tag("side", "client").functionCounter().count());
    }

    @Test
    void oneSnapshotServesTheReadsWithinAMillisecond() throws Exception {
        TransportStats stats = distinct(0);
        AtomicInteger calls = new AtomicInteger();
        AtomicLong clock = new AtomicLong(42);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TransportMetrics(() -> {
            calls.incrementAndGet();
            return stats;
        }, "server", Tags.empty(), clock::get).bindTo(registry);

        registry.getMeters().forEach(TransportMetricsTest::value); // a scrape
        assertEquals(1, calls.get(), "one stats() for every meter of a scrape");
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(1) - 1);
        registry.getMeters().forEach(TransportMetricsTest::value);
        assertEquals(1, calls.get(), "still within the window");
        clock.incrementAndGet();
        registry.getMeters().forEach(TransportMetricsTest::value);
        assertEquals(2, calls.get(), "a scrape after the window takes a new snapshot");
    }

    @Test
    void theMetersKeepReportingAfterTheBinderIsDropped() throws Exception {
        TransportStats stats = distinct(0);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new TransportMetrics(() -> stats, "server").bindTo(registry); // nobody keeps the binder
        List<byte[]> garbage = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            System.gc();
            garbage.add(new byte[1 << 20]);
            garbage.clear();
        }
        assertEquals(stats.sessionsOpened(), registry.get("msgtrans.sessions.opened").functionCounter().count(),
                "a FunctionCounter holds its object weakly: the binder must stay reachable through the registry");
        assertEquals(stats.poolTotal(), registry.get("msgtrans.pool.total").gauge().value());
    }

    @Test
    void aSideIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new TransportMetrics(() -> null, " "));
        assertThrows(IllegalArgumentException.class, () -> new TransportMetrics(() -> null, null));
        assertThrows(NullPointerException.class, () -> new TransportMetrics(null, "server"));
    }
}
