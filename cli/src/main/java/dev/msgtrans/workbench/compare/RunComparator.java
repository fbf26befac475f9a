package dev.msgtrans.workbench.compare;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.BenchmarkResult.PointKey;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.results.Metric;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.results.ScoreUnits;
import dev.msgtrans.workbench.stats.BootstrapRatio;
import dev.msgtrans.workbench.stats.Interval;
import dev.msgtrans.workbench.stats.WelchRatio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares a new run against a base run. Stateless apart from its settings; thread-safe.
 * <p>
 * For each point present in both runs it compares the benchmark's headline metric (the primary score, or the
 * auxiliary counter the benchmark's javadoc says counts real work): the ratio new/base with an interval from the
 * raw iterations ({@link WelchRatio} on log scores by default, forks as replicates; or the seeded
 * {@link BootstrapRatio}), turned into a speed ratio (above 1 is better) from the metric's direction.
 * A change is significant only if the interval excludes 1 <em>and</em> the change exceeds the threshold: an
 * interval alone would flag 1% differences that no one should act on, a threshold alone would flag noise.
 */
public final class RunComparator {

    private final CompareSettings settings;
    private final BootstrapRatio bootstrap;

    public RunComparator(CompareSettings settings) {
        this.settings = settings;
        this.bootstrap = new BootstrapRatio(settings.resamples(), settings.seed());
    }

    public Comparison compare(RunResults base, RunResults current) {
        Map<PointKey, BenchmarkResult> a = index(base);
        Map<PointKey, BenchmarkResult> b = index(current);
        List<PointComparison> points = new ArrayList<>();
        for (Map.Entry<PointKey, BenchmarkResult> e : a.entrySet()) {
            BenchmarkResult nb = b.get(e.getKey());
            points.add(nb == null ? unmatched(e.getValue(), Verdict.REMOVED) : compare(e.getValue(), nb));
        }
        for (Map.Entry<PointKey, BenchmarkResult> e : b.entrySet()) {
            if (!a.containsKey(e.getKey())) {
                points.add(unmatched(e.getValue(), Verdict.ADDED));
            }
        }
        points.sort(Comparator.comparing((PointComparison p) -> p.verdict().ordinal())
                .thenComparing(PointComparison::key));
        return new Comparison(describe(base), describe(current), settings, points,
                EnvironmentDiff.warnings(base, current));
    }

    /** A point measured twice (e.g. a point in two matrices) keeps its first result. */
    private static Map<PointKey, BenchmarkResult> index(RunResults run) {
        Map<PointKey, BenchmarkResult> m = new TreeMap<>();
        for (BenchmarkResult r : run.benchmarks()) {
            m.putIfAbsent(r.key(), r);
        }
        return m;
    }

    private PointComparison compare(BenchmarkResult base, BenchmarkResult current) {
        Metric mb = base.headline().inBaseUnit();
        Metric mc = current.headline().inBaseUnit();
        Direction dir = mb.name().equals(Metric.PRIMARY) ? base.direction() : Direction.ofUnit(mb.unit());
        Interval ratio = settings.method() == CompareSettings.Method.WELCH
                ? WelchRatio.ratio(mb.forks(), mc.forks(), settings.confidence()).interval()
                : bootstrap.ratioOfMeans(mb.forks(), mc.forks(), settings.confidence());
        if (mb.sampleCount() == 0 || mc.sampleCount() == 0) {
            // no raw data (a hand-written or older file): the scores still give an estimate
            ratio = Interval.pointOnly(mc.score() / mb.score(), settings.confidence());
        }
        Interval speed = dir == Direction.HIGHER_IS_BETTER ? ratio : ratio.reciprocal();
        Verdict verdict;
        double change = speed.estimate() - 1;
        if (!speed.hasBounds()) {
            verdict = Verdict.NO_INTERVAL;
        } else if (speed.lower() > 1 && change > settings.threshold()) {
            verdict = Verdict.FASTER;
        } else if (speed.upper() < 1 && -change > settings.threshold()) {
            verdict = Verdict.SLOWER;
        } else {
            verdict = Verdict.NO_CHANGE;
        }
        boolean gate = verdict == Verdict.SLOWER && -change > settings.failAbove();
        return new PointComparison(base.key(), mb.name(), ScoreUnits.baseUnit(base.headline().unit()), dir,
                mb.score(), mc.score(), ratio, speed, verdict, gate);
    }

    private static PointComparison unmatched(BenchmarkResult r, Verdict verdict) {
        Metric m = r.headline().inBaseUnit();
        boolean added = verdict == Verdict.ADDED;
        return new PointComparison(r.key(), m.name(), m.unit(), m.name().equals(Metric.PRIMARY) ? r.direction()
                : Direction.ofUnit(m.unit()), added ? Double.NaN : m.score(), added ? m.score() : Double.NaN, null,
                null, verdict, false);
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
