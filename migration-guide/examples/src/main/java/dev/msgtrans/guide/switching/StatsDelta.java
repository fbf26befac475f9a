package dev.msgtrans.guide.switching;

import dev.msgtrans.core.TransportStats;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What changed between two {@link TransportStats} snapshots of one server or client: counters as differences,
 * gauges ({@code sessionsActive}, {@code requestsPending}, {@code poolInUse}, {@code poolTotal}) as their later
 * value.
 * <p>
 * Immutable. Components are read by name from the record, so a counter added to {@code TransportStats} later is
 * picked up without a change here.
 *
 * @param values counter name to its increase (or gauge name to its value), in the record's order
 */
public record StatsDelta(Map<String, Long> values) {

    /** The stats components that are levels, not running totals. */
    public static final Set<String> GAUGES = Set.of("sessionsActive", "requestsPending", "poolInUse", "poolTotal");

    public StatsDelta {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public static StatsDelta between(TransportStats before, TransportStats after) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (RecordComponent c : TransportStats.class.getRecordComponents()) {
            long b = read(c, before);
            long a = read(c, after);
            out.put(c.getName(), GAUGES.contains(c.getName()) ? a : a - b);
        }
        return new StatsDelta(out);
    }

    /** This window followed by {@code later}: counters add up, gauges take {@code later}'s value. */
    public StatsDelta then(StatsDelta later) {
        Map<String, Long> out = new LinkedHashMap<>(values);
        later.values.forEach((name, v) -> out.merge(name, v, GAUGES.contains(name) ? (a, b) -> b : Long::sum));
        return new StatsDelta(out);
    }

    /** @throws IllegalArgumentException naming the known counters when {@code counter} is not one */
    public long get(String counter) {
        Long v = values.get(counter);
        if (v == null) {
            throw new IllegalArgumentException("no TransportStats counter '" + counter + "'; known: " + values.keySet());
        }
        return v;
    }

    private static long read(RecordComponent c, TransportStats s) {
        try {
            return ((Number) c.getAccessor().invoke(s)).longValue();
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read TransportStats." + c.getName(), e);
        }
    }
}
