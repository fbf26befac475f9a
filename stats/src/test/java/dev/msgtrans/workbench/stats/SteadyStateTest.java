package dev.msgtrans.workbench.stats;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import dev.msgtrans.workbench.stats.SteadyState.Kind;
import dev.msgtrans.workbench.stats.SteadyState.Result;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SteadyStateTest {

    @Test
    void flatNoisySeriesRarelySplit() {
        SplittableRandom rnd = new SplittableRandom(20170);
        int runs = 0;
        int notFlat = 0;
        for (int n = 8; n <= 12; n++) {
            for (int seed = 0; seed < 1000; seed++) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 1e6 * (1 + 0.05 * rnd.nextGaussian());
                }
                runs++;
                if (SteadyState.classify(x, true).kind() != Kind.FLAT) {
                    notFlat++;
                }
            }
        }
        double rate = (double) notFlat / runs;
        System.out.printf(Locale.ROOT, "SteadyState false-split rate, iid 5%% CV, 8-12 iterations: %.4f (%d of %d)%n",
                rate, notFlat, runs);
        assertTrue(rate < 0.10, "false-split rate " + rate);
    }

    @Test
    void perfectlyFlatSeriesIsFlat() {
        Result r = SteadyState.classify(new double[] {5e6, 5e6, 5.000001e6, 5e6, 5e6, 4.999999e6, 5e6, 5e6}, true);
        assertEquals(Kind.FLAT, r.kind());
        assertEquals(0, r.steadyFrom());
        assertEquals(List.of(), r.changePoints());
        assertTrue(r.steady());
    }

    @Test
    void lowWarmupThenPlateauIsWarmedUp() {
        double[] x = {1.00e6, 1.02e6, 0.99e6, 1.41e6, 1.39e6, 1.40e6, 1.42e6, 1.38e6, 1.40e6, 1.41e6};
        Result r = SteadyState.classify(x, true);
        assertEquals(Kind.WARMED_UP, r.kind());
        assertEquals(3, r.steadyFrom());
        assertEquals(List.of(3), r.changePoints());
        assertEquals((1.41 + 1.39 + 1.40 + 1.42 + 1.38 + 1.40 + 1.41) / 7 * 1e6, r.steadyMean(), 1e-6);
        assertArrayEquals(new double[] {1.41e6, 1.39e6, 1.40e6, 1.42e6, 1.38e6, 1.40e6, 1.41e6}, r.steadyPart(x));
    }

    @Test
    void sameWarmupInTimePerOperationIsSlowedDown() {
        // the same numbers as times: the later level is higher, so worse
        double[] x = {1.00, 1.02, 0.99, 1.41, 1.39, 1.40, 1.42, 1.38, 1.40, 1.41};
        assertEquals(Kind.SLOWED_DOWN, SteadyState.classify(x, false).kind());
    }

    @Test
    void lateDropHasNoSteadyState() {
        double[] x = {1.00, 1.01, 0.99, 1.02, 1.00, 0.98, 1.01, 1.00, 0.60, 0.61};
        Result r = SteadyState.classify(x, true);
        assertEquals(Kind.NO_STEADY_STATE, r.kind());
        assertEquals(8, r.steadyFrom());
        assertFalse(r.steady());
        assertTrue(Double.isNaN(r.steadyMean()));
        assertEquals(0, r.steadyPart(x).length);
    }

    @Test
    void monotoneRiseHasNoSteadyState() {
        double[] x = {1.26e6, 1.96e6, 3.46e6, 4.61e6, 5.72e6, 6.88e6, 8.03e6, 9.30e6};
        Result r = SteadyState.classify(x, true);
        assertEquals(Kind.NO_STEADY_STATE, r.kind(), r.toString());
    }

    @Test
    void dropThatStaysIsSlowedDown() {
        double[] x = {2.00, 2.03, 1.98, 2.01, 1.52, 1.50, 1.49, 1.51, 1.50, 1.48, 1.52, 1.50};
        Result r = SteadyState.classify(x, true);
        assertEquals(Kind.SLOWED_DOWN, r.kind());
        assertEquals(4, r.steadyFrom());
        assertEquals(List.of(4), r.changePoints());
    }

    @Test
    void handCheckedSegmentation() {
        // y = ln x = {0, 0, ln 2, ln 2, ln 2, ln 2}; successive differences {0, ln 2, 0, 0, 0}; their 10 pairwise
        // distances are 4 x ln 2 and 6 x 0, Qn takes the 3rd smallest (h = 3, h(h-1)/2 = 3): 0, so sigma = the floor.
        // One segment: mean (4 ln 2)/6, squared deviations 2 (4/6 ln 2)^2 + 4 (2/6 ln 2)^2 = (4/3)(ln 2)^2 = 0.6406,
        // / 0.005^2 = 25 624. Split at 2: zero deviations, cost = penalty 3 ln 6 = 5.375. So one change point at 2,
        // and the means differ by 100%, far beyond the 2% merge tolerance.
        double[] x = {1, 1, 2, 2, 2, 2};
        assertEquals(SteadyState.SIGMA_FLOOR, SteadyState.sigma(new double[] {0, 0, Math.log(2), Math.log(2),
                Math.log(2), Math.log(2)}), 0);
        Result r = SteadyState.classify(x, true);
        assertEquals(new Result(Kind.WARMED_UP, 2, List.of(2), 2.0, 6), r);

        // Segmentation alone, sigma 1 and y = {0, 0, 0, 3, 3, 3, 3}: penalty 3 ln 7 = 5.838. No split: mean 12/7,
        // deviations 3 (12/7)^2 + 4 (9/7)^2 = (432 + 324)/49 = 15.43 > 5.838, so the split at 3 (cost 5.838) wins;
        // further splits only add penalties.
        assertEquals(List.of(0, 3), SteadyState.segment(new double[] {0, 0, 0, 3, 3, 3, 3}, 1));
        // y = {0, 0, 0, 1, 1, 1, 1}: deviations (3 (4/7)^2 + 4 (3/7)^2) = 12/7 = 1.714 < 5.838: no split
        assertEquals(List.of(0), SteadyState.segment(new double[] {0, 0, 0, 1, 1, 1, 1}, 1));
    }

    @Test
    void mergesLevelsWithinTolerance() {
        // two levels 1% apart, each perfectly flat: the segmentation splits them (sigma at the floor), the merge joins
        double[] x = {1.00, 1.00, 1.00, 1.00, 1.01, 1.01, 1.01, 1.01};
        Result r = SteadyState.classify(x, true);
        assertEquals(Kind.FLAT, r.kind());
        assertEquals(2, SteadyState.segment(logs(x), SteadyState.sigma(logs(x))).size());
    }

    @Test
    void shortSeriesAreFlat() {
        Result r = SteadyState.classify(new double[] {1, 3, 9}, true);
        assertEquals(new Result(Kind.FLAT, 0, List.of(), 13.0 / 3, 3), r);
        assertEquals(Kind.FLAT, SteadyState.classify(new double[] {7}, false).kind());
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> SteadyState.classify(new double[0], true));
        assertThrows(IllegalArgumentException.class, () -> SteadyState.classify(new double[] {1, 2, -1, 2}, true));
        assertThrows(IllegalArgumentException.class,
                () -> SteadyState.classify(new double[] {1, 2, Double.NaN, 2}, true));
        Result r = SteadyState.classify(new double[] {1, 1, 1, 1}, true);
        assertThrows(IllegalArgumentException.class, () -> r.steadyPart(new double[3]));
    }

    private static double[] logs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = Math.log(x[i]);
        }
        return y;
    }
}
