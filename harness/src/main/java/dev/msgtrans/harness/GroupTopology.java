package dev.msgtrans.harness;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Iterator;

/**
 * Reads how many threads JMH gives each method of a {@code @Group} ({@code @GroupThreads} or {@code -tg}), so a
 * benchmark can refuse a topology its structure does not admit (two consumers on a single-consumer queue would
 * measure a data race, or spin forever). Note that {@code -tg} lists counts in the alphabetical order of the group's
 * method names.
 */
public final class GroupTopology {

    private GroupTopology() {
    }

    /** @throws IllegalStateException if the benchmark has no group method of that name */
    public static int threadsOf(BenchmarkParams params, String method) {
        int[] counts = params.getThreadGroups();
        Iterator<String> labels = params.getThreadGroupLabels().iterator();
        for (int count : counts) {
            if (labels.hasNext() && labels.next().equals(method)) {
                return count;
            }
        }
        throw new IllegalStateException("no group method '" + method + "' in " + params.getBenchmark()
                + " (labels " + params.getThreadGroupLabels() + ")");
    }

    /** @throws IllegalArgumentException unless exactly one thread runs {@code method} */
    public static void requireOne(BenchmarkParams params, String method, String why) {
        int n = threadsOf(params, method);
        if (n != 1) {
            throw new IllegalArgumentException(params.getBenchmark() + " runs '" + method + "' on exactly one thread ("
                    + why + "); the run asks for " + n + " (-tg lists counts in alphabetical order of method names: "
                    + params.getThreadGroupLabels() + ")");
        }
    }
}
