package dev.msgtrans.workbench.compare;

/**
 * How {@link RunComparator} decides. Immutable.
 *
 * @param threshold  smallest relative change that counts as a change at all (0.05: 5%), however certain
 * @param failAbove  a significant slowdown larger than this fails the gate (0.10: 10%)
 * @param confidence coverage of the interval (0.99)
 * @param resamples  bootstrap resamples
 * @param seed       bootstrap seed
 */
public record CompareSettings(double threshold, double failAbove, double confidence, int resamples, long seed) {

    /** The command's defaults: 5% threshold, fail above 10%, 99% intervals, 10,000 seeded resamples. */
    public static final CompareSettings DEFAULTS = new CompareSettings(0.05, 0.10, 0.99,
            dev.msgtrans.workbench.stats.BootstrapRatio.DEFAULT_RESAMPLES,
            dev.msgtrans.workbench.stats.BootstrapRatio.DEFAULT_SEED);

    public CompareSettings {
        if (threshold < 0 || failAbove < 0 || !(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("need threshold >= 0, fail-above >= 0 and 0 < confidence < 1");
        }
    }
}
