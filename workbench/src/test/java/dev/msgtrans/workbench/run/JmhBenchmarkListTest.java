package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.matrix.MatrixPoint;
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

    private static MatrixPoint point(String regex, Map<String, String> params) {
        return new MatrixPoint("m", regex, regex, params, 1, null, List.of());
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
        assertTrue(l.problems(point("DemoBenchmark.add", params)).isEmpty());
        params.put("sise", "16");
        List<String> p = l.problems(point("DemoBenchmark.add", params));
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("'sise'") && p.get(0).contains("size"), p.get(0));
        assertTrue(l.problems(point("NoSuchBenchmark", Map.of())).get(0).contains("selects no benchmark"));
        assertEquals(1, l.problems(point("demo.Other.run", Map.of("variant", "mutex"))).size(),
                "Other.run declares no variant: JMH would ignore -p silently");
    }
}
