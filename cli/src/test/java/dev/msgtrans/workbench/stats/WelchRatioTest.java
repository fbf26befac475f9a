package dev.msgtrans.workbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WelchRatioTest {

    @Test
    void studentQuantilesMatchTheTables() {
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-3);
        assertEquals(2.2281, StudentT.quantile(0.975, 10), 1e-3);
        assertEquals(4.6041, StudentT.quantile(0.995, 4), 1e-3);
        assertEquals(2.5758, StudentT.quantile(0.995, 1e7), 1e-3);
        assertEquals(0.5, StudentT.cdf(0, 3.7), 1e-12);
    }

    @Test
    void forkMeansAreTheReplicatesWhenBothSidesHaveForks() {
        double[][] a = {{100, 101}, {110, 111}, {90, 91}};
        double[][] b = {{50, 51}, {55, 56}, {45, 46}};
        WelchRatio.Result r = WelchRatio.ratio(a, b, 0.99);
        assertEquals(WelchRatio.Replicates.FORK_MEANS, r.replicates());
        assertEquals(3, r.na());
        assertEquals(0.5, r.interval().estimate(), 0.01);
        assertTrue(r.interval().excludes(1), r.interval().format(3));
    }

    @Test
    void forksThatDisagreeGiveAWideInterval() {
        // two runs whose forks drifted with the machine's load: no conclusion should be drawn
        double[][] a = {{89, 90}, {101, 100}, {99, 100}};
        double[][] b = {{72, 71}, {53, 54}, {65, 66}};
        Interval i = WelchRatio.ratio(a, b, 0.99).interval();
        assertFalse(i.excludes(1), i.format(3));
    }

    @Test
    void oneForkFallsBackToIterations() {
        WelchRatio.Result r = WelchRatio.ratio(new double[][] {{10, 11, 9, 10}}, new double[][] {{20, 22, 18, 20}},
                0.99);
        assertEquals(WelchRatio.Replicates.ITERATIONS, r.replicates());
        assertEquals(4, r.nb());
        assertTrue(r.interval().excludes(1));
    }

    @Test
    void identicalSidesGiveExactlyOne() {
        double[][] a = {{10, 11, 9}};
        Interval i = WelchRatio.ratio(a, a, 0.99).interval();
        assertEquals(1.0, i.estimate(), 1e-12);
        assertFalse(i.excludes(1));
    }
}
