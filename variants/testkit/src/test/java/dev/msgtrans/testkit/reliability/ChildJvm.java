package dev.msgtrans.testkit.reliability;

import dev.msgtrans.testkit.e2e.EventRecorder;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on this test's class path that talks in lines: the reliability tests that need a process of their own
 * (a descriptor limit, a heap limit) start one, read what it prints, and close its standard input to end it.
 */
final class ChildJvm implements AutoCloseable {

    private static final Duration PATIENCE = EventRecorder.PATIENCE;

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> readLines(process.getInputStream()), "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code jvmOptions}, through bash when {@code ulimitN} is positive (the child's
     * descriptor limit).
     */
    static ChildJvm start(int ulimitN, List<String> jvmOptions, Class<?> main, String... args) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> command = new ArrayList<>();
        if (ulimitN > 0) {
            command.addAll(List.of("bash", "-c", "ulimit -n \"$1\" && shift && exec \"$@\"", "bash",
                    Integer.toString(ulimitN)));
        }
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        return new ChildJvm(pb.start());
    }

    List<String> lines() {
        return lines;
    }

    /** Tells the child to finish: its standard input ends. */
    void endInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Writes one line to the child's standard input. */
    void println(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    boolean waitFor(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The child's first lines, enough to diagnose without flooding the report when it printed thousands. */
    String head() {
        return lines.size() > 20 ? lines.subList(0, 20) + " ... (" + lines.size() + " lines)" : lines.toString();
    }

    long count(String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    /** The first line starting with {@code prefix}, waiting for it (a liveness bound: a JVM starting on a busy box). */
    String awaitLine(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos() * 3;
        while (System.nanoTime() < deadline) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(l -> l.startsWith(prefix))) {
                Thread.sleep(50); // the reader may still be taking the last lines
                for (String line : lines) {
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
                throw new AssertionError("the child exited (" + process.exitValue() + ") without a line starting"
                        + " with '" + prefix + "': " + head());
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the child printed no line starting with '" + prefix + "': " + head());
    }

    void awaitCount(String prefix, int n) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (count(prefix) < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count(prefix) + " of " + n + " lines starting with '" + prefix
                        + "'; child: " + head());
            }
            Thread.sleep(10);
        }
    }

    private void readLines(InputStream in) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the child is gone
        }
    }
}
