package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.stats.Interval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The seed page: the original report's claimed figures (ORIGINAL.md) beside what this run measured for the same
 * workload, what the claims really measured, and the original's workloads replayed with its parameters (the
 * {@code seed} matrix). Not thread-safe.
 */
final class SeedPage {

    /**
     * One figure the seed report claims.
     *
     * @param figure   as claimed
     * @param claim    what it was said to be
     * @param timed    what its timed region really contained
     * @param ours     which of our benchmarks measures the same work
     * @param select   picks our results for it
     */
    record Claim(String figure, String claim, String timed, String ours, Predicate<BenchmarkResult> select) {
    }

    private static final String DEMO = "the hybrid demo: no transport code; the timed region holds 300 ms of"
            + " sleeps (1,500 commands / 0.303 s = 4,948)";

    private static final List<Claim> CLAIMS = List.of(
            new Claim("4,948 cmd/s", "phase 1: server session table, RwLock<HashMap> -> \"LockFreeHashMap\"", DEMO,
                    "session table, the original's map workload (10 writers + 5 readers, 10,000 keys: 15 threads,"
                            + " 50% reads)",
                    r -> r.className().equals("SessionRegistryBenchmark") && "10000".equals(r.param("keySpace"))),
            new Claim("630 pkt/s", "packets processed in the same demo (1,000 x 64 B + 334 x 32 B)", DEMO,
                    "end-to-end echo round trips, 64 B, strict ping-pong (window 1), phase3 preset",
                    r -> r.className().equals("EchoThroughputBenchmark") && "1".equals(r.param("window"))
                            && "phase3".equals(r.param("variant"))),
            new Claim("957 evt/s", "phase 2: event broadcast (tokio broadcast, kept)", DEMO
                    .replace("(1,500 commands / 0.303 s = 4,948)", "(200 events)"),
                    "event broadcast, lockfree bus, event copies buffered per second",
                    r -> r.className().equals("EventBusBenchmark") && "lockfree".equals(r.param("variant"))),
            new Claim("6,746 ops/s", "phase 2: ActorManager overall (actor table + command channel)", DEMO
                    .replace("(1,500 commands / 0.303 s = 4,948)", "(every operation of the demo)"),
                    "actor system, tells accepted per second (lockfree actors, mutex dispatch)",
                    r -> r.className().equals("ActorSystemBenchmark") && "lockfree".equals(r.param("variant"))));

    /** The seed's channel comparison: 1 producer, 4 consumers x 25,000 x 64 B. */
    private static final List<String[]> CHANNEL_CLAIMS = List.of(
            new String[] {"crossbeam (unbounded)", "1,918,948"},
            new String[] {"flume async (unbounded)", "1,400,750"},
            new String[] {"flume sync (unbounded)", "1,063,549"},
            new String[] {"tokio (bounded)", "865,912"});

    private final RunResults run;
    private final RunFacts facts;

    SeedPage(RunResults run, RunFacts facts) {
        this.run = run;
        this.facts = facts;
    }

    /** Writes the page; returns its one-line verdict for the index. */
    String write(Markdown md, ChartRenderer charts) {
        md.h(1, ReportPage.SEED.title());
        facts.header(md);
        md.p("What the seed's numbers really measured: its 4,948 cmd/s, 630 pkt/s, 957 evt/s and 6,746 ops/s come"
                + " from a demo program that uses none of the transport's code and whose timed region contains"
                + " 300 ms of sleeps (1,500 commands / 0.303 s = 4,948): they measure the sleeps, not a session"
                + " table. Its channel comparison set one bounded tokio channel against unbounded crossbeam and"
                + " flume channels, allocated per message, timed thread spawn and join, ran once with no warm-up."
                + " Its phase 3 figures (2-3x, 1.5-2x, -30-50% latency) were targets; nothing was measured. The"
                + " figures below are ours, for the same work done properly (JMH warm-up, bounded structures, no"
                + " sleeps in the timed region); they are not comparable to the claims, which is the point.");
        md.h(2, "Claimed figures beside ours");
        List<List<String>> rows = new ArrayList<>();
        String verdict = null;
        for (Claim c : CLAIMS) {
            List<BenchmarkResult> ours = run.select(c.select());
            String measured = ours.isEmpty() ? "not measured in this run" : describe(ours);
            rows.add(List.of(c.figure(), c.claim(), c.timed(), c.ours(), measured));
            if (verdict == null && !ours.isEmpty()) {
                BenchmarkResult best = best(ours);
                verdict = String.format(Locale.ROOT, "The seed's %s timed sleeps; the same workload measured %s"
                                + " (%s, %s threads) here.", c.figure(),
                        ReadableScale.format(best.headline().inBaseUnit().score(), noun(best) + "/s"),
                        seriesOf(best), best.threadsLabel());
            }
        }
        md.table(List.of("seed figure", "claimed as", "what it timed", "our measurement of the same work", "ours"),
                rows);
        String hybrid = hybrid(md);
        if (hybrid != null) {
            verdict = hybrid;
        }
        channels(md);
        replays(md);
        own(md);
        return verdict != null ? verdict : "The seed's figures measured sleeps; this run measured none of the same"
                + " workloads (run `--matrix seed`).";
    }

