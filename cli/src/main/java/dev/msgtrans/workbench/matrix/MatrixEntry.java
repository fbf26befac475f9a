package dev.msgtrans.workbench.matrix;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One line of a matrix file, before expansion: a benchmark selector, the {@code @Param} values to sweep (expanded
 * as a cartesian product, in the order the file lists them), and either plain thread counts ({@code -t}) or, for
 * {@code @Group} benchmarks, thread-group distributions ({@code -tg}). Immutable once validated.
 *
 * @param benchmark    a benchmark class or {@code Class.method} (fully qualified), or a JMH regex
 * @param note         optional: why this entry exists, shown by {@code workbench list}
 * @param params       {@code @Param} name to the values to sweep; each value one JMH {@code -p name=value}
 * @param threads      thread counts for {@code -t}, fixed or relative to the machine's cores ({@link ThreadCount});
 *                     mutually exclusive with {@code threadGroups}
 * @param threadGroups distributions for {@code -tg}, e.g. {@code "3,1"} (3 producers, 1 consumer)
 * @param jmhArgs      extra JMH arguments for this entry (e.g. {@code -jvmArgsAppend -Xmx256m}); options the
 *                     workbench controls itself are refused
 * @param references   values of variant params that are not variants but reference implementations the
 *                     benchmark itself declares (e.g. {@code chm}); said explicitly so a typo is still an error
 * @param runner       what runs the entry: {@code jmh} (the default, when absent) or {@code latency}, the
 *                     harness's open-loop latency runner ({@link LatencyEntry}), whose params are its options
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record MatrixEntry(
        @JsonProperty(value = "benchmark", required = true) String benchmark,
        @JsonProperty("note") String note,
        @JsonProperty("params") Map<String, List<String>> params,
        @JsonProperty("threads") List<ThreadCount> threads,
        @JsonProperty("threadGroups") List<String> threadGroups,
        @JsonProperty("jmhArgs") List<String> jmhArgs,
        @JsonProperty("references") Set<String> references,
        @JsonProperty("runner") String runner) {

    /** The default runner: JMH. */
    public static final String RUNNER_JMH = "jmh";

    /** An entry without a runner, with fixed thread counts: a JMH benchmark. */
    public MatrixEntry(String benchmark, String note, Map<String, List<String>> params, List<Integer> threads,
                       List<String> threadGroups, List<String> jmhArgs, Set<String> references) {
        this(benchmark, note, params, threads == null ? null : threads.stream().map(ThreadCount::of).toList(),
                threadGroups, jmhArgs, references, null);
    }

    /** JMH options the workbench sets from the profile, the entry's dimensions or the output layout. */
    static final Set<String> RESERVED_JMH_OPTIONS = Set.of(
            "-f", "-wi", "-w", "-i", "-r", "-t", "-tg", "-p", "-rf", "-rff", "-o", "-foe", "-prof", "-l", "-lp",
            "-lprof", "-lrf", "-h");

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");
    private static final Pattern GROUP_SPEC = Pattern.compile("[1-9]\\d*(,[1-9]\\d*)*");

    /** Normalises absent lists and maps to empty ones; {@link #validate} checks the content. */
    public MatrixEntry {
        params = params == null ? Map.of() : copyParams(params);
        threads = threads == null ? List.of() : List.copyOf(threads);
        threadGroups = threadGroups == null ? List.of() : List.copyOf(threadGroups);
        jmhArgs = jmhArgs == null ? List.of() : List.copyOf(jmhArgs);
        references = references == null ? Set.of() : Set.copyOf(references);
        runner = runner == null || runner.isBlank() ? null : runner;
    }

    /** The runner's name: {@code jmh} or {@code latency}. */
    public String runnerName() {
        return runner == null ? RUNNER_JMH : runner;
    }

    private static Map<String, List<String>> copyParams(Map<String, List<String>> in) {
        // LinkedHashMap, not Map.copyOf: the file's order is the expansion order, which shards depend on
        Map<String, List<String>> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k, v == null ? List.of() : List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * @param where prefix for messages, e.g. {@code "matrix phases, entry 3"}
     * @throws IllegalArgumentException naming the entry and the problem
     */
    void validate(String where, VariantCatalog catalog) {
        if (benchmark == null || benchmark.isBlank()) {
            throw new IllegalArgumentException(where + ": \"benchmark\" is missing");
        }
        if (LatencyEntry.RUNNER.equals(runnerName())) {
            LatencyEntry.validate(this, where, catalog);
            return;
        }
        if (!RUNNER_JMH.equals(runnerName())) {
            throw new IllegalArgumentException(where + ": unknown \"runner\" '" + runner + "'; known runners: "
                    + RUNNER_JMH + " (the default), " + LatencyEntry.RUNNER);
        }
        try {
            Pattern.compile(jmhRegex());
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": \"benchmark\" is not a valid regex: " + e.getMessage(), e);
        }
        if (!threads.isEmpty() && !threadGroups.isEmpty()) {
            throw new IllegalArgumentException(where + ": give \"threads\" (-t) or \"threadGroups\" (-tg), not both");
        }
        for (ThreadCount t : threads) {
            String problem = t == null ? "a thread count is missing" : t.problem();
            if (problem != null) {
                throw new IllegalArgumentException(where + ": " + problem);
            }
        }
        for (String g : threadGroups) {
            if (g == null || !GROUP_SPEC.matcher(g).matches()) {
                throw new IllegalArgumentException(where + ": a thread group distribution is a comma-separated list"
                        + " of positive counts such as \"3,1\", got \"" + g + "\"");
            }
        }
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            if (p.getValue().isEmpty()) {
                throw new IllegalArgumentException(where + ": param \"" + p.getKey() + "\" has no values");
            }
            for (String v : p.getValue()) {
                if (v == null || v.isEmpty() || v.indexOf(',') >= 0) {
                    // JMH splits -p values on commas, so "a,b" would silently become two points in one file
                    throw new IllegalArgumentException(where + ": param \"" + p.getKey() + "\" value \"" + v
                            + "\" must be non-empty and contain no comma (JMH splits -p values on commas)");
                }
                catalog.check(p.getKey(), v, references, where);
            }
        }
        for (String a : jmhArgs) {
            if (RESERVED_JMH_OPTIONS.contains(a)) {
                throw new IllegalArgumentException(where + ": \"jmhArgs\" may not contain " + a
                        + ": the workbench sets it from the profile, the entry's dimensions or the output layout");
            }
        }
    }

    /**
     * The regex handed to JMH. A plain dotted name is anchored so that {@code FooBenchmark} does not also select
     * {@code FooBenchmarkTwo} and a class selects all its methods; anything else is the author's regex as written.
     */
    public String jmhRegex() {
        if (PLAIN_NAME.matcher(benchmark).matches()) {
            return "^" + benchmark.replace(".", "\\.").replace("$", "\\$") + "(\\..*)?$";
        }
        return benchmark;
    }

    /** Number of points this entry expands to on a machine with {@code cores} logical cores. */
    public int size(int cores) {
        int n = Math.max(1, threadCounts(cores).size() + threadGroups.size());
        for (List<String> values : params.values()) {
            n *= values.size();
        }
        return n;
    }

    /**
     * The thread counts on a machine with {@code cores} logical cores, in the file's order, each once: on 2 cores
     * {@code [1, "cores/2", "cores", "2*cores"]} is 1, 2, 4.
     */
    public List<Integer> threadCounts(int cores) {
        if (threads.isEmpty()) {
            return threadGroups.isEmpty() ? List.of(1) : List.of();
        }
        return threads.stream().map(t -> t.resolve(cores)).distinct().toList();
    }

    /** Cartesian expansion on a machine with {@code cores} cores: first param varies slowest, threads fastest. */
    List<MatrixPoint> expand(String matrixName, int cores) {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : p.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(p.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<MatrixPoint> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            if (!threadGroups.isEmpty()) {
                for (String g : threadGroups) {
                    out.add(new MatrixPoint(matrixName, benchmark, jmhRegex(), c, MatrixPoint.groupTotal(g), g, jmhArgs,
                            runnerName()));
                }
            } else {
                for (int t : threadCounts(cores)) {
                    out.add(new MatrixPoint(matrixName, benchmark, jmhRegex(), c, t, null, jmhArgs, runnerName()));
                }
            }
        }
        return out;
    }
}
