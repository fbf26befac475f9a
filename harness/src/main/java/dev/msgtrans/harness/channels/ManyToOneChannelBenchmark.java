package dev.msgtrans.harness.channels;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Control;

/**
 * Channel shoot-out, P -&gt; 1: P producer threads (default 4; {@code -tg 1,P} changes it, counts in the
 * alphabetical order of the methods, {@code consume} then {@code produce}) publishing into one
 * channel drained by one consumer thread. {@code SpscArrayQueue} has no place here and is refused if asked for.
 * <p>
 * Rows, counters and their caveats: {@link ChannelBenchmark}.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar ManyToOneChannelBenchmark -p impl=MpscArrayQueue -tg 1,2
 * </pre>
 */
public class ManyToOneChannelBenchmark extends ChannelBenchmark {

    @Param({Channels.ARRAY_BLOCKING_QUEUE, Channels.LINKED_BLOCKING_QUEUE, Channels.CONCURRENT_LINKED_QUEUE,
            Channels.MPSC_ARRAY_QUEUE, Channels.MPMC_ARRAY_QUEUE, Channels.DISRUPTOR, Channels.SUBMISSION_PUBLISHER})
    public String impl;

    /** JMH needs a public no-arg constructor; this topology runs one consumer per channel. */
    public ManyToOneChannelBenchmark() {
        super(false, true);
    }

    @Override
    String impl() {
        return impl;
    }

    @Benchmark
    @Group("manyToOne")
    @GroupThreads(4)
    public int produce(ChannelProducer producer, Control control) {
        return producer.publish(channel, control);
    }

    @Benchmark
    @Group("manyToOne")
    @GroupThreads(1)
    public int consume(ChannelConsumer consumer, Control control) {
        return consumer.consume(channel, control);
    }
}
