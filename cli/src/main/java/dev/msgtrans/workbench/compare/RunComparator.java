package dev.msgtrans.workbench.compare;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.BenchmarkResult.PointKey;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.results.ScoreUnits;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.verdict.Verdicts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a new run against a base run. Stateless apart from its settings; thread-safe.
 * <p>
 * For each point present in both runs it compares the benchmark's headline metric (the primary score, or the
 * auxiliary counter the benchmark's javadoc says counts real work): the speed of new over base (above 1 is better)
 * from each run's forks as replicates, their steady segments only ({@link Verdicts}). The two runs are separate, so
 * forks are not paired. All matched points form one family: a point is faster or slower only when its adjusted p is
 * below alpha, equivalent when its interval lies within the margin, inconclusive otherwise; the gate fails on a
 * slower point whose slowdown exceeds {@code failAbove}.
 */
public final class RunComparator {

    private final CompareSettings settings;

    public RunComparator(CompareSettings settings) {
        this.settings = settings;
    }

    /** Two separate runs: their forks are independent, never paired. */
    public Comparison compare(RunResults base, RunResults current) {
        return compare(base, current, false);
    }

    /**
     * The builds of one run ({@code workbench run --build base=... --build head=...}): the first build is the base,
     * the last the new one. Their forks ran interleaved in the same rounds on the same machine, so they are paired
     * by round (relative benchmarking: drift and neighbours hit both sides alike).
     *
     * @throws IllegalArgumentException when the run does not compare builds
     */
    public Comparison compareBuilds(RunResults run) {
        List<String> builds = run.builds();
        if (builds.size() < 2) {
            throw new IllegalArgumentException(run.dir() + " does not compare builds (run it with --build"
                    + " base=JAR --build head=JAR), so compare needs a second run: compare BASE NEW");
        }
        return compare(run.build(builds.get(0)), run.build(builds.get(builds.size() - 1)), true);
    }

    /** Two build views of one run ({@link RunResults#build}), possibly transformed: paired by round. */
    Comparison compareBuildViews(RunResults base, RunResults head) {
        return compare(base, head, true);
    }

