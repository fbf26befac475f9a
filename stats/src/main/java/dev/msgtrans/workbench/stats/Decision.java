package dev.msgtrans.workbench.stats;

/**
 * One finding of a comparison, after the family's multiple-testing correction: what to conclude about a speed ratio
 * and why. Immutable. Made by {@link Decisions#decide}.
 *
 * @param outcome    what the data support
 * @param speed      the ratio oriented so that above 1 is better, with its interval (no bounds with fewer than two
 *                   forks on a side)
 * @param pValue     two-sided p for "no difference"; NaN without an interval
 * @param adjustedP  {@code pValue} adjusted for the family; NaN likewise
 * @param margin     the relative difference below which the sides count as equivalent, e.g. 0.05
 * @param moreForks  for {@link Outcome#INCONCLUSIVE}: about how many more forks per side would likely settle it;
 *                   -1 when not applicable or not estimable
 * @param reason     a short phrase saying why, for a report
 */
public record Decision(Outcome outcome, Interval speed, double pValue, double adjustedP, double margin, int moreForks,
                       String reason) {

    /** What a finding says. */
    public enum Outcome {
        /** Significantly faster after the correction. */
        FASTER,
        /** Significantly slower after the correction. */
        SLOWER,
        /** Not different, and the interval shows any difference is within the margin (two one-sided tests). */
        EQUIVALENT,
        /** Neither: too few forks for the size of the difference. */
        INCONCLUSIVE
    }
}
