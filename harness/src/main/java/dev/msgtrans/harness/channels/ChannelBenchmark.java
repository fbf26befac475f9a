package dev.msgtrans.harness.channels;

import dev.msgtrans.harness.GroupTopology;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import java.util.concurrent.TimeUnit;

/**
 * What the three shoot-out topologies share: one channel per thread group, built for the group's thread counts and
 * closed after the trial; the subclasses add only their {@code impl} rows, their thread groups and the topology they
 * refuse. JMH inherits the class annotations and the {@code @Setup}/{@code @TearDown} methods (JMH sample 24).
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
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class ChannelBenchmark {

    /** Bound of every buffer (each consumer's queue, the ring, each subscriber's buffer). */
    @Param({"1024"})
    public int capacity;

    /** The group's channel; read by the subclasses' {@code @Benchmark} methods. */
    Channel channel;

    private final boolean oneProducer;
    private final boolean oneConsumer;

    /**
     * @param oneProducer whether the topology refuses more than one producer thread
     * @param oneConsumer whether it refuses more than one consumer thread
     */
    ChannelBenchmark(boolean oneProducer, boolean oneConsumer) {
        this.oneProducer = oneProducer;
        this.oneConsumer = oneConsumer;
    }

    /** The row's {@code @Param}: declared by each subclass, since the rows a topology admits differ. */
    abstract String impl();

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (oneConsumer) {
            GroupTopology.requireOne(params, "consume", "one consumer per channel; OneToManyChannelBenchmark has N");
        }
        if (oneProducer) {
            GroupTopology.requireOne(params, "produce", "one producer per channel; ManyToOneChannelBenchmark has P");
        }
        channel = Channels.create(impl(), GroupTopology.threadsOf(params, "produce"),
                GroupTopology.threadsOf(params, "consume"), capacity);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        channel.close();
    }
}
