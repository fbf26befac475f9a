package dev.msgtrans.harness.codec;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.codec.CodecException;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.codec.PacketCodec;
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
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Phase 3.2: single-threaded cost of the msgtrans 1.0 codec for one request frame with a 64 B, 1 KiB or 64 KiB
 * payload: {@code encode} (packet to wire bytes) and {@code decode} (wire bytes to packet through the persistent
 * {@link FrameDecoder} a connection keeps), plus {@code encodeTo}, encoding into a reused buffer.
 * <p>
 * The packet and the encoded frame are built once; {@code decode} rewinds the same frame buffer every time, so it
 * measures parsing and the packet the decoder builds, not the test's copying. Both directions allocate what the
 * codec's API requires (the encoded buffer, the decoded packet and its arrays); {@code -prof gc} reports it per
 * operation. Run with the default single thread: the codec is per connection.
 * <p>
 * Run alone:
 * <pre>
 * java -jar harness/target/benchmarks.jar CodecBenchmark -p payloadSize=1024 -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    @Param({"64", "1024", "65536"})
    public int payloadSize;

    private PacketCodec codec;
    private FrameDecoder decoder;
    private Packet packet;
    private ByteBuffer frame;
    private ByteBuffer scratch;
    private int frameLength;
    private Packet lastDecoded;
    private Consumer<Packet> sink;

    @Setup(Level.Trial)
    public void setUp() throws CodecException {
        codec = new PacketCodec(CodecLimits.DEFAULT);
        decoder = new FrameDecoder(CodecLimits.DEFAULT);
        byte[] payload = new byte[payloadSize];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 31);
        }
        packet = Packet.request(7, payload).withMessageId(42);
        ByteBuffer encoded = codec.encode(packet);
        frameLength = encoded.remaining();
        frame = ByteBuffer.allocate(frameLength);
        frame.put(encoded).flip();
        scratch = ByteBuffer.allocate(frameLength);
        sink = p -> lastDecoded = p;
        // fail now, not in the report, if the codec does not round-trip
        decoder.decode(frame, sink);
        if (!packet.equals(lastDecoded)) {
            throw new IllegalStateException("codec does not round-trip: sent " + packet + ", decoded " + lastDecoded);
        }
    }

    @Benchmark
    public ByteBuffer encode() {
        return codec.encode(packet);
    }

    /** Encoding into a reused buffer, as a write path with pooled buffers does: no frame allocation. */
    @Benchmark
    public ByteBuffer encodeTo() {
        scratch.clear();
        codec.encodeTo(packet, scratch);
        return scratch;
    }

    @Benchmark
    public Packet decode() throws CodecException {
        frame.limit(frameLength).position(0);
        decoder.decode(frame, sink);
        return lastDecoded;
    }
}
