package dev.msgtrans.harness.latency;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How long this JVM's threads have waited, runnable, for a CPU: the sum over {@code /proc/self/task/*}/schedstat of
 * the second field (nanoseconds on a run queue), Linux only. On a machine with fewer cores than runnable threads it
 * is the time the scheduler kept the transport, the load generator or the JIT and GC off the cores, which is the
 * first suspect when a latency tail reaches milliseconds. Stateless; call from any thread. Threads that ended
 * between two readings drop out of the sum, so a difference is a lower bound.
 */
final class RunQueueWait {

    private RunQueueWait() {
    }

    /** The sum now, or -1 when {@code /proc} does not say (not Linux, or schedstats unavailable). */
    static long processNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return -1;
        }
        long sum = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(tasks)) {
            for (Path t : ds) {
                try {
                    String[] f = Files.readString(t.resolve("schedstat")).trim().split("\\s+");
                    sum += Long.parseLong(f[1]);
                } catch (IOException | RuntimeException e) {
                    // the thread ended while we listed it: it no longer counts
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return sum;
    }
}
