package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.matrix.MatrixPoint;
import dev.msgtrans.workbench.matrix.VariantCatalog;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhBenchmarkListTest {

    /** Verbatim shape of JMH 1.37's {@code -lp} output. */
    static final String LP = String.join("\n",
            "Benchmarks: ",
            "demo.DemoBenchmark.add",
            "  param \"size\" = {16}",
            "  param \"variant\" = {mutex, lockfree}",
            "demo.DemoBenchmark.pc",
            "  param \"size\" = {16}",
            "  param \"variant\" = {mutex, lockfree}",
            "demo.Other.run",
            "");

    private static final VariantCatalog CATALOG = VariantCatalog.of(List.of("mutex", "rwlock", "lockfree"), "test");

    private static MatrixPoint point(String regex, Map<String, String> params) {
        return new MatrixPoint("m", regex, regex, params, 1, null, List.of());
    }

    private static List<String> problems(JmhBenchmarkList l, MatrixPoint p) {
        return l.problems(p, CATALOG);
    }

    @Test
    void variantValuesMustBeDeclaredOrRealVariants() {
        JmhBenchmarkList l = JmhBenchmarkList.parse(LP);
        assertTrue(problems(l, point("DemoBenchmark.add", Map.of("variant", "rwlock"))).isEmpty(),
                "a variant the benchmark does not list by default is still a variant");
        List<String> p = problems(l, point("DemoBenchmark.add", Map.of("variant", "phase3")));
        assertEquals(1, p.size(), "a preset where the benchmark takes a variant");
        assertTrue(p.get(0).contains("[mutex, lockfree]"), p.get(0));
    }

    @Test
    void parsesBenchmarksAndParams() {
        JmhBenchmarkList l = JmhBenchmarkList.parse(LP);
        assertEquals(List.of("demo.DemoBenchmark.add", "demo.DemoBenchmark.pc", "demo.Other.run"),
                List.copyOf(l.benchmarks()));
        assertEquals(List.of("demo.DemoBenchmark.add", "demo.DemoBenchmark.pc"), l.select("^demo\\.DemoBenchmark(\\..*)?$"));
    }

    @Test
    void reportsRegexesThatSelectNothingAndUndeclaredParams() {
        JmhBenchmarkList l = JmhBenchmarkList.parse(LP);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("variant", "mutex");
        assertTrue(problems(l, point("DemoBenchmark.add", params)).isEmpty());
        params.put("sise", "16");
        List<String> p = problems(l, point("DemoBenchmark.add", params));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("'sise'") && p.get(0).contains("size"), p.get(0));
        assertTrue(problems(l, point("NoSuchBenchmark", Map.of())).get(0).contains("selects no benchmark"));
        assertEquals(1, problems(l, point("demo.Other.run", Map.of("variant", "mutex"))).size(),
                "Other.run declares no variant: JMH would ignore -p silently");
    }
}
