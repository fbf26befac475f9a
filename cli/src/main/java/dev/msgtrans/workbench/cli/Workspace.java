package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.matrix.MatrixLoader;
import dev.msgtrans.workbench.matrix.VariantCatalog;
import dev.msgtrans.workbench.run.JmhBenchmarkList;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where things are: the repository root ({@code -Dworkbench.home}, set by {@code ./workbench}; otherwise two
 * levels above {@code cli/target/workbench.jar}; otherwise the working directory), the harness's
 * {@code benchmarks.jar} and the matrices directory. Immutable.
 *
 * @param home          the repository root
 * @param benchmarksJar the shaded JMH jar the runs execute
 */
record Workspace(Path home, Path benchmarksJar) {

    static final String BUILD_HINT = "./mvnw -B -q -pl harness -am package -DskipTests";

    /** @param jarOverride {@code --benchmarks-jar}, or null */
    static Workspace locate(Path jarOverride) {
        Path home = findHome();
        Path jar = jarOverride != null ? jarOverride : home.resolve("harness/target/benchmarks.jar");
        return new Workspace(home, jar.toAbsolutePath().normalize());
    }

    private static Path findHome() {
        String prop = System.getProperty("workbench.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            Path self = Path.of(Workspace.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // .../cli/target/workbench.jar (or .../workbench/target/classes) -> repository root
            Path root = self.getParent() == null ? null : self.getParent().getParent();
            if (root != null && root.getParent() != null && Files.isDirectory(root.getParent().resolve("harness"))) {
                return root.getParent();
            }
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source (unusual class loaders): fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    Path matricesDir() {
        return home.resolve("harness/matrices");
    }

    /**
     * @throws IllegalStateException with the build command when the jar is missing
     */
    Path requireJar() {
        if (!Files.isRegularFile(benchmarksJar)) {
            throw new IllegalStateException("benchmarks jar not found at " + benchmarksJar + "; build it with "
                    + BUILD_HINT);
        }
        return benchmarksJar;
    }

    /**
     * The class path harness main classes run from: {@code -Dworkbench.harness.classpath} when set (tests, which
     * have the harness and every variant on their own class path), else the benchmarks jar.
     *
     * @throws IllegalStateException with the build command when the jar is missing
     */
    String harnessClassPath() {
        String cp = System.getProperty(HARNESS_CLASSPATH_PROPERTY);
        return cp != null && !cp.isBlank() ? cp : requireJar().toString();
    }

    static final String HARNESS_CLASSPATH_PROPERTY = "workbench.harness.classpath";

    /** Whether the benchmarks jar holds a class (e.g. a runner's main class). */
    boolean containsClass(String className) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(requireJar().toFile())) {
            return zip.getEntry(className.replace('.', '/') + ".class") != null;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + benchmarksJar + ": " + e.getMessage(), e);
        }
    }

    VariantCatalog catalog() {
        return VariantCatalog.discover(benchmarksJar);
    }

    MatrixLoader loader() {
        return new MatrixLoader(matricesDir(), catalog());
    }

    /** The jar's benchmarks and params ({@code -lp}), listed by the given JDK. */
    JmhBenchmarkList benchmarkList(JdkInfo jdk) {
        List<String> cmd = List.of(JdkInfo.javaExecutable(Path.of(jdk.javaHome())).toString(), "-jar",
                requireJar().toString(), "-lp");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("cannot list the benchmarks of " + benchmarksJar + " ("
                        + String.join(" ", cmd) + "):\n" + out);
            }
            return JmhBenchmarkList.parse(out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing benchmarks", e);
        }
    }

    /**
     * Probes each JDK home (default: the running JVM's) and gives every JDK a unique tag ({@code jdk17},
     * {@code jdk17-2} for a second JDK 17).
     */
    static List<JdkInfo> probeJdks(List<Path> homes, List<String> jvmArgs) {
        List<Path> list = homes == null || homes.isEmpty() ? List.of(Path.of(System.getProperty("java.home"))) : homes;
        Map<String, JdkInfo> byTag = new LinkedHashMap<>();
        for (Path h : list) {
            JdkInfo j = JdkInfo.probe(h.toAbsolutePath().normalize(), jvmArgs);
            String tag = j.tag();
            for (int k = 2; byTag.containsKey(tag); k++) {
                tag = j.tag() + "-" + k;
            }
            byTag.put(tag, j.withTag(tag));
        }
        return new ArrayList<>(byTag.values());
    }
}
