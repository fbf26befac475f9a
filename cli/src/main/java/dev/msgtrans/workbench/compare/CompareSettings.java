package dev.msgtrans.workbench.compare;

/**
 * How {@link RunComparator} decides. Immutable.
 *
 * @param threshold  smallest relative change that counts as a change at all (0.05: 5%), however certain
 * @param failAbove  a significant slowdown larger than this fails the gate (0.10: 10%)
 * @param confidence coverage of the interval (0.99)
 * @param resamples  bootstrap resamples
 * @param seed       bootstrap seed
 * @param method     how the interval is computed
 */
public record CompareSettings(double threshold, double failAbove, double confidence, int resamples, long seed,
                              Method method) {

    /** How the interval of a ratio between two runs is computed. */
    public enum Method {
        /**
         * Welch's t interval on log scores, forks as replicates when both runs have several (the default: two runs
         * are separated in time, and only fork-to-fork variance says how much a run's figure drifts).
         */
        WELCH,
        /** Seeded percentile bootstrap of the ratio of means, forks then iterations resampled. */
        BOOTSTRAP
    }

    /** The command's defaults: 5% threshold, fail above 10%, 99% Welch intervals. */
    public static final CompareSettings DEFAULTS = new CompareSettings(0.05, 0.10, 0.99,
            dev.msgtrans.workbench.stats.BootstrapRatio.DEFAULT_RESAMPLES,
            dev.msgtrans.workbench.stats.BootstrapRatio.DEFAULT_SEED, Method.WELCH);

    public CompareSettings {
        if (threshold < 0 || failAbove < 0 || !(confidence > 0 && confidence < 1) || method == null) {
            throw new IllegalArgumentException("need threshold >= 0, fail-above >= 0 and 0 < confidence < 1");
        }
    }
}
