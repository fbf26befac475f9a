package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Metric;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a page's results are grouped into configurations. */
class SectionTest {

    private static BenchmarkResult echo(String benchmark, Map<String, String> params) {
        Metric primary = new Metric("primary", 1000, 10, "ops/s", List.of(List.of(1000.0)), Map.of());
        return new BenchmarkResult("dev.msgtrans.harness." + benchmark, "thrpt", new TreeMap<>(params), 2, null,
                "17", "17.0.15", 1, primary, Map.of(), "e2e", benchmark, List.of(), null, List.of(1), null);
    }

    /**
     * The end-to-end page of the reference run showed each window twice, once with {@code reuse=FIFO} (msgtrans)
     * and once without (the Netty reference, which has no such parameter), every bar group half empty.
     */
    @Test
    void aParameterOnlySomeBenchmarksHaveDoesNotSplitAConfiguration() {
        List<BenchmarkResult> results = List.of(
                echo("e2e.EchoThroughputBenchmark", Map.of("variant", "baseline", "protocol", "TCP", "window", "1",
                        "reuse", "FIFO")),
                echo("e2e.EchoThroughputBenchmark", Map.of("variant", "phase3", "protocol", "TCP", "window", "16",
                        "reuse", "FIFO")),
                echo("netty.NettyEchoThroughputBenchmark", Map.of("protocol", "TCP", "window", "1")),
                echo("netty.NettyEchoThroughputBenchmark", Map.of("protocol", "TCP", "window", "16")));
        Section s = Section.of(ReportPage.END_TO_END, results, false).get(0);
        assertEquals(List.of("window=1", "window=16"), s.configs().stream().map(Section.Config::label).toList());
        assertEquals(2, s.configs().get(0).points().size(), "msgtrans and Netty in one configuration");
        assertEquals("FIFO (where the benchmark has it)", s.fixed().get("reuse"));
        assertEquals("TCP", s.fixed().get("protocol"));
    }

    @Test
    void aParameterWithSeveralValuesStillSeparatesConfigurations() {
        List<BenchmarkResult> results = List.of(
                echo("e2e.EchoThroughputBenchmark", Map.of("variant", "phase2", "protocol", "TCP", "window", "16",
                        "reuse", "FIFO")),
                echo("e2e.EchoThroughputBenchmark", Map.of("variant", "phase2", "protocol", "TCP", "window", "16",
                        "reuse", "LIFO")));
        Section s = Section.of(ReportPage.END_TO_END, results, false).get(0);
        assertEquals(List.of("reuse=FIFO", "reuse=LIFO"),
                s.configs().stream().map(Section.Config::label).toList());
    }
}
