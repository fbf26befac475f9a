package dev.msgtrans.harness.channels;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.infra.Control;

/**
 * Channel shoot-out, 1 -&gt; 1: one producer thread, one consumer thread, one channel per thread group.
 * <p>
 * Rows, counters and their caveats: {@link ChannelBenchmark}.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar OneToOneChannelBenchmark -p impl=SpscArrayQueue
 * </pre>
 */
public class OneToOneChannelBenchmark extends ChannelBenchmark {

    @Param({Channels.ARRAY_BLOCKING_QUEUE, Channels.LINKED_BLOCKING_QUEUE, Channels.CONCURRENT_LINKED_QUEUE,
            Channels.SPSC_ARRAY_QUEUE, Channels.MPSC_ARRAY_QUEUE, Channels.MPMC_ARRAY_QUEUE, Channels.DISRUPTOR,
            Channels.SUBMISSION_PUBLISHER})
    public String impl;

    /** JMH needs a public no-arg constructor; this topology runs one producer and one consumer per channel. */
    public OneToOneChannelBenchmark() {
        super(true, true);
    }

    @Override
    String impl() {
        return impl;
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public int produce(ChannelProducer producer, Control control) {
        return producer.publish(channel, control);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public int consume(ChannelConsumer consumer, Control control) {
        return consumer.consume(channel, control);
    }
}
