package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.env.Environment;
import dev.msgtrans.workbench.env.JdkInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Joins shard run directories into one run directory: result and log files copied, {@code run.json} entries
 * combined in index order, {@code env.json} keeping every shard's environment and warning where they disagree on
 * what makes numbers comparable (CPU model, core count, JDKs, revision). Refuses shards that cannot belong to one
 * run (different matrix or plan size) or that overlap. Stateless; one call, one merge.
 */
public final class RunMerger {

    /**
     * The merged run.
     *
     * @param run      the merged {@code run.json}
     * @param env      the merged {@code env.json}
     * @param warnings disagreements found (also in {@code env.json})
     */
    public record Merged(RunRecord run, Environment env, List<String> warnings) {
    }

    /**
     * @throws IllegalArgumentException when the inputs are not shards of one run
     */
    public Merged merge(List<Path> shardDirs, Path outDir) {
        if (shardDirs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        List<RunRecord> runs = new ArrayList<>();
        List<Environment> envs = new ArrayList<>();
        for (Path d : shardDirs) {
            if (d.toAbsolutePath().normalize().equals(outDir.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out " + outDir + " is one of the inputs; merge into a new directory");
            }
            RunLayout l = new RunLayout(d);
            if (!Files.isRegularFile(l.runJson()) || !Files.isRegularFile(l.envJson())) {
                throw new IllegalArgumentException(d + " is not a run directory (no run.json and env.json)");
            }
            runs.add(l.readRun());
            envs.add(l.readEnv());
        }
        RunRecord first = runs.get(0);
        List<String> warnings = new ArrayList<>();
        for (int i = 1; i < runs.size(); i++) {
            RunRecord r = runs.get(i);
            if (!Objects.equals(r.matrix(), first.matrix()) || r.totalPlanned() != first.totalPlanned()
                    || !Objects.equals(r.include(), first.include())) {
                throw new IllegalArgumentException(shardDirs.get(i) + " ran matrix " + r.matrix() + " (" + r.totalPlanned()
                        + " planned, include " + r.include() + ") but " + shardDirs.get(0) + " ran " + first.matrix()
                        + " (" + first.totalPlanned() + " planned, include " + first.include()
                        + "): not shards of one run");
            }
            if (!Objects.equals(r.settings(), first.settings())) {
                warnings.add("JMH settings differ: " + shardDirs.get(0) + " used " + first.settings().describe() + ", "
                        + shardDirs.get(i) + " used " + r.settings().describe());
            }
        }
        warnings.addAll(shardCoverage(runs));
        warnings.addAll(environmentDifferences(shardDirs, envs));

        Map<Integer, EntryRecord> byIndex = new TreeMap<>();
        RunLayout out = new RunLayout(outDir).create();
        for (int i = 0; i < runs.size(); i++) {
            for (EntryRecord e : runs.get(i).entries()) {
                if (byIndex.putIfAbsent(e.index(), e) != null) {
                    throw new IllegalArgumentException("entry " + e.index() + " (" + e.id() + ") appears in more than"
                            + " one input: the shards overlap");
                }
                copy(shardDirs.get(i), outDir, e.resultFile());
                copyCompanions(shardDirs.get(i), outDir, e.resultFile());
                copy(shardDirs.get(i), outDir, e.logFile());
                for (TrialRecord t : e.trials()) {
                    copy(shardDirs.get(i), outDir, t.resultFile());
                    copy(shardDirs.get(i), outDir, t.logFile());
                }
            }
            for (TrialRecord t : runs.get(i).calibration()) {
                copy(shardDirs.get(i), outDir, t.resultFile());
                copy(shardDirs.get(i), outDir, t.logFile());
            }
        }
        // Bytes per idle session do not depend on the shard: keep the first shard's measurement.
        for (Path d : shardDirs) {
            if (Files.isRegularFile(d.resolve(FOOTPRINT))) {
                copy(d, outDir, FOOTPRINT);
                break;
            }
        }
        List<EntryRecord> entries = new ArrayList<>(byIndex.values());
        String shard = String.join("+", runs.stream().map(RunRecord::shard).toList());
        String started = runs.stream().map(RunRecord::startedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        String finished = runs.stream().map(RunRecord::finishedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).orElse(null);
        int failed = (int) entries.stream().filter(e -> !e.ok()).count();
        List<TrialRecord> calibration = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            calibration.addAll(runs.get(i).calibration());
            String from = runs.get(i).shard();
            runs.get(i).notes().forEach(n -> notes.add("shard " + from + ": " + n));
        }
        RunRecord run = new RunRecord(first.profile(), first.settings(), first.matrix(), first.include(), shard,
                first.totalPlanned(), started, finished, failed, entries, first.seed(), calibration, notes,
                first.builds());
        Set<String> allWarnings = new LinkedHashSet<>(warnings);
        envs.forEach(e -> allWarnings.addAll(e.warnings()));
        Environment e0 = envs.get(0);
        Environment env = new Environment(e0.host(), mergedJdks(envs), e0.git(), e0.profile(), e0.profileSettings(),
                e0.matrix(), shard, started, finished, new ArrayList<>(allWarnings), envs,
                envs.size() == 1 ? e0.noise() : null);
        out.write(run);
        out.write(env);
        return new Merged(run, env, warnings);
    }

    /**
     * The first shard's JDKs, each with the Blackhole mode of whichever shard ran it (a shard that ran no entry on a
     * JDK never saw JMH's banner for it).
     */
    private static List<JdkInfo> mergedJdks(List<Environment> envs) {
        List<JdkInfo> out = new ArrayList<>();
        for (JdkInfo j : envs.get(0).jdks()) {
            JdkInfo merged = j;
            for (Environment e : envs) {
                for (JdkInfo other : e.jdks()) {
                    if (merged.blackholeMode() == null && other.tag().equals(j.tag()) && other.blackholeMode() != null) {
                        merged = merged.withBlackholeModeFrom("# Blackhole mode: " + other.blackholeMode());
                    }
                }
            }
            out.add(merged);
        }
        return out;
    }

    private static List<String> shardCoverage(List<RunRecord> runs) {
        Set<Integer> counts = new LinkedHashSet<>();
        Set<Integer> indexes = new LinkedHashSet<>();
        for (RunRecord r : runs) {
            String[] in = r.shard() == null ? new String[0] : r.shard().split("/");
            if (in.length == 2) {
                indexes.add(Integer.parseInt(in[0]));
                counts.add(Integer.parseInt(in[1]));
            }
        }
        if (counts.size() != 1) {
            return List.of("shards do not share one count: " + runs.stream().map(RunRecord::shard).toList());
        }
        int n = counts.iterator().next();
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!indexes.contains(i)) {
                missing.add(i);
            }
        }
        return missing.isEmpty() ? List.of()
                : List.of("incomplete: shards " + missing + " of " + n + " are missing from the merge");
    }

