package dev.msgtrans.workbench.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Which library a machine gets, and that it loads into a JVM where async-profiler supports the machine. */
class AsyncProfilerLibraryTest {

    @Test
    void picksTheLibraryForTheMachine() {
        assertEquals("linux-x64/libasyncProfiler.so", AsyncProfilerLibrary.resource("Linux", "amd64"));
        assertEquals("linux-arm64/libasyncProfiler.so", AsyncProfilerLibrary.resource("Linux", "aarch64"));
        assertEquals("macos/libasyncProfiler.so", AsyncProfilerLibrary.resource("Mac OS X", "aarch64"));
        assertNull(AsyncProfilerLibrary.resource("Windows 11", "amd64"));
        assertNull(AsyncProfilerLibrary.resource("Linux", "s390x"));
    }

    @Test
    void theShippedLibraryLoadsOrSaysWhyNot(@TempDir Path dir) throws java.io.IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        AsyncProfilerLibrary.Result r = AsyncProfilerLibrary.prepare(dir, java);
        assumeTrue(AsyncProfilerLibrary.resource(System.getProperty("os.name"), System.getProperty("os.arch")) != null,
                "async-profiler ships no library for this machine");
        if (!r.available()) {
            // a machine whose kernel or libc refuses the agent: the reason must say so, and nothing may pretend
            assertTrue(r.reason() != null && !r.reason().isBlank());
            assumeTrue(false, "async-profiler cannot load here: " + r.reason());
        }
        assertTrue(Files.size(r.library()) > 100_000, "the library was written: " + r.library());
    }
}
