package dev.msgtrans.workbench.stats;

import java.util.Locale;

/**
 * A point estimate with a two-sided confidence interval. Immutable.
 *
 * @param estimate   the point estimate (for a ratio: ratio of the observed means)
 * @param lower      lower bound, NaN when no interval could be computed (fewer than 2 samples on a side)
 * @param upper      upper bound, NaN likewise
 * @param confidence the nominal coverage, e.g. 0.99
 */
public record Interval(double estimate, double lower, double upper, double confidence) {

    /** An estimate without an interval (too little data). */
    public static Interval pointOnly(double estimate, double confidence) {
        return new Interval(estimate, Double.NaN, Double.NaN, confidence);
    }

    /** Whether the bounds are known. */
    public boolean hasBounds() {
        return Double.isFinite(lower) && Double.isFinite(upper);
    }

    /** True when the interval is known and does not contain {@code value}. */
    public boolean excludes(double value) {
        return hasBounds() && (value < lower || value > upper);
    }

    /** The same interval for the reciprocal quantity (1/x), e.g. a speed ratio from a time ratio. */
    public Interval reciprocal() {
        return new Interval(1 / estimate, 1 / upper, 1 / lower, confidence);
    }

    /** E.g. {@code 2.41 (99% CI [2.10, 2.73])}, or {@code 2.41 (no interval)}. */
    public String format(int decimals) {
        String f = "%." + decimals + "f";
        String est = String.format(Locale.ROOT, f, estimate);
        if (!hasBounds()) {
            return est + " (no interval: fewer than two steady forks on a side)";
        }
        return est + " (" + percent() + " CI [" + String.format(Locale.ROOT, f, lower) + ", "
                + String.format(Locale.ROOT, f, upper) + "])";
    }

    /** {@code 99%}, {@code 99.9%}. */
    public String percent() {
        double p = confidence * 100;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p)) + "%";
    }
}
