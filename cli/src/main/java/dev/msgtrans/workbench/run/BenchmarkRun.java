package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.GitInfo;
import dev.msgtrans.workbench.env.HostInfo;
import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.env.Noise;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.Locale;
import java.util.TreeMap;

import dev.msgtrans.workbench.matrix.MatrixPoint;

/**
 * Executes a {@link RunPlan} fork by fork in randomized interleaved rounds ({@link RoundScheduler}): every entry's
 * minimum forks, then adaptive rounds for the decision points whose intervals are still wider than the target, while
 * the budget lasts. Each round starts with one fork of a fixed calibration benchmark, so a slowed machine shows as a
 * slow round. After every fork the entry's forks are merged into its result file ({@link ForkMerger}) and
 * {@code run.json} and {@code env.json} are rewritten, so an interrupted run still documents what it did. A failed
 * fork is recorded and the run continues. Not thread-safe: forks run one at a time on purpose (two JMH runs at once
 * would measure each other).
 */
public final class BenchmarkRun {

    /** The calibration point: a single-threaded, allocation-free codec encode whose speed only the machine moves. */
    public static final MatrixPoint CALIBRATION = new MatrixPoint("calibration",
            "dev.msgtrans.harness.codec.CodecBenchmark.encode",
            "^dev\\.msgtrans\\.harness\\.codec\\.CodecBenchmark\\.encode$", Map.of("payloadSize", "64"), 1, null,
            List.of());

    private final RunPlan plan;
    private final RunSettings settings;
    private final RunLayout layout;
    private final JmhProcessRunner runner;
    private final HostInfo host;
    private final GitInfo git;
    private final String matrix;
    private final String include;
    private final String shard;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, JdkInfo> jdks = new LinkedHashMap<>();
    private final IntervalWidth width;
    private final long seed;
    private final boolean calibrate;

    /**
     * @param width     how settled a configuration is, for adaptive rounds
     * @param seed      the rounds' shuffle seed
     * @param calibrate whether each round starts with a calibration fork ({@link #CALIBRATION})
     */
    public BenchmarkRun(RunPlan plan, RunSettings settings, RunLayout layout, JmhProcessRunner runner, HostInfo host,
                        GitInfo git, List<JdkInfo> jdks, String matrix, String include, String shard,
                        PrintStream out, PrintStream err, IntervalWidth width, long seed, boolean calibrate) {
        this.plan = plan;
        this.settings = settings;
        this.layout = layout;
        this.runner = runner;
        this.host = host;
        this.git = git;
        this.matrix = matrix;
        this.include = include;
        this.shard = shard;
        this.out = out;
        this.err = err;
        this.width = width;
        this.seed = seed;
        this.calibrate = calibrate;
        jdks.forEach(j -> this.jdks.put(j.tag(), j));
    }

