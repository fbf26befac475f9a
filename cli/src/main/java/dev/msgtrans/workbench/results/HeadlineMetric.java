package dev.msgtrans.workbench.results;

import java.util.Map;

/**
 * The metric each harness benchmark should be compared by. Most benchmarks' primary score is the work done; those
 * whose operations never wait (a full queue refuses, an empty one returns) count attempts in the primary score,
 * and their javadoc names the {@code @AuxCounters} field that counts real work: messages polled, tells accepted,
 * event copies buffered, frames drained, messages received.
 */
public final class HeadlineMetric {

    private static final String H = "dev.msgtrans.harness.";

    private static final Map<String, String> BY_CLASS = Map.of(
            H + "actors.MailboxBenchmark", "polled",
            H + "actors.ActorSystemBenchmark", "accepted",
            H + "events.EventBusBenchmark", "buffered",
            H + "outbound.OutboundQueueBenchmark", "drained",
            H + "channels.OneToOneChannelBenchmark", "received",
            H + "channels.ManyToOneChannelBenchmark", "received",
            H + "channels.OneToManyChannelBenchmark", "received");

    private HeadlineMetric() {
    }

    /** The secondary metric to use for a benchmark ({@code package.Class.method}), or null for the primary score. */
    public static String nameFor(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? null : BY_CLASS.get(benchmark.substring(0, dot));
    }
}
