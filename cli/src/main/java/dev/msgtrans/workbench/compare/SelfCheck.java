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

    private final RunComparator comparator;

    public SelfCheck(CompareSettings settings) {
        this.comparator = new RunComparator(settings);
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
    public record Result(String run, Comparison a, List<Injection> injections) {

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
        return new Result(run.dir().toString(), plain, out);
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
