package dev.msgtrans.workbench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a verdict is worth on this machine, from a run that measured the same build twice ({@code workbench aa}): the
 * A/A comparison's false alarms, then the same real measurements with a known slowdown injected into the head side of
 * every other point (its measured iterations scaled, a test-only transformation: nothing in the code changes), to see
 * which slowdowns the gate catches with this many forks. The points left untouched show the false-alarm rate beside
 * the injected ones. Stateless apart from its settings.
 */
public final class SelfCheck {

    /** The injected slowdowns, as fractions of speed lost. */
    public static final List<Double> SLOWDOWNS = List.of(0.05, 0.10, 0.20);

    /** A detection rate at or above this is what the machine "resolves". */
    public static final double RESOLVED = 0.8;

    /** The power a detectable slowdown is quoted at. */
    public static final double POWER = 0.8;

    /** The slowdown {@link Detectable#forksFor} is asked for: the gate's threshold. */
    public static final double TARGET = 0.10;

    private final RunComparator comparator;
    private final CompareSettings settings;

    public SelfCheck(CompareSettings settings) {
        this.comparator = new RunComparator(settings);
        this.settings = settings;
    }

    /**
     * What one point can resolve, from its own A/A forks: the fork-to-fork spread of its steady fork means (log scale,
     * pooled over both builds), and from it the slowdown a two-sided Welch test at the family's first Holm step
     * (alpha / points) detects with {@link #POWER} power at this many forks per side, and the forks per side
     * {@link #TARGET} would need. A planning figure from a normal approximation, not a verdict.
     *
     * @param point      the point
     * @param forks      steady forks per side (the smaller side)
     * @param forkSd     standard deviation of the log fork means, pooled over both builds
     * @param detectable the slowdown detected with {@link #POWER} power at {@code forks} forks a side
     * @param forksFor   forks per side for {@link #TARGET}
     */
    public record Detectable(String point, int forks, double forkSd, double detectable, int forksFor) {
    }

    /**
     * One injection's outcome.
     *
     * @param slowdown      the injected loss of speed (0 for the plain A/A comparison)
     * @param slowed        points that were slowed
     * @param caught        of those, called slower
     * @param untouched     points left as measured
     * @param falseAlarms   of those, called faster or slower
     * @param gateFailed    whether the gate failed
     */
    public record Injection(double slowdown, int slowed, int caught, int untouched, int falseAlarms,
                            boolean gateFailed) {

        public double detectionRate() {
            return slowed == 0 ? Double.NaN : (double) caught / slowed;
        }
    }

    /**
     * The whole check of one run.
     *
     * @param run        the run directory
     * @param a          the plain A/A comparison
     * @param injections one per slowdown in {@link #SLOWDOWNS}
     */
    public record Result(String run, Comparison a, List<Injection> injections, List<Detectable> detectable) {

        /** The smallest injected slowdown caught at least {@link #RESOLVED} of the time, or NaN if none was. */
        public double resolution() {
            return injections.stream().filter(i -> i.slowdown() > 0 && i.detectionRate() >= RESOLVED)
                    .mapToDouble(Injection::slowdown).min().orElse(Double.NaN);
        }
    }

    /** Checks one A/A run (a run of two builds of the same jar). */
    public Result check(RunResults run) {
        List<String> builds = run.builds();
        if (builds.size() < 2) {
            throw new IllegalArgumentException(run.dir() + " is not a run of two builds (workbench aa makes one)");
        }
        RunResults base = run.build(builds.get(0));
        RunResults head = run.build(builds.get(builds.size() - 1));
        Comparison plain = comparator.compareBuilds(run);
        List<Injection> out = new ArrayList<>();
        out.add(injection(0, plain, Set.of()));
        Set<BenchmarkResult.PointKey> keys = new TreeSet<>();
        head.benchmarks().forEach(r -> keys.add(r.key()));
        Set<BenchmarkResult.PointKey> slowed = new TreeSet<>();
        int k = 0;
        for (BenchmarkResult.PointKey key : keys) {
            if (k++ % 2 == 0) {
                slowed.add(key);
            }
        }
        for (double s : SLOWDOWNS) {
            List<BenchmarkResult> changed = new ArrayList<>();
            for (BenchmarkResult r : head.benchmarks()) {
                if (slowed.contains(r.key())) {
                    // a rate loses s of its value; a time per operation grows by 1 / (1 - s)
                    changed.add(r.withHeadlineScaled(r.headlineDirection() == Direction.HIGHER_IS_BETTER ? 1 - s
                            : 1 / (1 - s)));
                } else {
                    changed.add(r);
                }
            }
            Comparison c = comparator.compareBuildViews(base, head.withBenchmarks(changed));
            out.add(injection(s, c, slowed));
        }
        return new Result(run.dir().toString(), plain, out, detectable(base, head));
    }

