package dev.msgtrans.workbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapRatioTest {

    private final BootstrapRatio bootstrap = new BootstrapRatio(5_000, 42);

    @Test
    void sameSamplesGiveRatioOneWithAnIntervalAroundIt() {
        double[][] a = {{100, 103, 98, 101, 99}};
        Interval i = bootstrap.ratioOfMeans(a, a, 0.99);
        assertEquals(1.0, i.estimate(), 1e-12);
        assertTrue(i.lower() < 1 && i.upper() > 1, i.format(3));
        assertFalse(i.excludes(1));
    }

    @Test
    void halvedScoresGiveRatioHalfAndExcludeOne() {
        double[][] a = {{100, 103, 98, 101, 99}};
        double[][] b = {{50, 51.5, 49, 50.5, 49.5}};
        Interval i = bootstrap.ratioOfMeans(a, b, 0.99);
        assertEquals(0.5, i.estimate(), 1e-12);
        assertTrue(i.excludes(1));
        assertTrue(i.lower() > 0.47 && i.upper() < 0.53, i.format(3));
    }

    @Test
    void sameSeedSameInterval() {
        double[][] a = {{10, 12, 9, 11}, {10.5, 11.5, 9.5, 10}};
        double[][] b = {{11, 13, 10, 12}, {12, 11, 10, 13}};
        assertEquals(bootstrap.ratioOfMeans(a, b, 0.99), new BootstrapRatio(5_000, 42).ratioOfMeans(a, b, 0.99));
    }

    @Test
    void oneSampleGivesNoInterval() {
        Interval i = bootstrap.ratioOfMeans(new double[][] {{100}}, new double[][] {{200, 210}}, 0.99);
        assertEquals(2.05, i.estimate(), 1e-12);
        assertFalse(i.hasBounds());
        assertFalse(i.excludes(1), "no interval means no significance claim");
    }

    @Test
    void forkToForkVarianceWidensTheInterval() {
        // two forks that disagree (a JIT decision) versus the same values as if from one fork
        double[][] forks = {{10, 10.2, 9.8, 10.1}, {20, 20.2, 19.8, 20.1}};
        double[][] flat = {{10, 10.2, 9.8, 10.1, 20, 20.2, 19.8, 20.1}};
        double[][] other = {{15, 15.1, 14.9, 15.05}, {15, 15.1, 14.9, 15.05}};
        Interval hierarchical = bootstrap.ratioOfMeans(other, forks, 0.99);
        Interval pooled = bootstrap.ratioOfMeans(other, flat, 0.99);
        assertEquals(hierarchical.estimate(), pooled.estimate(), 1e-12);
        assertTrue(hierarchical.upper() - hierarchical.lower() > pooled.upper() - pooled.lower(),
                hierarchical.format(3) + " vs " + pooled.format(3));
    }

    @Test
    void reciprocalSwapsTheBounds() {
        Interval i = new Interval(2, 1.6, 2.5, 0.99).reciprocal();
        assertEquals(0.5, i.estimate(), 1e-12);
        assertEquals(0.4, i.lower(), 1e-12);
        assertEquals(0.625, i.upper(), 1e-12);
    }
}
