package dev.msgtrans.workbench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class of the harness's {@code benchmarks.jar} (which carries every variant) in a child JVM with this
 * terminal's standard streams, and returns its exit code. The workbench itself keeps no variant on its class path,
 * so commands that exercise the transport run there, as the benchmarks do.
 */
final class HarnessMain {

    private HarnessMain() {
    }

    static int run(String mainClass, List<String> args) {
        return run(Workspace.locate(null), mainClass, args);
    }

    /** As {@link #run(String, List)}, with the harness jar of {@code ws}. */
    static int run(Workspace ws, String mainClass, List<String> args) {
        return run(ws.harnessClassPath(), mainClass, args);
    }

    /**
     * As {@link #run(Workspace, String, List)} for a main class of the workbench itself: the harness jar first (the
     * transport and its variants), then the workbench's own jar or classes.
     */
    static int runWithWorkbench(Workspace ws, String mainClass, List<String> args) {
        Path self;
        try {
            self = Path.of(HarnessMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("cannot locate the workbench's own classes: " + e.getMessage(), e);
        }
        return run(ws.harnessClassPath() + java.io.File.pathSeparator + self, mainClass, args);
    }

    private static int run(String classPath, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + String.join(" ", cmd) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + mainClass, e);
        }
    }
}
