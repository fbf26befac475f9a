package dev.msgtrans.workbench.matrix;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Matrix entries with {@code "runner": "latency"}: points the harness's open-loop latency runner
 * ({@code dev.msgtrans.harness.latency.LatencyRunner} in {@code benchmarks.jar}) measures instead of JMH. Its
 * params are the runner's options, validated here when the matrix is read, as JMH entries are:
 * <pre>
 * target       msgtrans | netty                 (required)
 * variant      a preset or variant alias        (required for msgtrans, refused for netty)
 * protocol     TCP | WEBSOCKET | MEMORY         (required; WEBSOCKET with msgtrans only)
 * connections  client connections, default 4
 * rate         offered requests per second      (required)
 * duration     measured time at the quick profile, e.g. 5s (required; smoke caps it at 1 s, full doubles it)
 * payload      request bytes, default 64
 * </pre>
 * A latency entry has no {@code threads}, {@code threadGroups} or {@code jmhArgs} (one sender thread, no JMH).
 * Stateless.
 */
public final class LatencyEntry {

    /** The entry's {@code runner} value. */
    public static final String RUNNER = "latency";

    /** The benchmark name the runner writes into its results; entries must name it. */
    public static final String BENCHMARK = "dev.msgtrans.harness.latency.LatencyRunner.echo";

    /** The runner's main class in {@code benchmarks.jar}. */
    public static final String MAIN_CLASS = "dev.msgtrans.harness.latency.LatencyRunner";

    public static final String TARGET = "target";
    public static final String VARIANT = "variant";
    public static final String PROTOCOL = "protocol";
    public static final String CONNECTIONS = "connections";
    public static final String RATE = "rate";
    public static final String DURATION = "duration";
    public static final String PAYLOAD = "payload";

    static final Set<String> PARAMS = Set.of(TARGET, VARIANT, PROTOCOL, CONNECTIONS, RATE, DURATION, PAYLOAD);
    static final List<String> REQUIRED = List.of(TARGET, PROTOCOL, RATE, DURATION);
    static final Pattern DURATION_TEXT = Pattern.compile("[1-9]\\d*(ms|s)");
    static final Pattern POSITIVE = Pattern.compile("[1-9]\\d*");

    private LatencyEntry() {
    }

    static void validate(MatrixEntry e, String where, VariantCatalog catalog) {
        if (!BENCHMARK.equals(e.benchmark())) {
            throw new IllegalArgumentException(where + ": a latency entry's \"benchmark\" is " + BENCHMARK
                    + " (the name its results carry), got '" + e.benchmark() + "'");
        }
        if (!e.threads().isEmpty() || !e.threadGroups().isEmpty() || !e.jmhArgs().isEmpty()) {
            throw new IllegalArgumentException(where + ": a latency entry takes no \"threads\", \"threadGroups\" or"
                    + " \"jmhArgs\" (one open-loop sender thread, no JMH); set the load with \"rate\" and"
                    + " \"connections\"");
        }
        for (String p : e.params().keySet()) {
            if (!PARAMS.contains(p)) {
                throw new IllegalArgumentException(where + ": unknown latency param \"" + p + "\"; known: "
                        + String.join(", ", List.of(TARGET, VARIANT, PROTOCOL, CONNECTIONS, RATE, DURATION, PAYLOAD)));
            }
        }
        for (String p : REQUIRED) {
            if (!e.params().containsKey(p)) {
                throw new IllegalArgumentException(where + ": a latency entry needs param \"" + p + "\"");
            }
        }
        for (Map.Entry<String, List<String>> p : e.params().entrySet()) {
            if (p.getValue().isEmpty()) {
                throw new IllegalArgumentException(where + ": param \"" + p.getKey() + "\" has no values");
            }
            for (String v : p.getValue()) {
                check(p.getKey(), v, e.params(), where, catalog, e.references());
            }
        }
    }

    private static void check(String param, String v, Map<String, List<String>> params, String where,
                              VariantCatalog catalog, Set<String> references) {
        String bad = null;
        switch (param) {
            case TARGET -> {
                if (v.equals("msgtrans") && !params.containsKey(VARIANT)) {
                    bad = "target msgtrans needs a \"variant\" (a preset such as phase3, or a variant alias)";
                } else if (v.equals("netty") && params.containsKey(VARIANT)) {
                    bad = "target netty takes no \"variant\"; put the Netty point in an entry of its own";
                } else if (!v.equals("msgtrans") && !v.equals("netty")) {
                    bad = "must be msgtrans or netty";
                }
            }
            case VARIANT -> catalog.check(param, v, references, where);
            case PROTOCOL -> {
                if (!v.equals("TCP") && !v.equals("MEMORY") && !v.equals("WEBSOCKET") && !v.equals("QUIC")) {
                    bad = "must be TCP, WEBSOCKET, QUIC or MEMORY";
                } else if ((v.equals("WEBSOCKET") || v.equals("QUIC"))
                        && params.getOrDefault(TARGET, List.of()).contains("netty")) {
                    bad = v + " needs target msgtrans: the Netty reference peer speaks TCP and MEMORY only";
                }
            }
            case CONNECTIONS, RATE, PAYLOAD -> bad = POSITIVE.matcher(v).matches() ? null : "must be a positive integer";
            case DURATION -> bad = DURATION_TEXT.matcher(v).matches() ? null : "must be a time such as 5s or 500ms";
            default -> throw new AssertionError(param);
        }
        if (bad != null) {
            throw new IllegalArgumentException(where + ": latency param \"" + param + "\" value \"" + v + "\": " + bad);
        }
    }

    /** Milliseconds in a validated {@code duration} value. */
    public static long millis(String duration) {
        return duration.endsWith("ms") ? Long.parseLong(duration.substring(0, duration.length() - 2))
                : Long.parseLong(duration.substring(0, duration.length() - 1)) * 1000;
    }
}
