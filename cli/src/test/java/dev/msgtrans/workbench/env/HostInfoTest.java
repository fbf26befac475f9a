package dev.msgtrans.workbench.env;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostInfoTest {

    @Test
    void coresAreWhatTheJvmSees() {
        HostInfo h = HostInfo.probe();
        assertEquals(Runtime.getRuntime().availableProcessors(), h.logicalCores());
        assertTrue(h.physicalCores() >= 1 && h.physicalCores() <= h.logicalCores(), h.toString());
        assertTrue(h.onlineCpus() >= 1, h.toString());
        assertEquals(System.getProperty("os.version"), h.kernel());
        assertEquals(System.getProperty("os.name"), h.osName());
        assertFalse(h.hostname().isBlank());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void linuxFieldsComeFromProc() throws IOException {
        HostInfo h = HostInfo.probe();
        assertTrue(h.memoryTotalBytes() > 64L << 20, "MemTotal in bytes: " + h.memoryTotalBytes());
        // x86 kernels name the model; many arm64 kernels print no "model name" line, and then "unknown" is right
        if (Files.readAllLines(Path.of("/proc/cpuinfo")).stream().anyMatch(l -> l.startsWith("model name"))) {
            assertNotEquals("unknown", h.cpuModel());
        }
        assertFalse(h.cpuModel().isBlank());
    }

    @Test
    void parsesProcFormats() {
        assertEquals(24684084L * 1024, HostInfo.memTotal(List.of("MemTotal:       24684084 kB", "MemFree: 1 kB")));
        assertEquals(0, HostInfo.memTotal(List.of("nothing here")));
        BitSet cpus = HostInfo.allowedCpus(List.of("Name: java", "Cpus_allowed_list:\t0-3,8,10-11"));
        assertEquals("{0, 1, 2, 3, 8, 10, 11}", cpus.toString());
        assertNull(HostInfo.allowedCpus(List.of("Name: java")));
    }

    @Test
    void thisJdkProbesAsItself() {
        JdkInfo j = JdkInfo.probe(Path.of(System.getProperty("java.home")), List.of("-Xmx256m"));
        assertEquals(System.getProperty("java.vendor"), j.vendor());
        assertEquals(System.getProperty("java.version"), j.version());
        assertEquals(System.getProperty("java.vm.name"), j.vmName());
        assertEquals("jdk" + System.getProperty("java.specification.version"), j.tag());
        assertEquals(List.of("-Xmx256m"), j.jvmArgs());
        assertTrue(j.commandLineFlags().contains("-XX:MaxHeapSize=268435456"), j.commandLineFlags());
        assertNotEquals("unknown", j.gc(), j.commandLineFlags());
        assertNull(j.blackholeMode(), "known only after the first benchmark ran");
    }

    @Test
    void collectorAndBlackholeModeAreParsed() {
        JdkInfo j = JdkInfo.parse(Path.of("/jdk"), List.of("-XX:+UseParallelGC"), String.join("\n",
                "-XX:InitialHeapSize=1 -XX:+UseCompressedOops -XX:+UseParallelGC ",
                "Property settings:",
                "    java.specification.version = 21",
                "    java.vendor = Eclipse Adoptium",
                "    java.version = 21.0.5",
                "    java.library.path = /a",
                "        /b",
                "openjdk version \"21.0.5\""));
        assertEquals("Parallel", j.gc());
        assertEquals("jdk21", j.tag());
        assertEquals("Eclipse Adoptium", j.vendor());
        JdkInfo withMode = j.withBlackholeModeFrom("# VM options: <none>\n"
                + "# Blackhole mode: compiler (auto-detected, use -Djmh.blackhole.autoDetect=false to disable)\n");
        assertEquals("compiler (auto-detected, use -Djmh.blackhole.autoDetect=false to disable)", withMode.blackholeMode());
        assertEquals(withMode, withMode.withBlackholeModeFrom("# Blackhole mode: full + dont-inline hint"),
                "the first log wins");
    }
}
