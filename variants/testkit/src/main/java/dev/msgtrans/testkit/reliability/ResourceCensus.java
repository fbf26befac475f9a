package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.engine.Engine;

import java.io.File;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A count of what a transport could leak, taken at one moment: the engine's live threads (named with
 * {@link Engine#THREAD_PREFIX}), every other live thread by name, and this process's open file descriptors
 * ({@code /proc/self/fd}, so Linux only; {@code -1} elsewhere). Two censuses around a workload show a leak as a
 * difference.
 * <p>
 * Immutable; {@link #take()} from any thread.
 *
 * @param engineThreads names of live engine threads, sorted
 * @param otherThreads  names of every other live thread, sorted
 * @param openFds       open file descriptors, or -1 where /proc is not available
 */
public record ResourceCensus(List<String> engineThreads, List<String> otherThreads, int openFds) {

    public static ResourceCensus take() {
        List<String> engine = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isAlive()) {
                continue;
            }
            (t.getName().startsWith(Engine.THREAD_PREFIX) ? engine : other).add(t.getName());
        }
        Collections.sort(engine);
        Collections.sort(other);
        String[] fds = new File("/proc/self/fd").list();
        return new ResourceCensus(List.copyOf(engine), List.copyOf(other), fds == null ? -1 : fds.length);
    }

    /** Threads in {@code later} not in this census (by name, counting repeats). */
    public List<String> newThreadsIn(ResourceCensus later) {
        List<String> out = new ArrayList<>(later.otherThreads);
        for (String name : otherThreads) {
            out.remove(name);
        }
        List<String> engine = new ArrayList<>(later.engineThreads);
        for (String name : engineThreads) {
            engine.remove(name);
        }
        out.addAll(engine);
        return out;
    }

    @Override
    public String toString() {
        return engineThreads.size() + " engine threads, " + otherThreads.size() + " other threads, " + openFds + " fds";
    }
}