    /** The hybrid benchmark's class, and its counters beside the seed's claims (counter, claimed figure, noun). */
    private static final String HYBRID = "HybridWorkloadBenchmark";
    private static final String[][] HYBRID_CLAIMS = {{"commands", "4,948", "cmd/s"}, {"packets", "630", "pkt/s"},
            {"events", "957", "evt/s"}, {"ops", "6,746", "ops/s"}};

    /** The demo mix replayed per preset; returns the page verdict it supports, or null when not measured. */
    private String hybrid(Markdown md) {
        md.h(2, "The hybrid demo, replayed");
        List<BenchmarkResult> rs = new ArrayList<>(run.select(r -> r.className().equals(HYBRID)));
        if (rs.isEmpty()) {
            md.p("Not measured in this run (run `--matrix seed`, or `ci` for one preset).");
            return null;
        }
        rs.sort(Comparator.comparingInt(r -> Section.ORDER.contains(r.param("variant"))
                ? Section.ORDER.indexOf(r.param("variant")) : Section.ORDER.size()));
        md.p("`HybridWorkloadBenchmark`: one operation is the demo's whole mix, 1,000 add-session + 500"
                + " update-pool commands on the preset's session table and connection pool, 1,000 processed"
                + " packets (64 B, pipelined, every third a request) + 334 responses (32 B) through a real in-memory"
                + " server and client of the preset, 100 health-check + 100 session-connected events through the"
                + " preset's event bus to a subscriber, all waited for, no sleeps. Each rate is the mix rate times"
                + " that kind's count per mix (1,500, 1,334, 200, and 3,034 for ops): they share one clock, as the"
                + " seed's did. The seed's column is its demo's counts divided by 0.303 s, mostly its own sleeps.");
        List<String> header = new ArrayList<>(List.of("counter", "seed claimed"));
        rs.forEach(r -> header.add(r.param("variant") + " (measured)"));
        List<List<String>> rows = new ArrayList<>();
        for (String[] c : HYBRID_CLAIMS) {
            List<String> row = new ArrayList<>(List.of(c[0], c[1] + " " + c[2]));
            for (BenchmarkResult r : rs) {
                row.add(r.secondary(c[0]).map(m -> rate(m.inBaseUnit(), c[2])).orElse("n/a"));
            }
            rows.add(row);
        }
        List<String> mixes = new ArrayList<>(List.of("whole mixes", "3.3 /s (1 mix in 0.303 s)"));
        rs.forEach(r -> mixes.add(rate(r.primary().inBaseUnit(), "mixes/s")));
        rows.add(mixes);
        md.table(header, rows);
        md.p("± is JMH's 99.9% error over the measured iterations. Measured by "
                + Markdown.code(facts.command()) + "; one preset by hand: "
                + Markdown.code("java -jar harness/target/benchmarks.jar HybridWorkloadBenchmark -p variant=phase3")
                + ".");
        BenchmarkResult last = rs.get(rs.size() - 1);
        return last.secondary("commands").map(m -> String.format(Locale.ROOT, "The seed's 4,948 cmd/s timed its own"
                + " sleeps; its demo mix through the real %s components measured %s here.", last.param("variant"),
                ReadableScale.format(m.inBaseUnit().score(), "cmd/s"))).orElse(null);
    }

    private static String rate(Metric m, String noun) {
        return ReadableScale.format(m.score(), noun) + (Double.isFinite(m.error()) ? " ± "
                + ReadableScale.format(m.error(), noun) : "");
    }

    private void channels(Markdown md) {
        md.h(2, "The channel comparison");
        // the point is in both the seed and the shootout matrices: one row per implementation, the seed's first
        java.util.Map<String, BenchmarkResult> byImpl = new java.util.LinkedHashMap<>();
        run.select(r -> r.className().equals("OneToManyChannelBenchmark") && "4,1".equals(r.threadsLabel()))
                .stream().sorted(Comparator.comparing((BenchmarkResult r) -> !r.inMatrix("seed")))
                .forEach(r -> byImpl.putIfAbsent(r.param("impl"), r));
        List<BenchmarkResult> ours = new ArrayList<>(byImpl.values());
        List<List<String>> rows = new ArrayList<>();
        ours.sort(Comparator.comparingDouble((BenchmarkResult r) -> -r.headline().inBaseUnit().score()));
        int n = Math.max(CHANNEL_CLAIMS.size(), ours.size());
        for (int i = 0; i < n; i++) {
            String[] claim = i < CHANNEL_CLAIMS.size() ? CHANNEL_CLAIMS.get(i) : new String[] {"", ""};
            BenchmarkResult r = i < ours.size() ? ours.get(i) : null;
            rows.add(List.of(claim[0], claim[1], r == null ? "" : r.param("impl") + " (capacity "
                    + r.param("capacity") + ")", r == null ? "" : ReadableScale.format(
                    r.headline().inBaseUnit().score(), "msgs/s")));
        }
        md.p("The seed: 1 producer, 4 consumers x 25,000 x 64 B messages, msg/s, one run. Ours: the same topology"
                + " (`OneToManyChannelBenchmark`, thread group 4,1), every channel bounded at the same capacity,"
                + " preallocated messages, messages that reached consumers per second, JMH-measured; ranked."
                + (ours.isEmpty() ? " This run did not measure it (run `--matrix seed` or `shootout`)." : ""));
        md.table(List.of("seed channel", "seed msg/s", "our channel", "ours"), rows);
        String over = facts.oversubscriptionWarning(ours);
        if (over != null) {
            md.quote(over);
        }
    }

