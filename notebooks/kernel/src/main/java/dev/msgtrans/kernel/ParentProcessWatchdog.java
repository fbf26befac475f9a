package dev.msgtrans.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it ends. Jupyter normally asks a kernel to shut down, but when
 * the client is killed (a CI timeout, Ctrl-C on nbconvert) nobody asks, and an orphaned kernel JVM keeps running
 * and keeps the caller's stdout pipe open, so the shell that started the client hangs.
 *
 * <p>Threading: the JDK completes {@link ProcessHandle#onExit()} on its own process-reaper thread, which runs the
 * exit action; the kernel halts from there without running shutdown hooks, which might wait for the dead client.
 */
public final class ParentProcessWatchdog {
    private ParentProcessWatchdog() {
    }

    /**
     * Watches the parent process, if it is known.
     *
     * @param onParentExit what to do when it ends; it runs on a JDK thread
     * @return the watched parent, or empty if the process has none visible
     */
    public static Optional<ProcessHandle> watch(Runnable onParentExit) {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        parent.ifPresent(handle -> handle.onExit().thenRun(onParentExit));
        return parent;
    }

    /**
     * Watches the parent process and halts this JVM when it ends.
     *
     * @return the watched parent, or empty if the process has none visible
     */
    public static Optional<ProcessHandle> haltWhenParentExits() {
        return watch(() -> {
            System.err.println("msgtrans-kernel: the process that started the kernel has exited; exiting");
            System.err.flush();
            Runtime.getRuntime().halt(2);
        });
    }
}
