package dev.msgtrans.harness;

/**
 * Marsaglia's xorshift64* generator: a few cycles per number, no allocation, no shared state, so a per-thread
 * instance picks keys and operations without the generator itself becoming what is measured
 * ({@link java.util.concurrent.ThreadLocalRandom} costs a thread-local lookup, {@link java.util.Random} a CAS).
 * <p>
 * Not thread-safe: one instance per benchmark thread ({@code @State(Scope.Thread)}).
 */
public final class XorShift64 {

    private long state;

    /** @param seed any value; zero is replaced because xorshift never leaves the all-zero state */
    public XorShift64(long seed) {
        // mix the seed so that consecutive thread indexes give unrelated sequences
        long s = (seed + 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        this.state = s == 0 ? 0x2545F4914F6CDD1DL : s;
    }

    public long nextLong() {
        long x = state;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        state = x;
        return x * 0x2545F4914F6CDD1DL;
    }

    /** @return a value in {@code [0, bound)}; {@code bound} must be positive (Lemire's multiply-shift, no division) */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
