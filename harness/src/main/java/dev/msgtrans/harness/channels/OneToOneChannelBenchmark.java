package dev.msgtrans.harness.channels;

import dev.msgtrans.harness.GroupTopology;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Control;

import java.util.concurrent.TimeUnit;

/**
 * Channel shoot-out, 1 -&gt; 1: one producer thread, one consumer thread, one channel per thread group.
 * <p>
 * Every row is bounded with the same {@code capacity} (default 1024; the original compared one bounded channel
 * against unbounded ones) and carries preallocated 64-byte {@link Message}s. Nobody blocks: a full channel refuses
 * ({@code offerFailed}), an empty one returns ({@code pollEmpty}), so the primary score counts attempts of both
 * sides. Compare rows by the auxiliary counter {@code received}, the messages per second that reached consumers;
 * {@code sent} is what the producers got in. A consume attempt takes one message from a queue, the available batch
 * from a Disruptor poller, one delivery task from a {@code SubmissionPublisher}: each structure in its natural unit.
 * Counters cover JMH's measurement window only ({@link dev.msgtrans.harness.MeasurementWindow}). Give every
 * thread a core: with fewer cores than producers plus consumers, the sides take turns on the CPU and the figures
 * measure the scheduler's time slices, not the structure.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar OneToOneChannelBenchmark -p impl=SpscArrayQueue
 * </pre>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OneToOneChannelBenchmark {

    @Param({Channels.ARRAY_BLOCKING_QUEUE, Channels.LINKED_BLOCKING_QUEUE, Channels.CONCURRENT_LINKED_QUEUE,
            Channels.SPSC_ARRAY_QUEUE, Channels.MPSC_ARRAY_QUEUE, Channels.MPMC_ARRAY_QUEUE, Channels.DISRUPTOR,
            Channels.SUBMISSION_PUBLISHER})
    public String impl;

    /** Bound of every buffer (each consumer's queue, the ring, each subscriber's buffer). */
    @Param({"1024"})
    public int capacity;

    private Channel channel;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        int producers = GroupTopology.threadsOf(params, "produce");
        int consumers = GroupTopology.threadsOf(params, "consume");
        if (consumers != 1) {
            throw new IllegalArgumentException("1 -> 1 has one consumer; got " + consumers + " (use OneToManyChannelBenchmark)");
        }
        if (producers != 1) {
            throw new IllegalArgumentException("1 -> 1 has one producer; got " + producers + " (use ManyToOneChannelBenchmark)");
        }
        channel = Channels.create(impl, producers, consumers, capacity);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.close();
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
