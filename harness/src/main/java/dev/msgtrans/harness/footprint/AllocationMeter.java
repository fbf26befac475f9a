package dev.msgtrans.harness.footprint;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.function.IntConsumer;

/**
 * Measures what building {@code n} items costs per item, two ways: the bytes the calling thread allocated while
 * building them ({@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}, exact, but it includes
 * garbage such as a table's old arrays after a resize, and misses what other threads allocate), and the heap the
 * items still hold after a full collection (heap used after {@link System#gc()} before and after, which counts what
 * any thread allocated and kept, to within what other activity retains meanwhile; divided by {@code n}, that is
 * small when {@code n} is large).
 * <p>
 * Threading contract: one thread at a time; the building step runs on the caller's thread. Needs a HotSpot-style
 * JVM that supports thread allocation accounting and does not ignore {@code System.gc()}
 * ({@code -XX:+DisableExplicitGC} makes the retained figure meaningless, and {@link #measure} refuses it).
 */
public final class AllocationMeter {

    /** Per-item bytes: allocated by the building thread, and retained after a full collection. */
    public record PerItem(double allocated, double retained) {
    }

    private final com.sun.management.ThreadMXBean threads;
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

    public AllocationMeter() {
        java.lang.management.ThreadMXBean t = ManagementFactory.getThreadMXBean();
        if (!(t instanceof com.sun.management.ThreadMXBean sun) || !sun.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM does not report thread allocation (needs"
                    + " com.sun.management.ThreadMXBean with allocated-memory support)");
        }
        if (!sun.isThreadAllocatedMemoryEnabled()) {
            sun.setThreadAllocatedMemoryEnabled(true);
        }
        this.threads = sun;
        if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+DisableExplicitGC")) {
            throw new IllegalStateException("-XX:+DisableExplicitGC: the retained figure needs System.gc()");
        }
    }

    /**
     * Builds {@code n} items with {@code build.accept(0 .. n-1)}, which must keep them reachable from
     * {@code keepAlive} (an array the caller made beforehand, or the structure the items go into), and returns the
     * cost per item. Build a few items first, outside the measurement, for anything whose first use allocates once
     * (class initialisation, a lazily built shared table).
     */
    public PerItem measure(int n, IntConsumer build, Object keepAlive) {
        return measure(n, build, () -> { }, keepAlive);
    }

    /**
     * As {@link #measure(int, IntConsumer, Object)}; {@code settle} runs after the allocation reading and before the
     * heap reading, to wait for work the building handed to other threads (an actor's first run).
     */
    public PerItem measure(int n, IntConsumer build, Runnable settle, Object keepAlive) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, was " + n);
        }
        long heapBefore = usedAfterGc();
        long allocBefore = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            build.accept(i);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocBefore;
        settle.run();
        long heapAfter = usedAfterGc();
        Reference.reachabilityFence(keepAlive);
        return new PerItem((double) allocated / n, (double) (heapAfter - heapBefore) / n);
    }

    /** Heap used after a full collection: the least of three, so that what one collection released late is gone. */
    public long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