    private void replays(Markdown md) {
        md.h(2, "The original's workloads, replayed with its parameters");
        List<BenchmarkResult> seed = run.select(r -> r.inMatrix("seed"));
        if (seed.isEmpty()) {
            md.p("Not measured in this run (run `--matrix seed` or `all`).");
            return;
        }
        md.p("The `seed` matrix: the original's thread counts (15, 10, 20 threads on the map, queue, buffer pool and"
                + " connection pool workloads), measured properly. Ratios: lockfree over mutex, "
                + ReportWriter.METHOD + ".");
        List<List<String>> rows = new ArrayList<>();
        for (BenchmarkResult r : seed) {
            if (r.param("variant") == null) {
                continue;
            }
            String ratio = "";
            if ("lockfree".equals(r.param("variant"))) {
                BenchmarkResult mutex = seed.stream().filter(m -> m.benchmark().equals(r.benchmark())
                        && "mutex".equals(m.param("variant")) && m.threads() == r.threads()
                        && sameExceptVariant(m, r)).findFirst().orElse(null);
                if (mutex != null) {
                    Interval iv = ReportWriter.speed(r, mutex);
                    ratio = iv.format(2);
                }
            }
            rows.add(List.of(r.shortName(), paramsWithoutVariant(r), r.param("variant"), r.threadsLabel(),
                    ReadableScale.format(r.headline().inBaseUnit().score(), noun(r) + "/s"), ratio));
        }
        md.table(List.of("benchmark", "params", "variant", "threads", "throughput", "lockfree / mutex"), rows);
        String over = facts.oversubscriptionWarning(seed);
        if (over != null) {
            md.quote(over);
        }
    }

    private void own(Markdown md) {
        List<BenchmarkResult> own = run.select(r -> r.benchmark().startsWith("dev.msgtrans.harness.seed.")
                && !r.className().equals(HYBRID));
        if (own.isEmpty()) {
            return;
        }
        md.h(2, "Seed replay benchmarks");
        List<List<String>> rows = new ArrayList<>();
        for (BenchmarkResult r : own) {
            Metric m = r.primary().inBaseUnit();
            rows.add(List.of(r.shortName(), r.params().toString(), r.threadsLabel(), ReadableScale.format(m.score(),
                    m.unit()), Double.isFinite(m.error()) ? ReadableScale.format(m.error(), m.unit()) : "n/a"));
        }
        md.table(List.of("benchmark", "params", "threads", "score", "± 99.9% error"), rows);
    }

    private static boolean sameExceptVariant(BenchmarkResult a, BenchmarkResult b) {
        var pa = new java.util.TreeMap<>(a.params());
        var pb = new java.util.TreeMap<>(b.params());
        pa.remove("variant");
        pb.remove("variant");
        return pa.equals(pb);
    }

    private static String paramsWithoutVariant(BenchmarkResult r) {
        List<String> kv = new ArrayList<>();
        r.params().forEach((k, v) -> {
            if (!k.equals("variant")) {
                kv.add(k + "=" + v);
            }
        });
        return String.join(", ", kv);
    }

    private String describe(List<BenchmarkResult> ours) {
        List<String> parts = new ArrayList<>();
        ours.stream().sorted(Comparator.comparingDouble((BenchmarkResult r) -> -r.headline().inBaseUnit().score()))
                .limit(5).forEach(r -> parts.add(seriesOf(r) + " " + paramsNote(r) + "t" + r.threadsLabel() + ": "
                        + ReadableScale.format(r.headline().inBaseUnit().score(), noun(r) + "/s")));
        return String.join("; ", parts);
    }

    private static String paramsNote(BenchmarkResult r) {
        List<String> kv = new ArrayList<>();
        for (String k : List.of("protocol", "subscribers")) {
            if (r.param(k) != null) {
                kv.add(k + "=" + r.param(k));
            }
        }
        return kv.isEmpty() ? "" : String.join(" ", kv) + " ";
    }

    private static BenchmarkResult best(List<BenchmarkResult> rs) {
        return rs.stream().max(Comparator.comparingDouble(r -> r.headline().inBaseUnit().score())).orElseThrow();
    }

    private static String seriesOf(BenchmarkResult r) {
        return BenchmarkFamily.of(r).map(f -> f.seriesOf(r)).orElse(r.method());
    }

    private static String noun(BenchmarkResult r) {
        return BenchmarkFamily.of(r).map(BenchmarkFamily::noun).orElse("ops");
    }
}
