package dev.msgtrans.workbench.stats;

import java.util.Locale;
import java.util.SplittableRandom;

import dev.msgtrans.workbench.stats.ForkRatio.Estimate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ForkRatioTest {

    private static void assertRel(double expected, double actual, double rel) {
        assertEquals(expected, actual, Math.abs(expected) * rel, () -> "expected " + expected + ", got " + actual);
    }

    @Test
    void welchByHandWithTableDegreesOfFreedom() {
        // a = {100, 110, 90}, b = 2a: the same log variance on both sides and 3 forks each, so Welch-Satterthwaite
        // gives exactly df = 2 (3 - 1) = 4.
        // ln a = {4.605170186, 4.700480366, 4.499809670}, mean 4.601820074; deviations {0.003350112, 0.098660292,
        // -0.102010404}, squares {0.0000112232, 0.0097338532, 0.0104061226}, sum 0.0201511990, / 2: var 0.0100755994.
        // se = sqrt(0.0100755994 / 3 + 0.0100755994 / 3) = sqrt(0.0067170663) = 0.0819577104.
        // d = ln 2 = 0.6931471806; t(0.995, 4) = 4.604094871 (table: 4.604); t * se = 0.3773410741;
        // interval 2 exp(-+0.3773375957) = [1.371364331, 2.916803295]. t statistic d / se = 8.457376, p = 0.00107097.
        Estimate e = ForkRatio.welch(new double[] {100, 110, 90}, new double[] {200, 220, 180}, 0.99);
        assertRel(2.0, e.interval().estimate(), 1e-12);
        assertRel(Math.log(2), e.logRatio(), 1e-12);
        assertRel(0.0819577104, e.standardError(), 1e-8);
        assertRel(4.0, e.df(), 1e-9);
        assertRel(1.371364331, e.interval().lower(), 1e-6);
        assertRel(2.916803295, e.interval().upper(), 1e-6);
        assertRel(0.3773410741, e.halfWidthLog(), 1e-6);
        assertRel(0.00107097, e.pValue(), 1e-4);
        assertEquals(3, e.forksA());
        assertEquals(3, e.forksB());
        assertFalse(e.paired());
    }

    @Test
    void welchByHandWithUnequalVariances() {
        // a = {100, 110, 90}: mean log 4.601820074, var 0.0100755994 (above), / 3 = 0.0033585331.
        // b = {200, 230, 170}: ln b = {5.298317367, 5.438079309, 5.135798437}, mean 5.290731704, var 0.0228865881,
        // / 3 = 0.0076288627. d = 0.6889116301, estimate e^d = 1.991546814.
        // se = sqrt(0.0033585331 + 0.0076288627) = sqrt(0.0109873958) = 0.1048207796.
        // df = 0.0109873958^2 / (0.0033585331^2 / 2 + 0.0076288627^2 / 2) = 0.000120723 / 0.0000347397 = 3.475075.
        // t(0.995, 3.475) = 5.115409 (between the table's 5.841 at 3 and 4.604 at 4); p = 0.0044783.
        Estimate e = ForkRatio.welch(new double[] {100, 110, 90}, new double[] {200, 230, 170}, 0.99);
        assertRel(1.991546814, e.interval().estimate(), 1e-8);
        assertRel(0.1048207796, e.standardError(), 1e-8);
        assertRel(3.475075, e.df(), 1e-6);
        assertRel(5.115409 * 0.1048207796, e.halfWidthLog(), 1e-6);
        assertRel(0.0044783, e.pValue(), 1e-4);
    }

    @Test
    void pairedByHand() {
        // d_k = ln(b_k / a_k) = {ln 2, ln(230/110), ln(170/90)} = {0.6931471806, 0.7375989431, 0.6359887667},
        // mean 0.6889116301; deviations {0.0042355505, 0.0486873130, -0.0529228634}, squares {0.0000179399,
        // 0.0023704543, 0.0028008295}, sum 0.0051892237, / 2: var 0.0025946119; se = sqrt(var / 3) = 0.0294086830.
        // df = 2, t(0.995, 2) = 9.924843201 (table: 9.925); t * se = 0.2918765673;
        // interval exp(0.6889116301 -+ 0.2918765673) = [1.487408082, 2.666557187]. t = 23.42545, p = 0.00181735.
        Estimate e = ForkRatio.paired(new double[] {100, 110, 90}, new double[] {200, 230, 170}, 0.99);
        assertRel(1.991546814, e.interval().estimate(), 1e-8);
        assertRel(0.0294086830, e.standardError(), 1e-8);
        assertEquals(2.0, e.df(), 0);
        assertRel(1.487408082, e.interval().lower(), 1e-6);
        assertRel(2.666557187, e.interval().upper(), 1e-6);
        assertRel(0.00181735, e.pValue(), 1e-4);
        assertTrue(e.paired());
        // the same data unpaired: the round-to-round spread stays in, the interval is wider
        assertTrue(e.halfWidthLog() < ForkRatio.welch(new double[] {100, 110, 90}, new double[] {200, 230, 170}, 0.99)
                .halfWidthLog());
    }

    @Test
    void oneForkIsAPointEstimateOnly() {
        Estimate w = ForkRatio.welch(new double[] {100}, new double[] {150, 160}, 0.99);
        assertFalse(w.interval().hasBounds());
        assertEquals(Math.sqrt(150 * 160) / 100, w.interval().estimate(), 1e-9);
        assertTrue(Double.isNaN(w.pValue()));
        assertTrue(Double.isNaN(w.halfWidthLog()));
        assertTrue(Double.isNaN(w.standardError()));
        Estimate p = ForkRatio.paired(new double[] {100}, new double[] {150}, 0.99);
        assertFalse(p.interval().hasBounds());
        assertEquals(1.5, p.interval().estimate(), 1e-12);
        assertTrue(Double.isNaN(p.pValue()));
    }

    @Test
    void identicalForksAreExact() {
        Estimate same = ForkRatio.welch(new double[] {5, 5, 5}, new double[] {5, 5}, 0.99);
        assertEquals(new Interval(1, 1, 1, 0.99), same.interval());
        assertEquals(1.0, same.pValue());
        assertEquals(0.0, same.halfWidthLog());
        assertEquals(3.0, same.df());
        Estimate doubled = ForkRatio.welch(new double[] {5, 5, 5}, new double[] {10, 10}, 0.99);
        assertEquals(2.0, doubled.interval().lower(), 1e-12);
        assertEquals(0.0, doubled.pValue());
        Estimate pairedDoubled = ForkRatio.paired(new double[] {5, 6, 7}, new double[] {10, 12, 14}, 0.99);
        assertEquals(2.0, pairedDoubled.interval().upper(), 1e-12);
        assertTrue(pairedDoubled.pValue() < 1e-12);
    }

    @Test
    void ofPairsByRoundOnlyWhenEveryForkHasItsPartner() {
        double[] a = {100, 110, 90, 105};
        double[] b = {200, 230, 170, 215};
        // same rounds in another order: paired on the rounds, not on the array positions
        Estimate shuffled = ForkRatio.of(a, new int[] {4, 2, 3, 1}, new double[] {215, 230, 170, 200},
                new int[] {1, 2, 3, 4}, 0.99);
        assertEquals(ForkRatio.paired(a, b, 0.99), shuffled);
        assertTrue(shuffled.paired());
        assertEquals(ForkRatio.welch(a, b, 0.99), ForkRatio.of(a, null, b, new int[] {1, 2, 3, 4}, 0.99));
        // one fork of b from another round
        assertFalse(ForkRatio.of(a, new int[] {1, 2, 3, 4}, b, new int[] {1, 2, 3, 5}, 0.99).paired());
        // a round repeated
        assertFalse(ForkRatio.of(a, new int[] {1, 2, 3, 3}, b, new int[] {1, 2, 3, 4}, 0.99).paired());
        assertFalse(ForkRatio.of(a, new int[] {1, 2, 3, 4}, b, new int[] {1, 2, 2, 4}, 0.99).paired());
        // unequal fork counts
        assertFalse(ForkRatio.of(a, new int[] {1, 2, 3, 4}, new double[] {1, 2, 3}, new int[] {1, 2, 3}, 0.99)
                .paired());
        // too few rounds to pair
        double[] a2 = {100, 110};
        double[] b2 = {200, 230};
        assertEquals(ForkRatio.welch(a2, b2, 0.99), ForkRatio.of(a2, new int[] {1, 2}, b2, new int[] {1, 2}, 0.99));
    }

    @Test
    void badInputIsRejected() {
        double[] a = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> ForkRatio.welch(a, a, 1.0));
        assertThrows(IllegalArgumentException.class, () -> ForkRatio.welch(a, new double[] {1, 0}, 0.99));
        assertThrows(IllegalArgumentException.class, () -> ForkRatio.paired(a, new double[] {1, 2}, 0.99));
        assertThrows(IllegalArgumentException.class, () -> ForkRatio.of(a, new int[] {1, 2}, a, null, 0.99));
    }

    /**
     * The key property: over many simulated runs of hierarchical data (fork effect, round effect, iteration noise),
     * the nominal 99% fork-level intervals contain the true ratio at least 98% of the time.
     */
    @Test
    void forkIntervalsCoverTheTrueRatio() {
        Hierarchical sim = new Hierarchical(5, 8, 0.04, 0.03, 0.05);
        double truth = 1.3;
        SplittableRandom rnd = new SplittableRandom(2013);
        int runs = 4000;
        int welch = 0;
        int paired = 0;
        double welchWidth = 0;
        double pairedWidth = 0;
        for (int r = 0; r < runs; r++) {
            double[][] m = sim.forkMeans(truth, rnd);
            Estimate w = ForkRatio.welch(m[0], m[1], 0.99);
            Estimate p = ForkRatio.paired(m[0], m[1], 0.99);
            welch += covers(w.interval(), truth) ? 1 : 0;
            paired += covers(p.interval(), truth) ? 1 : 0;
            welchWidth += w.halfWidthLog();
            pairedWidth += p.halfWidthLog();
        }
        double cw = (double) welch / runs;
        double cp = (double) paired / runs;
        System.out.printf(Locale.ROOT, "ForkRatio 99%% coverage over %d runs (5 forks x 8 iterations, fork SD 4%%, "
                        + "round SD 3%%, iteration CV 5%%): welch %.4f (mean half-width %.4f in ln), paired %.4f "
                        + "(%.4f)%n", runs, cw, welchWidth / runs, cp, pairedWidth / runs);
        assertTrue(cw >= 0.98, "welch coverage " + cw);
        assertTrue(cp >= 0.98, "paired coverage " + cp);
    }

    /** Why the change: the old quick profile's one fork of 3 iterations per side, bootstrapped, covers far too rarely. */
    @Test
    void oldOneForkBootstrapUndercovers() {
        Hierarchical sim = new Hierarchical(1, 3, 0.04, 0.03, 0.05);
        double truth = 1.3;
        SplittableRandom rnd = new SplittableRandom(2013);
        BootstrapRatio old = new BootstrapRatio(1000, BootstrapRatio.DEFAULT_SEED);
        int runs = 2000;
        int covered = 0;
        for (int r = 0; r < runs; r++) {
            double[][][] x = sim.run(truth, rnd);
            covered += covers(old.ratioOfMeans(x[0], x[1], 0.99), truth) ? 1 : 0;
        }
        double c = (double) covered / runs;
        System.out.printf(Locale.ROOT, "BootstrapRatio (old) 99%% coverage, 1 fork x 3 iterations per side, over %d "
                + "runs: %.4f%n", runs, c);
        assertTrue(c < 0.90, "old coverage " + c);
    }

    private static boolean covers(Interval i, double truth) {
        return i.hasBounds() && i.lower() <= truth && truth <= i.upper();
    }
}