    private List<Detectable> detectable(RunResults base, RunResults head) {
        Map<BenchmarkResult.PointKey, BenchmarkResult> bases = new LinkedHashMap<>();
        base.benchmarks().forEach(r -> bases.put(r.key(), r));
        List<double[]> pairs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (BenchmarkResult h : head.benchmarks()) {
            BenchmarkResult b = bases.get(h.key());
            if (b == null) {
                continue;
            }
            double[] lb = logs(dev.msgtrans.workbench.verdict.Verdicts.replicates(b, false).means());
            double[] lh = logs(dev.msgtrans.workbench.verdict.Verdicts.replicates(h, false).means());
            if (lb.length < 2 || lh.length < 2) {
                continue;
            }
            double pooled = Math.sqrt(((lb.length - 1) * variance(lb) + (lh.length - 1) * variance(lh))
                    / (lb.length + lh.length - 2));
            pairs.add(new double[] {Math.min(lb.length, lh.length), pooled});
            names.add(h.key().toString());
        }
        List<Detectable> out = new ArrayList<>();
        double z = normalQuantile(1 - settings.alpha() / (2.0 * Math.max(1, pairs.size()))) + normalQuantile(POWER);
        for (int i = 0; i < pairs.size(); i++) {
            int n = (int) pairs.get(i)[0];
            double sd = pairs.get(i)[1];
            double detect = -Math.expm1(-z * sd * Math.sqrt(2.0 / n));
            int forksFor = (int) Math.ceil(2 * Math.pow(z * sd / -Math.log1p(-TARGET), 2));
            out.add(new Detectable(names.get(i), n, sd, detect, Math.max(2, forksFor)));
        }
        out.sort(java.util.Comparator.comparingDouble(Detectable::detectable));
        return out;
    }

