package dev.msgtrans.workbench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report's links to a profiled run's flame graphs, one line per fork, each graph named by its benchmark. */
class FlameGraphsTest {

    @Test
    void everyForksGraphsAreLinkedFromTheReport(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Path fork = run.resolve("profiles/0003-CodecBenchmark-payloadSize=64-t1-jdk17.f1");
        for (String bench : new String[] {"decode", "encode"}) {
            Path d = fork.resolve("dev.msgtrans.harness.codec.CodecBenchmark." + bench + "-Throughput-payloadSize-64");
            Files.createDirectories(d);
            Files.writeString(d.resolve("flame-cpu-forward.html"), "<html></html>");
            Files.writeString(d.resolve("flame-cpu-reverse.html"), "<html></html>");
        }
        Files.writeString(run.resolve("profiles/libasyncProfiler.so"), "not a fork");
        Markdown md = new Markdown();
        ReportWriter.flameGraphs(md, run.resolve("profiles"), new ReportPaths(run.resolve("report"), run));
        String page = md.toString();
        assertTrue(page.contains("## Flame graphs"), page);
        assertEquals(1, page.lines().filter(l -> l.startsWith("- ")).count(), page);
        assertTrue(page.contains("- 0003-CodecBenchmark-payloadSize=64-t1-jdk17.f1: [CodecBenchmark.decode-Throughput-"
                + "payloadSize-64 forward](../profiles/0003-CodecBenchmark-payloadSize=64-t1-jdk17.f1/dev.msgtrans."
                + "harness.codec.CodecBenchmark.decode-Throughput-payloadSize-64/flame-cpu-forward.html)"), page);
        assertTrue(page.contains("[CodecBenchmark.encode-Throughput-payloadSize-64 reverse]"), page);
    }

    @Test
    void aRunWithoutProfilesHasNoSection(@TempDir Path dir) {
        Markdown md = new Markdown();
        ReportWriter.flameGraphs(md, dir.resolve("profiles"), new ReportPaths(dir.resolve("report"), dir));
        assertEquals("", md.toString());
    }
}