    /** Runs every round; returns the final record (also written to {@code run.json}). */
    public RunRecord execute() {
        String startedAt = now();
        long t0 = System.nanoTime();
        int cores = host.logicalCores();
        List<String> warnings = plan.warnings(cores);
        Map<String, List<PlannedRun>> configs = plan.configurations();
        RoundScheduler scheduler = new RoundScheduler(configs, settings, cores, seed);
        Map<Integer, List<TrialRecord>> trials = new TreeMap<>();
        plan.selected().forEach(r -> trials.put(r.index(), new ArrayList<>()));
        Map<Integer, PlannedRun> byIndex = new LinkedHashMap<>();
        plan.selected().forEach(r -> byIndex.put(r.index(), r));
        List<TrialRecord> calibration = new ArrayList<>();
        List<String> notes = new ArrayList<>(plan.notes());
        EtaClock eta = new EtaClock(plan.expectedSeconds(settings, cores));
        long decision = configs.keySet().stream().filter(scheduler::decisionPoint).count();
        out.printf("workbench run: %s; matrix %s; shard %s; %d of %d entries in %d configurations (%d decision"
                        + " points, threads <= %d cpus); seed %d; expected %s before adaptive rounds%n",
                settings.describe(), matrix, shard, plan.selected().size(), plan.totalPlanned(), configs.size(),
                decision, cores, seed, EtaClock.format(eta.remainingSeconds()));
        for (String w : warnings) {
            err.println("warning: " + w);
        }
        layout.write(environment(startedAt, null, warnings, null));
        layout.write(record(startedAt, null, byIndex, trials, calibration, notes));
        for (int round = 1; ; round++) {
            List<String> chosen = new ArrayList<>(scheduler.required(round));
            List<String> adaptive = chooseAdaptive(scheduler.adaptive(round), configs, trials,
                    (System.nanoTime() - t0) / 1e9, chosen, round, notes);
            chosen.addAll(adaptive);
            if (chosen.isEmpty()) {
                break;
            }
            if (!adaptive.isEmpty()) {
                out.printf("round %d: adaptive, %d configurations whose intervals are wider than ±%.0f%%%n", round,
                        adaptive.size(), settings.target() * 100);
            }
            if (calibrate) {
                PlannedRun cal = new PlannedRun(-1, CALIBRATION, plan.selected().get(0).jdk(), 1);
                calibration.add(runner.trial(cal, round, -1, err));
            }
            List<PlannedRun> order = scheduler.order(chosen, round);
            for (int k = 0; k < order.size(); k++) {
                PlannedRun r = order.get(k);
                boolean required = scheduler.minimumForks(r.configuration()) >= round;
                String over = r.oversubscribed(cores)
                        ? " [" + r.point().threads() + " threads > " + cores + " cpus]" : "";
                String left = required ? "ETA " + EtaClock.format(eta.remainingSeconds())
                        : settings.budgetSeconds() > 0 ? "adaptive, budget left " + EtaClock.format(
                        settings.budgetSeconds() - (System.nanoTime() - t0) / 1e9) : "adaptive";
                out.printf("[round %d, %d/%d] %s%s ... %s%n", round, k + 1, order.size(), r.id(), over, left);
                out.flush();
                TrialRecord t = runner.trial(r, round, k, err);
                double expected = required ? r.expectedSeconds(settings) : 0;
                eta.finished(expected, required ? t.durationSeconds() : 0);
                trials.get(r.index()).add(t);
                if (t.ok()) {
                    out.printf("      ok %.1fs%n", t.durationSeconds());
                    mergeForks(r, trials.get(r.index()));
                }
                if (trials.get(r.index()).size() == 1) {
                    learnBlackholeMode(r.jdk().tag(), layout.dir().resolve(t.logFile()));
                }
                layout.write(record(startedAt, null, byIndex, trials, calibration, notes));
                layout.write(environment(startedAt, null, warnings, noise(calibration, trials)));
            }
        }
        for (Map.Entry<String, List<PlannedRun>> c : configs.entrySet()) {
            if (scheduler.decisionPoint(c.getKey()) && c.getValue().size() > 1 && settings.maxForks() > settings.forks()) {
                double w = width.widest(records(c.getValue(), trials), layout.dir());
                if (w > settings.target()) {
                    notes.add(String.format(Locale.ROOT, "%s: %s after %d forks, target ±%.0f%%", c.getKey(),
                            Double.isInfinite(w) ? "a pair of sides without an interval (a side with fewer than two"
                                    + " steady forks)" : String.format(Locale.ROOT, "widest interval ±%.1f%%", w * 100),
                            trials.get(c.getValue().get(0).index()).size(), settings.target() * 100));
                }
            }
        }
        String finishedAt = now();
        RunRecord result = record(startedAt, finishedAt, byIndex, trials, calibration, notes);
        layout.write(result);
        Noise noise = noise(calibration, trials);
        layout.write(environment(startedAt, finishedAt, warnings, noise));
        out.println("noise: " + noise.describe());
        notes.forEach(n -> out.println("note: " + n));
        out.printf("done: %d ok, %d failed; %s; results in %s%n", result.entries().size() - result.failed(),
                result.failed(), EtaClock.format(java.time.Duration.between(Instant.parse(startedAt),
                        Instant.parse(finishedAt)).toSeconds()) + " elapsed", layout.dir());
        return result;
    }

    /**
     * The decision configurations that get another fork this round: those still wider than the target, widest first,
     * as many as the budget allows after the round's required forks. What the budget leaves out is noted.
     */
    private List<String> chooseAdaptive(List<String> candidates, Map<String, List<PlannedRun>> configs,
                                        Map<Integer, List<TrialRecord>> trials, double elapsed,
                                        List<String> required, int round, List<String> notes) {
        Map<String, Double> widths = new LinkedHashMap<>();
        List<String> wide = new ArrayList<>();
        for (String c : candidates) {
            if (configs.get(c).size() < 2) {
                continue;
            }
            double w = width.widest(records(configs.get(c), trials), layout.dir());
            widths.put(c, w);
            if (w > settings.target()) {
                wide.add(c);
            }
        }
        wide.sort(Comparator.comparingDouble((String c) -> -widths.get(c)));
        double planned = 0;
        for (String c : required) {
            planned += cost(configs.get(c), trials);
        }
        List<String> take = new ArrayList<>();
        List<String> cut = new ArrayList<>();
        for (String c : wide) {
            double cost = cost(configs.get(c), trials);
            if (settings.budgetSeconds() == 0 || elapsed + planned + cost <= settings.budgetSeconds()) {
                take.add(c);
                planned += cost;
            } else {
                cut.add(c);
            }
        }
        if (!cut.isEmpty()) {
            notes.add(String.format(Locale.ROOT, "round %d: the %s budget left %d of %d configurations wider than"
                            + " ±%.0f%% without another fork", round, EtaClock.format(settings.budgetSeconds()),
                    cut.size(), wide.size(), settings.target() * 100));
        }
        return take;
    }

