package dev.msgtrans.workbench.compare;

import dev.msgtrans.workbench.stats.Decisions;
import dev.msgtrans.workbench.verdict.Verdicts;

/**
 * How {@link RunComparator} decides. Immutable.
 *
 * @param margin     a change within ±margin counts as none: the interval inside it is "equivalent" (0.05: 5%)
 * @param failAbove  a significant slowdown larger than this fails the gate (0.10: 10%)
 * @param alpha      the error rate controlled over all the comparison's points (0.01)
 * @param correction how that control is done: Holm (family-wise, the gate's default) or Benjamini-Hochberg
 */
public record CompareSettings(double margin, double failAbove, double alpha, Decisions.Correction correction) {

    /** The command's defaults: ±5% equivalence, fail above 10%, 1% family-wise error under Holm. */
    public static final CompareSettings DEFAULTS = new CompareSettings(0.05, 0.10, 0.01, Decisions.Correction.HOLM);

    public CompareSettings {
        if (margin < 0 || failAbove < 0 || !(alpha > 0 && alpha < 0.5) || correction == null) {
            throw new IllegalArgumentException("need margin >= 0, fail-above >= 0, 0 < alpha < 0.5 and a correction");
        }
    }

    /** The verdict rule these settings give. */
    public Verdicts verdicts() {
        return new Verdicts(alpha, margin, correction);
    }
}
