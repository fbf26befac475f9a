package dev.msgtrans.harness.channels;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Control;

/**
 * Channel shoot-out, 1 -&gt; N multicast: one producer, N consumer threads (default 4, the original's 4 consumers;
 * {@code -tg N,1} changes it, counts in the alphabetical order of the methods, {@code consume} then
 * {@code produce}), every consumer seeing every message.
 * <p>
 * Queues have no multicast, so their rows give each consumer its own queue and the producer offers each message to
 * every queue (a full queue refuses only its own copy). The Disruptor multicasts natively (one ring, one poller per
 * consumer; a message is refused for all when the slowest consumer is a full ring behind), and so does
 * {@code SubmissionPublisher} (one buffer per subscriber, drops per subscriber). {@code sent}, {@code offerFailed}
 * and {@code received} count message copies, one per consumer.
 * <p>
 * Rows, counters and their caveats: {@link ChannelBenchmark}.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar OneToManyChannelBenchmark -p impl=Disruptor -tg 4,1
 * </pre>
 */
public class OneToManyChannelBenchmark extends ChannelBenchmark {

    @Param({Channels.ARRAY_BLOCKING_QUEUE, Channels.LINKED_BLOCKING_QUEUE, Channels.CONCURRENT_LINKED_QUEUE,
            Channels.SPSC_ARRAY_QUEUE, Channels.MPSC_ARRAY_QUEUE, Channels.MPMC_ARRAY_QUEUE, Channels.DISRUPTOR,
            Channels.SUBMISSION_PUBLISHER})
    public String impl;

    /** JMH needs a public no-arg constructor; this topology runs one producer per channel. */
    public OneToManyChannelBenchmark() {
        super(true, false);
    }

    @Override
    String impl() {
        return impl;
    }

    @Benchmark
    @Group("oneToMany")
    @GroupThreads(1)
    public int produce(ChannelProducer producer, Control control) {
        return producer.publish(channel, control);
    }

    @Benchmark
    @Group("oneToMany")
    @GroupThreads(4)
    public int consume(ChannelConsumer consumer, Control control) {
        return consumer.consume(channel, control);
    }
}
