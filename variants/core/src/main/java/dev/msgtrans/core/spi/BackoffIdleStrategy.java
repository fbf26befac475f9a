package dev.msgtrans.core.spi;

/**
 * {@link IdleStrategy} that spins {@code spins} times ({@link Thread#onSpinWait()}), then yields {@code yields} times,
 * then tells its worker to block. A spin catches the next task of a burst without a park/unpark pair, but takes the
 * core from whoever else could run there; a yield keeps the worker runnable but not parked, so on a box with fewer
 * cores than busy threads it competes with the I/O threads and a producer does not wake it. Both pay only when the
 * workers have cores to themselves, which is why the transport's defaults are 0 yields, and spins only with cores
 * to spare (see {@code TransportConfig}).
 * <p>
 * Threading contract: as {@link IdleStrategy}, confined to one worker thread.
 */
public final class BackoffIdleStrategy implements IdleStrategy {

    public static final String ALIAS = "backoff";

    private final int spins;
    private final int yields;
    /** Idle steps taken since the last work or wake-up; worker-confined. */
    private int steps;

    public BackoffIdleStrategy(int spins, int yields) {
        if (spins < 0 || yields < 0) {
            throw new IllegalArgumentException("spins and yields must be >= 0, were " + spins + " and " + yields);
        }
        this.spins = spins;
        this.yields = yields;
    }

    @Override
    public boolean idle(int workCount) {
        if (workCount > 0) {
            steps = 0;
            return true;
        }
        if (steps < spins) {
            steps++;
            Thread.onSpinWait();
            return true;
        }
        if (steps < spins + yields) {
            steps++;
            Thread.yield();
            return true;
        }
        return false;
    }

    @Override
    public void reset() {
        steps = 0;
    }

    @Override
    public String alias() {
        return ALIAS;
    }

    public int spins() {
        return spins;
    }

    public int yields() {
        return yields;
    }

    @Override
    public String toString() {
        return ALIAS + "(spins=" + spins + ",yields=" + yields + ")";
    }
}
