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

    private final List<String> names;
    private final Map<Path, Map<String, Boolean>> present = new HashMap<>();

    /** @param names as given on the command line, e.g. {@code [gc, cpu]} */
    public JmhProfilers(List<String> names) {
        this.names = List.copyOf(names);
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
            if (cls == null) {
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