    /** Seconds one more fork of every side costs: the mean of the forks so far, or the estimate. */
    private double cost(List<PlannedRun> sides, Map<Integer, List<TrialRecord>> trials) {
        double s = 0;
        for (PlannedRun r : sides) {
            List<TrialRecord> done = trials.get(r.index());
            s += done.isEmpty() ? r.expectedSeconds(settings)
                    : done.stream().mapToDouble(TrialRecord::durationSeconds).average().orElse(0);
        }
        return s;
    }

    private void mergeForks(PlannedRun r, List<TrialRecord> done) {
        List<Path> ok = done.stream().filter(TrialRecord::ok).map(t -> layout.dir().resolve(t.resultFile())).toList();
        try {
            ForkMerger.merge(ok, layout.results().resolve(r.fileStem() + ".json"));
        } catch (RuntimeException e) {
            err.println("      warning: cannot merge the forks of " + r.id() + ": " + e.getMessage());
        }
    }

    private List<EntryRecord> records(List<PlannedRun> sides, Map<Integer, List<TrialRecord>> trials) {
        return sides.stream().map(r -> entry(r, trials.get(r.index()))).toList();
    }

    private EntryRecord entry(PlannedRun r, List<TrialRecord> done) {
        List<TrialRecord> bad = done.stream().filter(t -> !t.ok()).toList();
        boolean anyOk = done.stream().anyMatch(TrialRecord::ok);
        String status = bad.isEmpty() && anyOk ? EntryRecord.OK
                : bad.stream().anyMatch(t -> EntryRecord.TIMEOUT.equals(t.status())) ? EntryRecord.TIMEOUT
                : EntryRecord.FAILED;
        String message = bad.isEmpty() ? (done.isEmpty() ? "not run" : null) : bad.size() + " of " + done.size()
                + " forks failed: " + String.join("; ", bad.stream().map(t -> "fork " + t.round() + ": "
                + t.message()).toList());
        String result = anyOk ? layout.dir().relativize(layout.results().resolve(r.fileStem() + ".json")).toString()
                : null;
        String log = done.isEmpty() ? null : done.get(0).logFile();
        double seconds = done.stream().mapToDouble(TrialRecord::durationSeconds).sum();
        int exit = bad.isEmpty() ? (anyOk ? 0 : -1) : bad.get(0).exitCode();
        List<Integer> rounds = done.stream().filter(TrialRecord::ok).map(TrialRecord::round).toList();
        return new EntryRecord(r.index(), r.id(), r.point().matrix(), r.point().benchmark(), r.point().regex(),
                r.point().params(), r.point().threads(), r.point().threadGroup(), r.jdk().tag(), status, exit, result,
                log, runner.command(r), done.isEmpty() ? null : done.get(0).startedAt(), seconds,
                done.size() * r.expectedSeconds(settings), runner.warnings(r), message, r.configuration(), done,
                rounds, r.build());
    }

    private void learnBlackholeMode(String tag, Path log) {
        JdkInfo jdk = jdks.get(tag);
        if (jdk == null || jdk.blackholeMode() != null) {
            return;
        }
        try {
            // lenient decoding: JMH prints non-ASCII units (e.g. "≈ 10⁻⁵") in the platform charset
            jdks.put(tag, jdk.withBlackholeModeFrom(new String(Files.readAllBytes(log), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            err.println("warning: cannot read " + log + " for the Blackhole mode: " + e.getMessage());
        }
    }

    private Environment environment(String startedAt, String finishedAt, List<String> warnings, Noise noise) {
        return new Environment(host, new ArrayList<>(jdks.values()), git, settings.profile(), settings.describe(),
                matrix, shard, startedAt, finishedAt, warnings, null, noise);
    }

    private Noise noise(List<TrialRecord> calibration, Map<Integer, List<TrialRecord>> trials) {
        List<TrialRecord> all = new ArrayList<>();
        trials.values().forEach(all::addAll);
        return NoiseMeter.summarise(calibration, all, layout.dir());
    }

    private RunRecord record(String startedAt, String finishedAt, Map<Integer, PlannedRun> byIndex,
                             Map<Integer, List<TrialRecord>> trials, List<TrialRecord> calibration, List<String> notes) {
        List<EntryRecord> done = new ArrayList<>();
        trials.forEach((index, t) -> {
            if (!t.isEmpty()) {
                done.add(entry(byIndex.get(index), t));
            }
        });
        int failed = (int) done.stream().filter(e -> !e.ok()).count();
        return new RunRecord(settings.profile(), settings, matrix, include, shard, plan.totalPlanned(), startedAt,
                finishedAt, failed, done, seed, calibration, notes, runner.builds());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
