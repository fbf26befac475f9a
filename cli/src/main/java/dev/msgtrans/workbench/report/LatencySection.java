package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.matrix.LatencyEntry;
import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The end-to-end page's latency section: the results of the open-loop latency runner ({@code "runner": "latency"}
 * entries), per load (protocol, connections, offered rate, payload) a percentile table per target, an
 * HdrHistogram-style percentile chart, and our latency as a ratio to Netty's at the same offered rate.
 * Not thread-safe.
 */
final class LatencySection {

    /** Percentiles in the table: key in {@code scorePercentiles}, column title. */
    private static final String[][] COLUMNS = {{"50.0", "p50"}, {"90.0", "p90"}, {"99.0", "p99"}, {"99.9", "p99.9"},
            {"99.99", "p99.99"}, {"100.0", "max"}};

    private final RunResults run;
    private final RunFacts facts;
    private final ChartRenderer charts;
    private final boolean multiJdk;

    LatencySection(RunResults run, RunFacts facts, ChartRenderer charts, boolean multiJdk) {
        this.run = run;
        this.facts = facts;
        this.charts = charts;
        this.multiJdk = multiJdk;
    }

    private static String series(BenchmarkResult r) {
        String v = r.param(LatencyEntry.VARIANT);
        return v != null ? v : r.param(LatencyEntry.TARGET);
    }

