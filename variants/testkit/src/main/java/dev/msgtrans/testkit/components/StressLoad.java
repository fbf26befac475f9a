package dev.msgtrans.testkit.components;

import java.time.Duration;

/**
 * How hard a concurrent check pushes: {@code threads} contenders doing {@code opsPerThread} operations each, and a
 * {@code deadline} that only guards against hangs (a lost wake-up or a lost item shows up as a check that never
 * finishes; the deadline turns it into a failure). The deadline is never a performance assertion.
 *
 * @param threads      contending threads (at least 2)
 * @param opsPerThread operations per thread
 * @param deadline     hang guard for the whole check
 */
public record StressLoad(int threads, int opsPerThread, Duration deadline) {

    /** The suite's default: small enough for a shared 2-core machine, large enough to make races likely. */
    public static final StressLoad DEFAULT = new StressLoad(4, 10_000, Duration.ofSeconds(60));

    /** For running a check many times in a loop, e.g. against the broken control variant. */
    public static final StressLoad QUICK = new StressLoad(4, 2_000, Duration.ofSeconds(3));

    public StressLoad {
        if (threads < 2 || opsPerThread < 1 || deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("need threads >= 2, opsPerThread >= 1 and a positive deadline, got "
                    + threads + ", " + opsPerThread + ", " + deadline);
        }
    }

    /** {@link System#nanoTime()} at which a check started now must give up. */
    long deadlineNanos() {
        return System.nanoTime() + deadline.toNanos();
    }
}
