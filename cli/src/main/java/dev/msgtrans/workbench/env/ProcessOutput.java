package dev.msgtrans.workbench.env;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short helper command (a {@code java -version}, a {@code git rev-parse}) and captures its merged output.
 * Not for benchmarks: those stream to a log, see {@code dev.msgtrans.workbench.run.JmhProcessRunner}.
 *
 * @param exitCode the exit code, or -1 if the command could not start or timed out
 * @param output   stdout and stderr, interleaved
 */
record ProcessOutput(int exitCode, String output) {

    static ProcessOutput run(List<String> command, Path workingDir, long timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (workingDir != null) {
            pb.directory(workingDir.toFile());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                // the probes print a few KiB at most, so reading before waiting cannot dead-lock on a full pipe
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ProcessOutput(-1, out);
            }
            return new ProcessOutput(p.exitValue(), out);
        } catch (IOException e) {
            return new ProcessOutput(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProcessOutput(-1, "interrupted");
        }
    }
}