    private static double[] logs(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = Math.log(xs[i]);
        }
        return out;
    }

    private static double variance(double[] xs) {
        double m = 0;
        for (double x : xs) {
            m += x;
        }
        m /= xs.length;
        double v = 0;
        for (double x : xs) {
            v += (x - m) * (x - m);
        }
        return v / (xs.length - 1);
    }

    /** The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9 after refinement). */
    static double normalQuantile(double p) {
        if (p <= 0 || p >= 1) {
            throw new IllegalArgumentException("p must be in (0, 1), was " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double q;
        double x;
        if (p < 0.02425) {
            q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p <= 1 - 0.02425) {
            q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        } else {
            q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        return x;
    }

    private static Injection injection(double s, Comparison c, Set<BenchmarkResult.PointKey> slowed) {
        int nSlowed = 0;
        int caught = 0;
        int untouched = 0;
        int alarms = 0;
        for (PointComparison p : c.points()) {
            if (p.verdict() == Verdict.ADDED || p.verdict() == Verdict.REMOVED) {
                continue;
            }
            if (slowed.contains(p.key())) {
                nSlowed++;
                caught += p.verdict() == Verdict.SLOWER ? 1 : 0;
            } else {
                untouched++;
                alarms += p.verdict() == Verdict.FASTER || p.verdict() == Verdict.SLOWER ? 1 : 0;
            }
        }
        return new Injection(s, nSlowed, caught, untouched, alarms, c.exitCode() != 0);
    }

    /** A Markdown summary of one or more checks, with totals. */
    public static String toMarkdown(List<Result> results, String settingsLine) {
        StringBuilder md = new StringBuilder("# A/A self-check\n\n");
        md.append(settingsLine).append("\n\n");
        md.append("| run | injected slowdown | slowed points caught | untouched points called faster/slower |"
                + " gate |\n|---|---:|---:|---:|---|\n");
        Map<Double, int[]> totals = new LinkedHashMap<>();
        for (Result r : results) {
            for (Injection i : r.injections()) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d of %d | %s |%n", r.run(),
                        i.slowdown() == 0 ? "none (A/A)" : pct(i.slowdown()),
                        i.slowed() == 0 ? "" : i.caught() + " of " + i.slowed(), i.falseAlarms(), i.untouched(),
                        i.gateFailed() ? "failed" : "passed"));
                int[] t = totals.computeIfAbsent(i.slowdown(), x -> new int[5]);
                t[0] += i.slowed();
                t[1] += i.caught();
                t[2] += i.untouched();
                t[3] += i.falseAlarms();
                t[4] += i.gateFailed() ? 1 : 0;
            }
        }
        md.append("\n**Totals over ").append(results.size()).append(results.size() == 1 ? " run" : " runs")
                .append("**\n\n| injected slowdown | detection rate | false-alarm rate (untouched points) |"
                        + " gate failures |\n|---:|---:|---:|---:|\n");
        totals.forEach((s, t) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d of %d |%n",
                s == 0 ? "none (A/A)" : pct(s), t[0] == 0 ? "" : String.format(Locale.ROOT, "%.0f%% (%d of %d)",
                        100.0 * t[1] / t[0], t[1], t[0]),
                String.format(Locale.ROOT, "%.1f%% (%d of %d)", t[2] == 0 ? 0 : 100.0 * t[3] / t[2], t[3], t[2]),
                t[4], results.size())));
        double resolution = Double.NaN;
        for (Map.Entry<Double, int[]> e : totals.entrySet()) {
            int[] t = e.getValue();
            if (e.getKey() > 0 && t[0] > 0 && (double) t[1] / t[0] >= RESOLVED && !(resolution <= e.getKey())) {
                resolution = e.getKey();
            }
        }
        Map<String, double[]> byPoint = new java.util.TreeMap<>();
        for (Result r : results) {
            for (Detectable d : r.detectable()) {
                double[] acc = byPoint.computeIfAbsent(d.point(), x -> new double[4]);
                acc[0] += d.detectable();
                acc[1] += d.forkSd();
                acc[2] += d.forksFor();
                acc[3]++;
            }
        }
        if (!byPoint.isEmpty()) {
            md.append("\n**What each point can resolve** (from its own A/A forks, averaged over the runs: the"
                    + " fork-to-fork spread of its fork means, the slowdown detected ").append(pct(POWER))
                    .append(" of the time at these forks under the family's first Holm step, and the forks per side ")
                    .append(pct(TARGET)).append(" would need; a planning figure from a normal approximation)\n\n")
                    .append("| point | fork-to-fork SD | detectable slowdown | forks per side for ").append(pct(TARGET))
                    .append(" |\n|---|---:|---:|---:|\n");
            byPoint.entrySet().stream().sorted(java.util.Comparator.comparingDouble(e -> e.getValue()[0]))
                    .forEach(e -> md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.0f%% | %.0f |%n", e.getKey(),
                            100 * e.getValue()[1] / e.getValue()[3], 100 * e.getValue()[0] / e.getValue()[3],
                            Math.ceil(e.getValue()[2] / e.getValue()[3]))));
        }
        md.append('\n').append(Double.isNaN(resolution)
                ? "Resolution: no injected slowdown up to " + pct(SLOWDOWNS.get(SLOWDOWNS.size() - 1)) + " was caught "
                + pct(RESOLVED) + " of the time with these forks: give the gate more forks (--forks) or a quieter"
                + " machine before trusting it with small regressions."
                : "Resolution: the smallest injected slowdown caught at least " + pct(RESOLVED) + " of the time is "
                + pct(resolution) + "; smaller regressions will mostly pass as inconclusive.").append('\n');
        return md.toString();
    }

    /** The same as JSON. */
    public static String toJson(List<Result> results) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.run());
            m.put("injections", r.injections());
            m.put("resolution", Double.isNaN(r.resolution()) ? null : r.resolution());
            m.put("detectable", r.detectable());
            rows.add(m);
        }
        try {
            return RunLayout.JSON.writeValueAsString(rows) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the self-check", e);
        }
    }

    private static String pct(double f) {
        return String.format(Locale.ROOT, "%.0f%%", f * 100);
    }
}