    private Comparison compare(RunResults base, RunResults current, boolean sameRun) {
        List<String> warnings = new ArrayList<>();
        Map<PointKey, BenchmarkResult> a = index(base, "base", warnings);
        Map<PointKey, BenchmarkResult> b = index(current, "new", warnings);
        Map<PointKey, PointKey> renamed = matchNewParams(a, b, warnings);
        List<PointComparison> points = new ArrayList<>();
        List<Verdicts.Question> family = new ArrayList<>();
        for (Map.Entry<PointKey, BenchmarkResult> e : a.entrySet()) {
            BenchmarkResult nb = b.get(renamed.getOrDefault(e.getKey(), e.getKey()));
            if (nb == null) {
                points.add(unmatched(e.getValue(), Verdict.REMOVED));
            } else {
                family.add(new Verdicts.Question(e.getValue(), nb, sameRun));
            }
        }
        for (Map.Entry<PointKey, BenchmarkResult> e : b.entrySet()) {
            if (!a.containsKey(e.getKey()) && !renamed.containsValue(e.getKey())) {
                points.add(unmatched(e.getValue(), Verdict.ADDED));
            }
        }
        List<Verdicts.Finding> decided = settings.verdicts().decide(family);
        for (Verdicts.Finding f : decided) {
            points.add(compared(f));
        }
        points.sort(Comparator.comparing((PointComparison p) -> p.verdict().ordinal())
                .thenComparing(PointComparison::key));
        return new Comparison(describe(base) + (sameRun ? " build " + base.benchmarks().get(0).build() : ""),
                describe(current) + (sameRun ? " build " + current.benchmarks().get(0).build() : ""), settings,
                points, concat(warnings, sameRun ? List.of() : EnvironmentDiff.warnings(base, current)),
                family.size(), sameRun);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /**
     * Base points that only a parameter added since pairs with a new point: a base point without a match whose
     * parameters are exactly one unmatched new point's minus the parameters the base never had (the new build added
     * {@code @Param idle}, measured at one value). Matched only when the pairing is unique; said in a warning, since
     * the workbench cannot know that the one value is the old behaviour.
     */
    private static Map<PointKey, PointKey> matchNewParams(Map<PointKey, BenchmarkResult> a,
                                                          Map<PointKey, BenchmarkResult> b, List<String> warnings) {
        Map<PointKey, List<PointKey>> candidates = new TreeMap<>();
        Map<PointKey, Integer> claims = new TreeMap<>();
        for (PointKey nk : b.keySet()) {
            if (a.containsKey(nk)) {
                continue;
            }
            for (PointKey ok : a.keySet()) {
                if (b.containsKey(ok) || !ok.benchmark().equals(nk.benchmark()) || !ok.mode().equals(nk.mode())
                        || !ok.threads().equals(nk.threads()) || !java.util.Objects.equals(ok.jdk(), nk.jdk())
                        || nk.params().size() <= ok.params().size()
                        || !nk.params().entrySet().containsAll(ok.params().entrySet())) {
                    continue;
                }
                candidates.computeIfAbsent(ok, k -> new ArrayList<>()).add(nk);
                claims.merge(nk, 1, Integer::sum);
            }
        }
        Map<PointKey, PointKey> out = new TreeMap<>();
        candidates.forEach((ok, nks) -> {
            if (nks.size() == 1 && claims.get(nks.get(0)) == 1) {
                PointKey nk = nks.get(0);
                List<String> extra = new ArrayList<>();
                nk.params().forEach((k, v) -> {
                    if (!ok.params().containsKey(k)) {
                        extra.add(k + "=" + v);
                    }
                });
                out.put(ok, nk);
                warnings.add(ok + " compared with the new build's " + String.join(", ", extra) + ", a parameter the"
                        + " base build does not have");
            }
        });
        return out;
    }

    /** A point measured twice (e.g. a point in two matrices) keeps its first result. */
    /**
     * The run's points by key. A configuration measured twice in one run (two matrices that both selected it,
     * before the workbench measured shared points once) is compared by its first measurement, and a warning names
     * it with both scores: the two may disagree, and neither is silently the answer.
     */
    private static Map<PointKey, BenchmarkResult> index(RunResults run, String side, List<String> warnings) {
        Map<PointKey, BenchmarkResult> m = new TreeMap<>();
        for (BenchmarkResult r : run.benchmarks()) {
            BenchmarkResult first = m.putIfAbsent(r.key(), r);
            if (first != null) {
                warnings.add(String.format(java.util.Locale.ROOT, "%s: %s was measured twice (matrix %s: %.4g,"
                                + " matrix %s: %.4g %s); compared by the first", side, r.key(), first.matrix(),
                        first.headline().score(), r.matrix(), r.headline().score(), r.headline().unit()));
            }
        }
        return m;
    }

    private PointComparison compared(Verdicts.Finding f) {
        BenchmarkResult base = f.question().baseline();
        BenchmarkResult current = f.question().candidate();
        Metric mb = base.headline().inBaseUnit();
        Metric mc = current.headline().inBaseUnit();
        Direction dir = base.headlineDirection();
        Interval speed = f.speed();
        Interval ratio = dir == Direction.HIGHER_IS_BETTER ? speed : speed.reciprocal();
        Verdict verdict = switch (f.decision().outcome()) {
            case FASTER -> Verdict.FASTER;
            case SLOWER -> Verdict.SLOWER;
            case EQUIVALENT -> Verdict.EQUIVALENT;
            case INCONCLUSIVE -> Verdict.INCONCLUSIVE;
        };
        boolean gate = verdict == Verdict.SLOWER && 1 - speed.estimate() > settings.failAbove();
        return new PointComparison(base.key(), mb.name(), ScoreUnits.baseUnit(base.headline().unit()), dir,
                mb.score(), mc.score(), ratio, speed, verdict, gate, f.decision().adjustedP(), f.decision().reason(),
                f.estimate().forksA(), f.estimate().forksB());
    }

    private static PointComparison unmatched(BenchmarkResult r, Verdict verdict) {
        Metric m = r.headline().inBaseUnit();
        boolean added = verdict == Verdict.ADDED;
        return new PointComparison(r.key(), m.name(), m.unit(), m.name().equals(Metric.PRIMARY) ? r.direction()
                : Direction.ofUnit(m.unit()), added ? Double.NaN : m.score(), added ? m.score() : Double.NaN, null,
                null, verdict, false, Double.NaN, null, 0, 0);
    }

    /** E.g. {@code runs/a (profile quick, 2 cores, Intel Xeon ..., jdk17 17.0.15, git 1a2b3c4)}. */
    static String describe(RunResults run) {
        List<String> parts = new ArrayList<>();
        run.run().ifPresent(r -> parts.add("profile " + r.profile()));
        run.environment().ifPresent(env -> {
            if (env.host() != null) {
                parts.add(env.host().logicalCores() + " cores, " + env.host().cpuModel());
            }
            env.jdks().forEach(j -> parts.add(j.tag() + " " + j.runtimeVersion()));
            if (env.git() != null && env.git().revision() != null) {
                parts.add("git " + env.git().revision().substring(0, Math.min(10, env.git().revision().length()))
                        + (env.git().dirty() ? " (dirty)" : ""));
            }
        });
        return run.dir() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }
}
