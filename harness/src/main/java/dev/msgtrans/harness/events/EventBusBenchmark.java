package dev.msgtrans.harness.events;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.harness.MeasurementWindow;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Phase 2: event broadcast. One publisher thread publishes preallocated events to {@code subscribers} subscribers,
 * each of which requests {@code Long.MAX_VALUE} and counts what it receives; deliveries run on the
 * {@code dispatch} variant's workers, held at {@code mutex} ({@code MutexDispatch}, an {@code ArrayBlockingQueue}
 * hand-off) for every bus variant, here and in the matrices, so only the bus changes between rows. Every bus
 * delivers at most {@link dev.msgtrans.core.spi.Tuning#EVENT_BATCH} events per run from a buffer that starts at
 * {@link dev.msgtrans.core.spi.Tuning#EVENT_BUFFER_INITIAL_SLOTS} and grows to {@code bufferCapacity}, so the
 * hand-offs per event and the buffer's growth are the same on every row.
 * <p>
 * The measured operation is one {@code publish}, which never blocks: a subscriber whose bounded buffer is full
 * drops the event and the bus counts the drop. Auxiliary counters, per second: {@code buffered} (event copies
 * accepted into subscriber buffers, i.e. events/s times subscribers when nothing drops) and {@code dropped}. The
 * original lost events silently on lag; here every loss shows up in {@code dropped}. Counters cover JMH's
 * measurement window only ({@link MeasurementWindow}).
 * <p>
 * One publisher is the annotation default; {@code -t N} runs N publishers against the same bus.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar EventBusBenchmark -p variant=lockfree -p subscribers=4
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Threads(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EventBusBenchmark {

    @Param({"mutex", "rwlock", "lockfree"})
    public String variant;

    /** Variant whose {@link Dispatch} runs the deliveries. */
    @Param({"mutex"})
    public String dispatch;

    @Param({"1", "4"})
    public int subscribers;

    @Param({"2"})
    public int workers;

    /** Per-subscriber buffer bound. */
    @Param({"1024"})
    public int bufferCapacity;

    private Dispatch pool;
    private EventBus<Object> bus;
    private List<CountingSubscriber> subs;
    private Object event;

    @Setup(Level.Trial)
    public void setUp() {
        pool = Variants.get(dispatch).newDispatch("events-bench", workers, 4096);
        bus = Variants.get(variant).newEventBus(pool, bufferCapacity);
        subs = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            CountingSubscriber s = new CountingSubscriber();
            subs.add(s);
            bus.subscribe(s);
        }
        event = new Object();
    }

    /**
     * Closes the bus, waits for it to complete every subscriber (it delivers what was buffered first, on the
     * dispatch, so the dispatch must outlive that), closes the dispatch, then checks that the subscribers received
     * exactly what the bus says it delivered.
     */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        bus.close();
        for (CountingSubscriber s : subs) {
            if (!s.done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(variant + " event bus did not complete a subscriber within 10 s of close()");
            }
        }
        pool.close();
        long received = 0;
        for (CountingSubscriber s : subs) {
            if (s.failure != null) {
                throw new IllegalStateException(variant + " event bus failed a subscriber", s.failure);
            }
            received += s.received;
        }
        if (received != bus.delivered()) {
            throw new IllegalStateException(variant + " event bus reports " + bus.delivered()
                    + " events delivered, its subscribers received " + received);
        }
    }

    /** Publish outcomes, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Outcomes {
        public long buffered;
        public long dropped;

        @Setup(Level.Iteration)
        public void reset() {
            buffered = 0;
            dropped = 0;
        }
    }

    @Benchmark
    public int publish(Outcomes outcomes, Control control) {
        int accepted = bus.publish(event);
        if (MeasurementWindow.open(control)) {
            outcomes.buffered += accepted;
            outcomes.dropped += subscribers - accepted;
        }
        return accepted;
    }
}
