package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.matrix.TestCatalogs;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code workbench demo} runs the workbench's own EchoDemo in a child JVM whose class path is the harness jar (the
 * variants) and then the workbench's classes: the demo is found there and completes its round trips, and an unknown
 * alias fails the child (so a zero exit means the demo ran).
 */
class DemoCommandTest {

    @Test
    void demoRunsOnTheHarnessJarAndFailsOnAnUnknownAlias() {
        assumeTrue(Files.isRegularFile(TestCatalogs.benchmarksJar()), "harness/target/benchmarks.jar not built");
        assertEquals(0, Workbench.commandLine().execute("demo", "--variant", "lockfree", "--messages", "20"));
        assertEquals(0, Workbench.commandLine().execute("demo", "--variant", "phase3", "--messages", "20",
                "--protocol", "websocket"));
        assertNotEquals(0, Workbench.commandLine().execute("demo", "--variant", "no-such-variant", "--messages", "1"));
    }

    /** Over QUIC: the harness jar brings Netty's QUIC codec, and the demo's client pins its server's certificate. */
    @Test
    void demoRunsOverQuicAndRefusesAnUnknownProtocol() {
        assumeTrue(Files.isRegularFile(TestCatalogs.benchmarksJar()), "harness/target/benchmarks.jar not built");
        assertEquals(0, Workbench.commandLine().execute("demo", "--protocol", "quic", "--messages", "20"));
        assertNotEquals(0, Workbench.commandLine().execute("demo", "--protocol", "sctp", "--messages", "1"));
    }
}