    void write(Markdown md) {
        md.h(2, "Latency at a fixed offered rate");
        List<BenchmarkResult> results = run.select(r -> r.benchmark().equals(LatencyEntry.BENCHMARK));
        if (results.isEmpty()) {
            md.p("Not measured: this run has no latency point (the `e2e` matrix's entries with"
                    + " `\"runner\": \"latency\"`). Throughput at window 1 (strict ping-pong) is the inverse of"
                    + " the mean round-trip time per thread, but says nothing about the tail.");
            return;
        }
        md.p("An open-loop load generator offers a fixed rate of requests, spread round-robin over the connections,"
                + " each on a fixed schedule (request i is due at t0 + i / rate); one sender thread never waits for a"
                + " response. Latency is the response time minus the request's *intended* send time, so a stall of"
                + " the server or of the generator is charged to every request that was due during it (the"
                + " coordinated-omission correction, as wrk2 does). Recorded in HdrHistogram (3 significant digits)"
                + " per connection and merged; the warm-up is discarded. The generator's own lateness (actual minus"
                + " intended send time, `send lag`) and the time this JVM's threads waited for a CPU while measuring"
                + " (`run-queue wait`, from /proc, milliseconds per second) are shown so that a tail caused by the"
                + " machine can be told from one caused by the transport. HdrHistogram interval logs (`.hlog`) lie"
                + " beside the JSON results.");
        Map<String, List<BenchmarkResult>> byLoad = new TreeMap<>();
        for (BenchmarkResult r : results) {
            String load = String.format(Locale.ROOT, "%s, %s connections, %s req/s offered, %s B", r.param("protocol"),
                    r.param("connections"), r.param("rate"), r.param("payload")) + (multiJdk ? ", " + r.jdk() : "");
            byLoad.computeIfAbsent(load, k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<BenchmarkResult>> e : byLoad.entrySet()) {
            List<BenchmarkResult> rs = new ArrayList<>(e.getValue());
            rs.sort(Comparator.comparingInt(r -> order(series(r))));
            md.h(3, e.getKey());
            table(md, rs);
            chart(md, e.getKey(), rs);
            nettyRatio(md, rs);
        }
    }

    private static int order(String series) {
        int i = Section.ORDER.indexOf(series);
        return i < 0 ? Section.ORDER.size() : i;
    }

    private void table(Markdown md, List<BenchmarkResult> rs) {
        List<String> header = new ArrayList<>(List.of("target"));
        for (String[] c : COLUMNS) {
            header.add(c[1]);
        }
        header.addAll(List.of("mean ± 99.9%", "achieved rate", "errors / timeouts / dropped", "send lag p50 / p99",
                "run-queue wait"));
        List<List<String>> rows = new ArrayList<>();
        for (BenchmarkResult r : rs) {
            Map<String, Double> p = r.primary().percentiles();
            List<String> row = new ArrayList<>(List.of(series(r)));
            for (String[] c : COLUMNS) {
                row.add(us(p.get(c[0])));
            }
            Metric m = r.primary();
            row.add(us(m.score()) + (Double.isFinite(m.error()) ? " ± " + ReadableScale.significant(m.error()) : ""));
            row.add(r.secondary("achievedRate").map(a -> ReadableScale.format(a.score(), "req/s")).orElse("n/a"));
            row.add(count(r, "errors") + " / " + count(r, "timeouts") + " / " + count(r, "targetDrops"));
            row.add(r.secondary("sendLag").map(l -> us(l.percentiles().get("50.0")) + " / "
                    + us(l.percentiles().get("99.0"))).orElse("n/a"));
            row.add(r.secondary("runQueueWait").filter(Metric::hasScore)
                    .map(w -> ReadableScale.significant(w.score()) + " ms/s").orElse("n/a"));
            rows.add(row);
        }
        md.table(header, rows);
        md.p("Microseconds from the intended send time; mean ± JMH-style 99.9% half-width over the per-window means"
                + " (" + windows(rs.get(0)) + "); achieved rate: responses that arrived during the measurement, per"
                + " second (below the offered rate means the target fell behind); timeouts: no response within 2 s,"
                + " recorded at 2 s; dropped: frames the target refused by its own bounded policy (full mailbox or"
                + " outbound queue), warm-up included, n/a for Netty, whose queues are unbounded. Dropped requests"
                + " are the usual cause of timeouts, and they turn a CPU-starved run's tail into seconds.");
    }

    private static String windows(BenchmarkResult r) {
        int n = r.primary().sampleCount();
        return n + " window" + (n == 1 ? "" : "s") + (r.forks() > 1 ? " over " + r.forks() + " forks" : "");
    }

    private static String count(BenchmarkResult r, String name) {
        return r.secondary(name).filter(Metric::hasScore).map(m -> String.format(Locale.ROOT, "%,.0f", m.score()))
                .orElse("n/a");
    }

    private static String us(Double v) {
        return v == null || !Double.isFinite(v) ? "n/a" : ReadableScale.significant(v);
    }

    private void chart(Markdown md, String load, List<BenchmarkResult> rs) {
        Map<String, double[][]> curves = new LinkedHashMap<>();
        for (BenchmarkResult r : rs) {
            List<double[]> pts = new ArrayList<>();
            r.primary().percentiles().forEach((k, v) -> {
                double q = Double.parseDouble(k);
                if (q >= 50 && q < 100 && Double.isFinite(v) && v > 0) {
                    pts.add(new double[] {q, v});
                }
            });
            pts.sort(Comparator.comparingDouble(x -> x[0]));
            curves.put(series(r), pts.toArray(new double[0][]));
        }
        String name = charts.percentileChart("end-to-end-latency-" + ReportWriter.slug(load),
                "Latency by percentile: " + load, curves);
        md.chart(name, "latency by percentile, " + load);
        md.p("HdrHistogram-style percentile plot: x is the percentile on a log scale of 1 / (1 - p) (50% to"
                + " 99.99%), y the latency in microseconds (log scale). Lower is better; a curve that turns up"
                + " sharply marks the tail.");
    }

    private void nettyRatio(Markdown md, List<BenchmarkResult> rs) {
        BenchmarkResult netty = rs.stream().filter(r -> "netty".equals(r.param(LatencyEntry.TARGET))).findFirst()
                .orElse(null);
        if (netty == null) {
            md.p("Ratio to Netty: not measured (no Netty point at this load in this run).");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (BenchmarkResult r : rs) {
            if (r == netty) {
                continue;
            }
            // latency ratio ours / Netty's: the reciprocal of our speed over Netty
            Interval mean = ReportWriter.speed(r, netty).reciprocal();
            List<String> row = new ArrayList<>(List.of(series(r), mean.format(2)));
            for (String k : List.of("50.0", "99.0", "99.9")) {
                Double a = r.primary().percentiles().get(k);
                Double b = netty.primary().percentiles().get(k);
                row.add(a == null || b == null || !(b > 0) ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b));
            }
            rows.add(row);
        }
        md.table(List.of("target", "mean latency / Netty's (" + ReportWriter.pct(ReportWriter.CONFIDENCE) + " CI)",
                "p50 / Netty's", "p99 / Netty's", "p99.9 / Netty's"), rows);
        md.p("Latency ratios at the same offered rate: below 1 is faster than Netty. The mean's interval: "
                + ReportWriter.METHOD + "; percentile ratios are point estimates (the median over forks of each"
                + " fork's histogram percentile).");
    }
}
