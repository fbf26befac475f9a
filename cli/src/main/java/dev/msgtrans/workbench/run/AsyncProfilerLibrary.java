package dev.msgtrans.workbench.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * async-profiler's native library for the forks of a run ({@code --profiler async}): taken from the
 * {@code tools.profiler:async-profiler} jar on the workbench's class path, written into the run directory, and
 * tried once in a throw-away JVM, because a library that cannot load (another OS or CPU, a missing libc) would fail
 * every fork instead of leaving out its flame graph. Stateless.
 */
public final class AsyncProfilerLibrary {

    private AsyncProfilerLibrary() {
    }

    /**
     * The library, ready for {@code -prof async:libPath=...}, or the reason it cannot be used here.
     *
     * @param dir  where to write it (e.g. {@code RUN/profiles})
     * @param java the {@code java} executable the forks run on
     */
    public static Result prepare(Path dir, Path java) {
        String resource = resource(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (resource == null) {
            return Result.unavailable("no async-profiler library for " + System.getProperty("os.name") + " "
                    + System.getProperty("os.arch"));
        }
        Path lib = dir.resolve("libasyncProfiler.so");
        try (InputStream in = AsyncProfilerLibrary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Result.unavailable(resource + " is not on the workbench's class path");
            }
            Files.createDirectories(dir);
            Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            return Result.unavailable("cannot write " + lib + ": " + e.getMessage());
        }
        try {
            Process p = new ProcessBuilder(java.toString(), "-agentpath:" + lib, "-version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Result.unavailable("a JVM with the library did not start within 60 s");
            }
            if (p.exitValue() != 0) {
                return Result.unavailable("a JVM could not load it: " + out.lines().findFirst().orElse("exit "
                        + p.exitValue()));
            }
        } catch (IOException e) {
            return Result.unavailable("cannot start " + java + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.unavailable("interrupted while trying it");
        }
        return new Result(lib, null);
    }

    /** The library's path inside the async-profiler jar for this OS and CPU, or null. */
    static String resource(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "macos/libasyncProfiler.so";
        }
        if (!os.contains("linux")) {
            return null;
        }
        if (List.of("amd64", "x86_64").contains(arch)) {
            return "linux-x64/libasyncProfiler.so";
        }
        return List.of("aarch64", "arm64").contains(arch) ? "linux-arm64/libasyncProfiler.so" : null;
    }

    /**
     * @param library the library, or null when unavailable
     * @param reason  why it is unavailable, or null
     */
    public record Result(Path library, String reason) {
        static Result unavailable(String reason) {
            return new Result(null, reason);
        }

        public boolean available() {
            return library != null;
        }
    }
}
