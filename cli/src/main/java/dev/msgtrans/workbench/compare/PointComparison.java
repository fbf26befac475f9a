package dev.msgtrans.workbench.compare;

import dev.msgtrans.workbench.results.BenchmarkResult.PointKey;
import dev.msgtrans.workbench.results.Direction;
import dev.msgtrans.workbench.stats.Interval;

/**
 * One point of a comparison. Immutable.
 *
 * @param key        what was matched
 * @param metric     the metric compared: {@code primary} or the benchmark's headline counter
 * @param unit       the scores' unit (base run's; the new run's is converted to it)
 * @param direction  which way is better
 * @param base       base score, NaN when {@link Verdict#ADDED}
 * @param current    new score, NaN when {@link Verdict#REMOVED}
 * @param ratio      new/base of the scores, with its interval; null for added/removed points
 * @param speed      the ratio oriented so that above 1 is better (new/base for rates, base/new for times)
 * @param verdict    the conclusion
 * @param gateFailure true when this point alone fails the regression gate
 * @param adjustedP  the p-value after the family's correction; NaN when untested
 * @param reason     why the verdict, in a few words; null for added/removed points
 * @param forksBase  steady forks of the base run that the interval used
 * @param forksNew   likewise for the new run
 */
public record PointComparison(PointKey key, String metric, String unit, Direction direction, double base,
                              double current, Interval ratio, Interval speed, Verdict verdict, boolean gateFailure,
                              double adjustedP, String reason, int forksBase, int forksNew) {

    /** Relative change in the better direction: +0.25 is 25% faster, -0.5 is half the speed. NaN if unmatched. */
    public double change() {
        return speed == null ? Double.NaN : speed.estimate() - 1;
    }
}