    private static List<String> environmentDifferences(List<Path> dirs, List<Environment> envs) {
        List<String> out = new ArrayList<>();
        Environment a = envs.get(0);
        for (int i = 1; i < envs.size(); i++) {
            Environment b = envs.get(i);
            String where = dirs.get(0) + " vs " + dirs.get(i);
            if (!Objects.equals(a.host().cpuModel(), b.host().cpuModel())) {
                out.add("CPU models differ (" + where + "): " + a.host().cpuModel() + " / " + b.host().cpuModel());
            }
            if (a.host().logicalCores() != b.host().logicalCores() || a.host().physicalCores() != b.host().physicalCores()) {
                out.add("core counts differ (" + where + "): " + a.host().physicalCores() + "/" + a.host().logicalCores()
                        + " vs " + b.host().physicalCores() + "/" + b.host().logicalCores() + " (physical/logical)");
            }
            if (!jdkKeys(a.jdks()).equals(jdkKeys(b.jdks()))) {
                out.add("JDKs differ (" + where + "): " + jdkKeys(a.jdks()) + " / " + jdkKeys(b.jdks()));
            }
            if (!Objects.equals(a.git(), b.git())) {
                out.add("source revisions differ (" + where + "): " + a.git().describe() + " / " + b.git().describe());
            }
        }
        return out;
    }

    private static List<String> jdkKeys(List<JdkInfo> jdks) {
        return jdks.stream().map(j -> String.join(" ", Arrays.asList(j.tag(), j.vendor(), j.runtimeVersion(),
                j.vmName(), j.gc(), String.join(" ", j.jvmArgs())))).toList();
    }

    /**
     * Files a runner wrote beside a result ({@code STEM.hlog}, {@code STEM.fork2.hlog} for {@code STEM.json}): the
     * latency runner's HdrHistogram logs.
     */
    private static void copyCompanions(Path fromDir, Path toDir, String resultFile) {
        if (resultFile == null) {
            return;
        }
        Path result = fromDir.resolve(resultFile);
        if (!Files.isDirectory(result.getParent())) {
            return;
        }
        String name = result.getFileName().toString();
        String prefix = name.replaceFirst("\\.json$", "") + ".";
        try (java.util.stream.Stream<Path> s = Files.list(result.getParent())) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(prefix) && !n.equals(name)) {
                    copy(fromDir, toDir, fromDir.relativize(p).toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + result.getParent(), e);
        }
    }

    /** {@code workbench footprint}'s file in a run directory. */
    static final String FOOTPRINT = "footprint.json";

    private static void copy(Path fromDir, Path toDir, String relative) {
        if (relative == null) {
            return;
        }
        Path src = fromDir.resolve(relative);
        if (!Files.exists(src)) {
            // a failed entry may have no result file; run.json still records it
            return;
        }
        Path dst = toDir.resolve(relative);
        try {
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + src + " to " + dst, e);
        }
    }
}
