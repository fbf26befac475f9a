package dev.msgtrans.harness.channels;

import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.Iterator;

/** Reads how many threads JMH gives each method of a {@code @Group} (annotations or {@code -tg}). */
final class Topology {

    private Topology() {
    }

    static int threadsOf(BenchmarkParams params, String method) {
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
}
