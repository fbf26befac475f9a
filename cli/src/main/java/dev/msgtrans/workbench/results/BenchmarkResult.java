package dev.msgtrans.workbench.results;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One JMH result (one benchmark method or {@code @Group} at one parameter point, thread count and JDK) as read
 * from a JMH JSON file, joined with its {@code run.json} entry when there is one. Immutable.
 *
 * @param benchmark    fully qualified {@code package.Class.method} (for a group, the group name)
 * @param mode         JMH's mode: {@code thrpt}, {@code avgt}, {@code sample}, {@code ss}
 * @param params       every {@code @Param} value, including the defaults the run did not set, by name
 * @param threads      total threads
 * @param threadGroups the {@code -tg} distribution for a {@code @Group} benchmark (e.g. {@code "3,1"}), or null
 * @param jdk          the run's JDK tag ({@code jdk17}, see {@code env.json}); {@code jdk<major>} when no
 *                     {@code run.json} names it
 * @param jdkVersion   the version JMH reported, e.g. {@code 17.0.15}
 * @param forks        forks per JMH's settings
 * @param primary      the primary metric
 * @param secondary    secondary metrics by name (insertion order as in the file)
 * @param matrix       the matrix the point came from, or null
 * @param entryId      the {@code run.json} entry id, or null
 * @param warnings     the entry's warnings (e.g. more threads than processors), empty if none
 * @param file         the JMH JSON file it was read from
 * @param forkRounds   the round each fork of the raw data ran in (its {@code run.json} entry), in raw-data order;
 *                     empty when unknown (an older run, or a file without {@code run.json})
 * @param build        the build that measured it, in a run that compares builds; else null
 */
public record BenchmarkResult(String benchmark, String mode, SortedMap<String, String> params, int threads,
                              String threadGroups, String jdk, String jdkVersion, int forks, Metric primary,
                              Map<String, Metric> secondary, String matrix, String entryId, List<String> warnings,
                              Path file, List<Integer> forkRounds, String build) {

    /** {@code -prof gc}'s allocation per operation, bytes. */
    public static final String ALLOC_NORM = "gc.alloc.rate.norm";
    /** The harness's {@code cpu} profiler: CPU ns per operation, and cores kept busy. */
    public static final String CPU_NORM = "cpu.time.norm";
    public static final String CPU_UTILIZATION = "cpu.utilization";

    public BenchmarkResult {
        params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
        secondary = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(secondary));
        warnings = List.copyOf(warnings);
        forkRounds = forkRounds == null ? List.of() : List.copyOf(forkRounds);
    }

    /**
     * Whether the run measured this point for matrix {@code name}: a point two matrices share is measured once and
     * recorded under both names ({@code shootout+seed}).
     */
    public boolean inMatrix(String name) {
        return matrix != null && java.util.Arrays.asList(matrix.split("\\+")).contains(name);
    }

    /** The class's simple name: {@code SessionRegistryBenchmark}. */
    public String className() {
        String outer = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
        return outer.substring(outer.lastIndexOf('.') + 1);
    }

    /** The method (or group): {@code mixed}. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code SessionRegistryBenchmark.mixed}. */
    public String shortName() {
        return className() + "." + method();
    }

    /** A {@code @Param} value, or null. */
    public String param(String name) {
        return params.get(name);
    }

    /** A secondary metric by name. */
    public Optional<Metric> secondary(String name) {
        return Optional.ofNullable(secondary.get(name));
    }

    /** CPU nanoseconds per operation, all the fork's threads, when the run used the harness's {@code cpu} profiler. */
    public Optional<Metric> cpuPerOp() {
        return secondary(CPU_NORM);
    }

    /** CPU seconds per wall second (cores kept busy), with {@link #cpuPerOp()}. */
    public Optional<Metric> cpuUtilization() {
        return secondary(CPU_UTILIZATION);
    }

    /** Bytes allocated per operation, when the run used {@code -prof gc}. */
    public Optional<Metric> allocationPerOp() {
        return secondary(ALLOC_NORM);
    }

    /**
     * The metric to compare points of this benchmark by: the primary score, or the auxiliary counter the benchmark's
     * javadoc names when its primary score counts attempts rather than work done (see {@link HeadlineMetric}).
     */
    public Metric headline() {
        String name = HeadlineMetric.nameFor(benchmark);
        return name == null ? primary : secondary.getOrDefault(name, primary);
    }

    /**
     * The same result with its headline metric's every value multiplied by {@code factor} (raw data included): a
     * test-only transformation, for injecting a known change into real measurements (the A/A self-check).
     */
    public BenchmarkResult withHeadlineScaled(double factor) {
        String name = HeadlineMetric.nameFor(benchmark);
        Metric p = primary;
        Map<String, Metric> sec = new java.util.LinkedHashMap<>(secondary);
        if (name == null || !secondary.containsKey(name)) {
            p = primary.scaled(factor, primary.unit());
        } else {
            sec.put(name, secondary.get(name).scaled(factor, secondary.get(name).unit()));
        }
        return new BenchmarkResult(benchmark, mode, params, threads, threadGroups, jdk, jdkVersion, forks, p, sec,
                matrix, entryId, warnings, file, forkRounds, build);
    }

    /** Which way {@link #primary} improves. */
    public Direction direction() {
        return Direction.of(mode, primary.unit());
    }

    /**
     * Which way {@link #headline()} improves: the primary score's direction, or, for an auxiliary counter, the
     * direction its unit implies (a counter per second is a rate).
     */
    public Direction headlineDirection() {
        Metric h = headline();
        return h.name().equals(Metric.PRIMARY) ? direction() : Direction.ofUnit(h.unit());
    }

    /** The threads as a label: {@code 2} or, for a group, {@code 3,1}. */
    public String threadsLabel() {
        return threadGroups != null ? threadGroups : Integer.toString(threads);
    }

    /** What identifies the same measurement in two runs. */
    public PointKey key() {
        return new PointKey(benchmark, mode, params, threadsLabel(), jdk);
    }

    /** The key of one measured point: benchmark, mode, params, threads (or group distribution) and JDK tag. */
    public record PointKey(String benchmark, String mode, SortedMap<String, String> params, String threads,
                           String jdk) implements Comparable<PointKey> {

        public PointKey {
            params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }

        @Override
        public int compareTo(PointKey o) {
            return toString().compareTo(o.toString());
        }

        /** E.g. {@code SessionRegistryBenchmark.mixed [readPercent=90, variant=mutex] t2 jdk17 thrpt}. */
        @Override
        public String toString() {
            String cls = benchmark.substring(0, Math.max(0, benchmark.lastIndexOf('.')));
            String shortName = cls.substring(cls.lastIndexOf('.') + 1) + benchmark.substring(benchmark.lastIndexOf('.'));
            StringBuilder b = new StringBuilder(shortName);
            if (!params.isEmpty()) {
                b.append(' ').append(params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining(",")));
            }
            return b.append(" t").append(threads).append(' ').append(jdk).append(' ').append(mode).toString();
        }
    }
}
