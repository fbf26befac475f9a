package dev.msgtrans.workbench.run;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.msgtrans.workbench.env.CpuNoise;

/**
 * Runs one fork of a {@link PlannedRun} as a child {@code JAVA_HOME/bin/java -jar benchmarks.jar ...} and records it; a
 * latency point runs the jar's latency runner instead ({@link LatencySchedule#command}), which writes the same JSON.
 * <p>
 * A child process, not an in-process JMH {@code Runner}: any JDK can run the harness (JMH forks inherit the host
 * JVM), the workbench does not need the harness on its class path, and a crashing benchmark cannot take the run
 * down. JMH's output goes straight to the entry's log file (no pump thread; nothing is lost if the workbench dies),
 * and {@code -foe true} turns a benchmark exception into a non-zero exit. When another JMH run on the machine
 * holds JMH's lock file ({@code /tmp/jmh.lock}), the entry waits and retries rather than failing or measuring
 * alongside it. Not thread-safe: one runner, one run.
 */
public final class JmhProcessRunner {

    /** JMH's message when another JMH instance holds its lock; the runner waits instead of failing. */
    static final String LOCK_MESSAGE = "Unable to acquire the JMH lock";

    /** How long an entry waits for another JMH run to release the lock before it counts as failed. */
    private static final long LOCK_WAIT_SECONDS = 30 * 60;

    private final Path benchmarksJar;
    private final Map<String, Path> builds;
    private final RunLayout layout;
    private final RunSettings settings;
    private final List<String> forkJvmArgs;
    private final JmhProfilers profilers;
    private final int availableProcessors;

    /**
     * @param forkJvmArgs appended to every fork's JVM arguments ({@code -jvmArgsAppend})
     * @param profilers   JMH profilers, e.g. {@code gc}, or the harness's by short name ({@link JmhProfilers})
     */
    public JmhProcessRunner(Path benchmarksJar, RunLayout layout, RunSettings settings, List<String> forkJvmArgs,
                            List<String> profilers, int availableProcessors) {
        this(benchmarksJar, Map.of(), layout, settings, forkJvmArgs, profilers, availableProcessors);
    }

