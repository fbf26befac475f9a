package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Interval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The data handed to XChart: whole error bars cut only by the axis, the verdict's intervals as whiskers. */
class ChartRendererTest {

    private static final double EPS = 1e-12;

    @Test
    void anErrorLargerThanTheScoreIsDrawnWholeAndCutOnlyAtTheAxis() {
        // 10 ± 25 on a linear axis: 35 at the top, -15 below zero, so cut at zero (capping at the score gave 20)
        ChartRenderer.Whisker w = ChartRenderer.whisker(10, 25, 0, Double.POSITIVE_INFINITY);
        assertEquals(0, w.low(), EPS);
        assertEquals(35, w.high(), EPS);
        assertTrue(w.cutLow());
        assertFalse(w.cutHigh());
        // 10 ± 4 stays inside: 6 to 14, nothing cut
        w = ChartRenderer.whisker(10, 4, 0, Double.POSITIVE_INFINITY);
        assertEquals(6, w.low(), EPS);
        assertEquals(14, w.high(), EPS);
        assertFalse(w.cutLow() || w.cutHigh());
        // an axis stopped at 16 cuts the top as well
        w = ChartRenderer.whisker(10, 25, 0, 16);
        assertEquals(0, w.low(), EPS);
        assertEquals(16, w.high(), EPS);
        assertTrue(w.cutLow() && w.cutHigh());
        // a log axis starting at 1: 100 ± 150 reaches down to -50, cut at 1
        w = ChartRenderer.whisker(100, 150, 1, Double.POSITIVE_INFINITY);
        assertEquals(1, w.low(), EPS);
        assertEquals(250, w.high(), EPS);
        assertTrue(w.cutLow());
        // one fork: NaN error, no bar at all
        assertFalse(ChartRenderer.whisker(10, Double.NaN, 0, Double.POSITIVE_INFINITY).drawn());
    }

    @Test
    void lineChartHandsXChartTheWholeBarAndMarksTheCutAtTheAxis(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        // threads 1 and 2: 10 ± 25 (cut at zero) and 40 with one fork (no bar); the axis top is 1.6 x 40 = 64
        ChartRenderer.Line line = new ChartRenderer.Line("lockfree", new double[] {0, 1}, new double[] {10, 40},
                new double[] {25, Double.NaN});
        XYChart chart = r.buildLineChart("c", "t", "threads", "ops/s", List.of(line), List.of("1", "2"));
        XYSeries bar = chart.getSeriesMap().get("lockfree error 0");
        assertArrayEquals(new double[] {0, 35}, bar.getYData(), EPS);
        assertArrayEquals(new double[] {0, 0}, bar.getXData(), EPS);
        assertEquals(1, chart.getSeriesMap().keySet().stream().filter(k -> k.contains(" error ")).count(),
                "no bar for the one-fork point: " + chart.getSeriesMap().keySet());
        XYSeries cut = chart.getSeriesMap().get(ChartRenderer.CUT_AT_AXIS);
        assertArrayEquals(new double[] {0}, cut.getXData(), EPS);
        assertArrayEquals(new double[] {0}, cut.getYData(), EPS);
        assertFalse(chart.getSeriesMap().containsKey(ChartRenderer.CUT_AT_TOP));
        List<String> notes = r.errorBarNotes("c");
        assertEquals(List.of("cut at zero and marked with a down triangle where they reach below it (lockfree (1))",
                "one fork: no interval for lockfree (2)"), notes);
    }

    @Test
    void lineChartMarksACutAtTheTop(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        // 10 ± 8 reaches 18 above the axis top 1.6 x 10 = 16: cut there, and 2 below zero untouched
        ChartRenderer.Line line = new ChartRenderer.Line("mutex", new double[] {0}, new double[] {10},
                new double[] {8});
        XYChart chart = r.buildLineChart("c", "t", "threads", "ops/s", List.of(line), List.of("1"));
        assertArrayEquals(new double[] {2, 16}, chart.getSeriesMap().get("mutex error 0").getYData(), EPS);
        assertArrayEquals(new double[] {16}, chart.getSeriesMap().get(ChartRenderer.CUT_AT_TOP).getYData(), EPS);
        assertEquals(16, chart.getStyler().getYAxisMax(), EPS);
        List<String> notes = r.errorBarNotes("c");
        assertTrue(notes.get(0).startsWith("cut at the top of the chart and marked"), notes.toString());
    }

    @Test
    void barChartHandsXChartTheWholeErrorAndNamesTheCutBars(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("2 threads", new double[] {10, 40, Double.NaN});
        Map<String, double[]> errors = Map.of("2 threads", new double[] {25, Double.NaN, Double.NaN});
        CategoryChart chart = r.buildBarChart("b", "t", "variant", "ops/s", List.of("a", "b", "c"), values, errors);
        // XChart's bar error is symmetric: handed whole (25, not the score 10); no interval and no point: 0
        assertEquals(List.of(25.0, 0.0, 0.0), new ArrayList<>(chart.getSeriesMap().get("2 threads").getExtraValues()));
        assertEquals(List.of("cut at zero where they reach below it, so without their lower cap (2 threads (a))",
                "one fork: no interval for 2 threads (b)"), r.errorBarNotes("b"));
    }

    @Test
    void barChartWithoutErrorsHasNoErrorBarsAndNothingToSay(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        CategoryChart chart = r.buildBarChart("b", "t", "variant", "B/op", List.of("a"),
                Map.of("all", new double[] {48}), Map.of());
        assertEquals(null, chart.getSeriesMap().get("all").getExtraValues());
        assertTrue(r.errorBarNotes("b").isEmpty());
    }

    @Test
    void ratioWhiskersAreTheGivenIntervalAndARatioWithoutBoundsIsADotAlone(@TempDir Path dir) throws Exception {
        ChartRenderer r = new ChartRenderer(dir);
        Map<String, Interval> byThreads = new LinkedHashMap<>();
        byThreads.put("1", new Interval(1.5, 1.2, 1.9, 0.99));
        byThreads.put("2", Interval.pointOnly(2.0, 0.99));
        XYChart chart = r.buildRatioChart("s", "t", "threads", "x", List.of("1", "2"), Map.of("lockfree", byThreads));
        assertArrayEquals(new double[] {1.2, 1.9}, chart.getSeriesMap().get("lockfree CI 0").getYData(), EPS);
        assertFalse(chart.getSeriesMap().containsKey("lockfree CI 1"), chart.getSeriesMap().keySet().toString());
        assertArrayEquals(new double[] {1.5, 2.0}, chart.getSeriesMap().get("lockfree").getYData(), EPS);
        for (XYSeries s : chart.getSeriesMap().values()) {
            for (double y : s.getYData()) {
                assertTrue(Double.isFinite(y), s.getName());
            }
        }
        assertEquals(List.of("no whisker (fewer than two steady forks on a side) for lockfree (2)"),
                r.errorBarNotes("s"));
        // and it renders
        r.ratioChart("s2", "t", "threads", "x", List.of("1", "2"), Map.of("lockfree", byThreads));
        assertTrue(Files.size(dir.resolve("s2.png")) > 0);
    }
}
