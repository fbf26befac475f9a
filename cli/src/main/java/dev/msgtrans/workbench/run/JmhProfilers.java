package dev.msgtrans.workbench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * The {@code -prof} arguments of a fork: JMH's own profilers by their names ({@code gc}), the harness's by short
 * names that map to their classes ({@code cpu}). A harness profiler is passed only to a benchmarks jar that contains
 * it, so that a gate run against an older build's jar still runs (that build's forks just lack the figure). Not
 * thread-safe: one instance per run.
 */
public final class JmhProfilers {

    /** Short name to class, for the profilers the harness ships. */
    public static final Map<String, String> HARNESS = Map.of("cpu", "dev.msgtrans.harness.profile.CpuTimeProfiler");

    /** async-profiler through JMH's {@code -prof async}, with the library the workbench ships. */
    public static final String ASYNC = "async";

    private final List<String> names;
    private final Path profilesDir;
    private final Map<Path, Map<String, Boolean>> present = new HashMap<>();
    private AsyncProfilerLibrary.Result async;

    /** @param names as given on the command line, e.g. {@code [gc, cpu]} */
    public JmhProfilers(List<String> names) {
        this(names, null);
    }

    /**
     * @param names       as given on the command line, e.g. {@code [gc, cpu, async]}
     * @param profilesDir where {@code async} writes the library and each fork's flame graphs, or null without it
     */
    public JmhProfilers(List<String> names, Path profilesDir) {
        this.names = List.copyOf(names);
        this.profilesDir = profilesDir;
    }

    /**
     * The {@code -prof} values for one fork: a harness profiler the jar lacks is left out, and {@code async} writes
     * the fork's flame graphs into {@code profilesDir/forkName}; it is left out (see {@link #asyncUnavailable}) where
     * its library cannot load.
     *
     * @param java the fork's {@code java}, to try the library on once
     */
    public List<String> forFork(Path jar, Path java, String forkName) {
        List<String> out = new ArrayList<>(forJar(jar));
        if (names.contains(ASYNC) && profilesDir != null) {
            if (async == null) {
                async = AsyncProfilerLibrary.prepare(profilesDir, java);
            }
            if (async.available()) {
                out.add(ASYNC + ":libPath=" + async.library() + ";output=flamegraph;dir="
                        + profilesDir.resolve(forkName));
            }
        }
        return out;
    }

    /** Why {@code async} was left out of the forks so far, or null (not asked for, not tried yet, or working). */
    public String asyncUnavailable() {
        return async == null || async.available() ? null : async.reason();
    }

    /** The names as given. */
    public List<String> names() {
        return names;
    }

    /** The {@code -prof} values for a fork of {@code jar}: a harness profiler the jar lacks is left out. */
    public List<String> forJar(Path jar) {
        List<String> out = new ArrayList<>(names.size());
        for (String n : names) {
            String cls = HARNESS.get(n);
            if (n.equals(ASYNC)) {
                continue; // per fork: forFork
            } else if (cls == null) {
                out.add(n);
            } else if (contains(jar, cls)) {
                out.add(cls);
            }
        }
        return out;
    }

    /** The harness profilers {@code jar} lacks, for a warning. */
    public List<String> missingFrom(Path jar) {
        return names.stream().filter(n -> HARNESS.containsKey(n) && !contains(jar, HARNESS.get(n))).toList();
    }

    private boolean contains(Path jar, String cls) {
        return present.computeIfAbsent(jar, j -> new HashMap<>()).computeIfAbsent(cls, c -> {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                return zip.getEntry(c.replace('.', '/') + ".class") != null;
            } catch (IOException e) {
                return false; // an unreadable jar fails the fork itself, with JMH's message
            }
        });
    }
}