    /**
     * @param builds for a run that compares builds: each build's benchmarks jar by name, in order (the first is the
     *               base); {@code benchmarksJar} runs points without a build (the calibration fork)
     */
    public JmhProcessRunner(Path benchmarksJar, Map<String, Path> builds, RunLayout layout, RunSettings settings,
                            List<String> forkJvmArgs, List<String> profilers, int availableProcessors) {
        this.benchmarksJar = benchmarksJar;
        this.builds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(builds));
        this.layout = layout;
        this.settings = settings;
        this.forkJvmArgs = List.copyOf(forkJvmArgs);
        this.profilers = new JmhProfilers(profilers, layout == null ? null : layout.dir().resolve("profiles"));
        this.availableProcessors = availableProcessors;
    }

    /** The full command line for a planned run. */
    public List<String> command(PlannedRun run, Path resultFile) {
        if (!run.point().isJmh()) {
            // the latency runner writes the same JSON format itself; profilers do not apply to it
            return LatencySchedule.of(settings, run.point()).command(
                    dev.msgtrans.workbench.env.JdkInfo.javaExecutable(Path.of(run.jdk().javaHome())).toString(),
                    jar(run), forkJvmArgs, run.point(), resultFile);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(dev.msgtrans.workbench.env.JdkInfo.javaExecutable(Path.of(run.jdk().javaHome())).toString());
        cmd.add("-jar");
        cmd.add(jar(run).toString());
        cmd.add(run.point().regex());
        run.point().params().forEach((k, v) -> {
            cmd.add("-p");
            cmd.add(k + "=" + v);
        });
        if (run.point().threadGroup() != null) {
            // JMH derives the thread count from the distribution; -t on top would round it up again
            cmd.add("-tg");
            cmd.add(run.point().threadGroup());
        } else {
            cmd.add("-t");
            cmd.add(Integer.toString(run.point().threads()));
        }
        cmd.addAll(settings.jmhArgs());
        String fork = resultFile.getFileName().toString().replaceFirst("\\.json$", "");
        for (String p : profilers.forFork(jar(run), dev.msgtrans.workbench.env.JdkInfo.javaExecutable(
                Path.of(run.jdk().javaHome())), fork)) {
            cmd.add("-prof");
            cmd.add(p);
        }
        if (!forkJvmArgs.isEmpty()) {
            cmd.add("-jvmArgsAppend");
            cmd.add(String.join(" ", forkJvmArgs));
        }
        cmd.addAll(run.point().jmhArgs());
        cmd.add("-foe");
        cmd.add("true");
        cmd.add("-rf");
        cmd.add("json");
        cmd.add("-rff");
        cmd.add(resultFile.toString());
        return cmd;
    }

    /**
     * Runs one fork of the entry (a single-fork JMH process) to completion or timeout, sampling the machine's steal
     * and CPU pressure around it. A failure is recorded, never thrown, so the run goes on; on failure the log's tail
     * is printed to {@code err}.
     *
     * @param round    1-based round
     * @param position the fork's place in the round's shuffled order
     */
    public TrialRecord trial(PlannedRun run, int round, int position, PrintStream err) {
        String stem = run.fileStem() + ".f" + round;
        Path result = layout.trials().resolve(stem + ".json");
        Path log = layout.logs().resolve(stem + ".log");
        List<String> cmd = command(run, result.toAbsolutePath());
        double expected = run.expectedSeconds(settings);
        // a hung benchmark must not hang CI; JMH's own per-iteration timeout is 10 min, so stay above it
        long timeoutSeconds = (long) Math.max(900, 10 * expected);
        Instant start = Instant.now();
        CpuNoise before = CpuNoise.sample();
        CpuNoise after = before;
        int exit = -1;
        String status;
        String message = null;
        try {
            long lockDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(LOCK_WAIT_SECONDS);
            boolean toldAboutLock = false;
            while (true) {
                Files.deleteIfExists(result);
                start = Instant.now();
                before = CpuNoise.sample();
                Process p = new ProcessBuilder(cmd)
                        .directory(layout.dir().toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
                p.getOutputStream().close();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    // JMH forks are children of the host JVM: kill them too or they keep loading the cores
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                    p.waitFor(30, TimeUnit.SECONDS);
                    status = EntryRecord.TIMEOUT;
                    message = "killed after " + timeoutSeconds + " s";
                    break;
                }
                after = CpuNoise.sample();
                exit = p.exitValue();
                if (exit != 0 && System.nanoTime() < lockDeadline && logContains(log, LOCK_MESSAGE)) {
                    if (!toldAboutLock) {
                        err.println("      another JMH run holds its lock (/tmp/jmh.lock); waiting for it to finish");
                        toldAboutLock = true;
                    }
                    Thread.sleep(5_000);
                    continue;
                }
                JmhResultFile scores = JmhResultFile.read(result);
                if (exit != 0) {
                    status = EntryRecord.FAILED;
                    message = "JMH exited with " + exit;
                } else if (!scores.healthy()) {
                    status = EntryRecord.FAILED;
                    message = "no positive score in " + layout.dir().relativize(result) + ": " + scores.verdict();
                } else {
                    status = EntryRecord.OK;
                }
                break;
            }
        } catch (IOException e) {
            status = EntryRecord.FAILED;
            message = "cannot start " + cmd.get(0) + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = EntryRecord.FAILED;
            message = "interrupted";
        }
        double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        if (!EntryRecord.OK.equals(status)) {
            err.println("      " + status + " (fork " + round + "): " + message + "; log " + log);
            for (String line : tail(log, 15)) {
                err.println("      | " + line);
            }
        }
        CpuNoise.Interval noise = after.since(before);
        return new TrialRecord(round, position, status, exit, layout.dir().relativize(result).toString(),
                layout.dir().relativize(log).toString(), start.toString(), seconds, noise.stealPercent(),
                noise.pressurePercent(), message);
    }

    private Path jar(PlannedRun run) {
        return run.build() == null ? benchmarksJar : builds.get(run.build());
    }

    /** The builds as recorded in {@code run.json}: name to jar path, in order. */
    public Map<String, String> builds() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        builds.forEach((k, v) -> out.put(k, v.toString()));
        return out;
    }

    /** The warnings an entry carries: oversubscription. */
    public List<String> warnings(PlannedRun run) {
        List<String> out = new ArrayList<>();
        if (run.oversubscribed(availableProcessors)) {
            out.add(run.oversubscriptionWarning(availableProcessors));
        }
        if (run.point().isJmh()) {
            if (profilers.asyncUnavailable() != null) {
                out.add("profiler async left out: " + profilers.asyncUnavailable());
            }
            for (String missing : profilers.missingFrom(jar(run))) {
                out.add("profiler " + missing + " left out: " + jar(run).getFileName() + " predates it");
            }
        }
        return out;
    }

    /** The command line of an entry's forks, as recorded (its result file stands for every fork's). */
    public List<String> command(PlannedRun run) {
        return command(run, layout.results().resolve(run.fileStem() + ".json").toAbsolutePath());
    }

    private static List<String> tail(Path log, int n) {
        List<String> lines = readLog(log).lines().toList();
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }

    private static boolean logContains(Path log, String text) {
        return readLog(log).contains(text);
    }

    /** Lenient: JMH prints non-ASCII units (e.g. "≈ 10⁻⁵"); malformed bytes become replacement characters. */
    static String readLog(Path log) {
        try {
            return new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
