package dev.msgtrans.workbench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Short names for the harness's profilers, passed only to jars that contain them. */
class JmhProfilersTest {

    private static Path jar(Path dir, String name, String... classes) throws IOException {
        Path jar = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String c : classes) {
                zip.putNextEntry(new ZipEntry(c.replace('.', '/') + ".class"));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.closeEntry();
        }
        return jar;
    }

    @Test
    void aHarnessProfilerGoesByItsClassToAJarThatHasIt(@TempDir Path dir) throws IOException {
        JmhProfilers p = new JmhProfilers(List.of("gc", "cpu"));
        Path now = jar(dir, "now.jar", JmhProfilers.HARNESS.get("cpu"));
        assertEquals(List.of("gc", "dev.msgtrans.harness.profile.CpuTimeProfiler"), p.forJar(now));
        assertEquals(List.of(), p.missingFrom(now));
    }

    @Test
    void anOlderJarRunsWithoutIt(@TempDir Path dir) throws IOException {
        JmhProfilers p = new JmhProfilers(List.of("gc", "cpu"));
        Path old = jar(dir, "old.jar");
        assertEquals(List.of("gc"), p.forJar(old), "the fork runs; only the figure is missing");
        assertEquals(List.of("cpu"), p.missingFrom(old));
        assertEquals(List.of("gc", "stack"), new JmhProfilers(List.of("gc", "stack")).forJar(old),
                "JMH's own profilers pass through");
    }
}
