package dev.msgtrans.workbench.matrix;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.run.JmhBenchmarkList;
import dev.msgtrans.workbench.run.Profile;
import dev.msgtrans.workbench.run.RunPlan;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every matrix in {@code harness/matrices} parses, validates against the variants actually available (the variant
 * modules are test dependencies; the harness jar's are added when it is built), and expands to unique points; the
 * time budgets the README promises hold by the workbench's own estimate.
 */
class ShippedMatricesTest {

    private static final VariantCatalog CATALOG = TestCatalogs.discovered();
    private static final MatrixLoader LOADER = new MatrixLoader(TestCatalogs.matricesDir(), CATALOG);
    private static final JdkInfo JDK = new JdkInfo("jdk17", "/jdk", "v", "17", "17", "vm", "17", List.of(), "", "G1",
            null);

    @Test
    void theRealVariantsAreKnown() {
        assertTrue(CATALOG.variants().containsAll(List.of("mutex", "rwlock", "lockfree", "cow")),
                "variants found in " + CATALOG.source() + ": " + CATALOG.variants());
    }

    @Test
    void everyShippedMatrixParsesAndExpandsToUniquePoints() {
        List<String> names = LOADER.available();
        assertTrue(names.containsAll(List.of("phases", "shootout", "e2e", "seed", "ci")), names.toString());
        for (String name : names) {
            Matrix m = LOADER.load(name);
            assertFalse(m.description() == null || m.description().isBlank(), name + " needs a description");
            List<MatrixPoint> points = m.expand();
            assertFalse(points.isEmpty(), name);
            Set<String> ids = new HashSet<>();
            for (MatrixPoint p : points) {
                assertTrue(ids.add(p.id()), name + " repeats " + p.id());
                assertEquals(name, p.matrix());
            }
        }
    }

    @Test
    void phasesScaleWithTheCoresAndStayAsTheyWereOnTwo() {
        Matrix phases = LOADER.load("phases");
        List<MatrixPoint> two = phases.expand(2);
        assertEquals(107, two.size(), "the README's count, on 2 cores");
        assertEquals(Set.of(1, 2, 4), threadsOf(two));
        assertEquals(Set.of(1, 8, 16, 32), threadsOf(phases.expand(16)));
        assertEquals(Set.of(1, 32, 64, 128), threadsOf(phases.expand(64)));
        // the entries that stop at the cores
        assertTrue(phases.expand(64).stream().filter(p -> p.benchmark().contains("EventBusBenchmark"))
                .allMatch(p -> p.threads() <= 64));
    }

    private static Set<Integer> threadsOf(List<MatrixPoint> points) {
        Set<Integer> out = new java.util.TreeSet<>();
        points.stream().filter(p -> p.threadGroup() == null).forEach(p -> out.add(p.threads()));
        return out;
    }

    @Test
    void allIsTheUnionOfItsParts() {
        MatrixSelection all = LOADER.select(MatrixLoader.ALL);
        int sum = 0;
        for (String part : MatrixLoader.ALL_PARTS) {
            sum += LOADER.load(part).expand(2).size();
        }
        List<String> shared = all.shared(2);
        assertEquals(sum - shared.size(), all.expand(2).size(), "each shared configuration measured once");
        // the seed's channel topology is the shoot-out's 1 -> 4 point: one measurement for both pages
        assertEquals(8, shared.size(), shared.toString());
        assertTrue(shared.stream().allMatch(s -> s.contains("OneToManyChannelBenchmark") && s.contains("tg4,1")
                && s.endsWith("(shootout+seed)")), shared.toString());
        assertEquals(MatrixLoader.ALL_PARTS, all.parts().stream().map(Matrix::name).toList());
    }

    @Test
    void ciCoversEveryBenchmarkFamily() {
        Set<String> families = new HashSet<>();
        for (MatrixPoint p : LOADER.load("ci").expand()) {
            // dev.msgtrans.harness.<family>.Class...
            families.add(p.benchmark().split("\\.")[3]);
        }
        Set<String> everywhere = new HashSet<>();
        for (String part : MatrixLoader.ALL_PARTS) {
            LOADER.load(part).expand().forEach(p -> everywhere.add(p.benchmark().split("\\.")[3]));
        }
        assertTrue(families.containsAll(everywhere), "ci misses " + everywhere + " minus " + families);
        assertTrue(families.containsAll(List.of("sessions", "actors", "events", "pools", "requests", "codec",
                "outbound", "channels", "e2e", "netty")), families.toString());
    }

    /** Needs the built harness: its {@code -lp} listing is the truth about benchmark names and params. */
    @Test
    void everyPointFitsTheBuiltJarAndTheBudgetsHold() throws Exception {
        assumeTrue(Files.isRegularFile(TestCatalogs.benchmarksJar()), "harness/target/benchmarks.jar not built");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                TestCatalogs.benchmarksJar().toString(), "-lp").redirectErrorStream(true).start();
        String lp = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), lp);
        JmhBenchmarkList list = JmhBenchmarkList.parse(lp);
        for (String name : LOADER.available()) {
            for (MatrixPoint point : LOADER.load(name).expand()) {
                assertEquals(List.of(), list.problems(point, CATALOG), name + ": " + point.id());
            }
        }
        double quick = RunPlan.of(LOADER.select(MatrixLoader.ALL).expand(), List.of(JDK), list, null, Shard.ALL)
                .expectedSeconds(Profile.QUICK.settings(), 2);
        // the minimum forks on 2 cores must leave room in the budget for adaptive rounds
        assertTrue(quick < Profile.QUICK.settings().budgetSeconds(), "quick x all is expected to take " + quick
                + " s on 2 cores before adaptive rounds");
        double smoke = RunPlan.of(LOADER.load("ci").expand(), List.of(JDK), list, null, Shard.ALL)
                .expectedSeconds(Profile.SMOKE.settings(), 2);
        assertTrue(smoke < 5 * 60, "smoke x ci is expected to take " + smoke + " s");
    }
}
