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

    @Test
    void valuesSpanningMoreThanADecadeGetALogAxisAndOthersALinearOneFromZero(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        ChartRenderer.Line wide = new ChartRenderer.Line("cow", new double[] {0, 1}, new double[] {0.5, 60},
                new double[] {Double.NaN, Double.NaN});
        XYChart log = r.buildLineChart("a", "t", "threads", "ops/s", List.of(wide), List.of("1", "2"));
        assertTrue(log.getStyler().isYAxisLogarithmic(), "0.5 to 60 spans more than a decade");
        assertEquals(0.1, log.getStyler().getYAxisMin(), EPS, "from the decade below the smallest value");
        assertEquals("ops/s, log scale", log.getYAxisTitle());
        ChartRenderer.Line narrow = new ChartRenderer.Line("cow", new double[] {0, 1}, new double[] {8, 60},
                new double[] {Double.NaN, Double.NaN});
        XYChart linear = r.buildLineChart("b", "t", "threads", "ops/s", List.of(narrow), List.of("1", "2"));
        assertFalse(linear.getStyler().isYAxisLogarithmic());
        assertEquals(0, linear.getStyler().getYAxisMin(), EPS);

        Map<String, Map<String, Interval>> ratios = new LinkedHashMap<>();
        ratios.put("cow", Map.of("1", new Interval(0.05, 0.04, 0.06, 0.99)));
        ratios.put("lockfree", Map.of("1", new Interval(8, 6, 10, 0.99)));
        XYChart ratioLog = r.buildRatioChart("c", "t", "threads", "x", List.of("1"), ratios);
        assertTrue(ratioLog.getStyler().isYAxisLogarithmic(), "0.04 to 10: 0.05 and 0.65 must not look alike");
        ratios.put("cow", Map.of("1", new Interval(0.5, 0.4, 0.6, 0.99)));
        ratios.put("lockfree", Map.of("1", new Interval(2, 1.5, 2.5, 0.99)));
        XYChart ratioLinear = r.buildRatioChart("d", "t", "threads", "x", List.of("1"), ratios);
        assertFalse(ratioLinear.getStyler().isYAxisLogarithmic());
        assertEquals(0, ratioLinear.getStyler().getYAxisMin(), EPS, "every linear ratio axis starts at zero");

        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("1 thread", new double[] {296e3, 60.9e6});
        CategoryChart barLog = r.buildBarChart("e", "t", "implementation", "msgs/s", List.of("Disruptor", "SPSC"),
                bars, Map.of());
        assertTrue(barLog.getStyler().isYAxisLogarithmic(), "296 k next to 60.9 M");
    }

    @Test
    void smallBarsOnALinearAxisCarryTheirValues(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        Map<String, double[]> bars = new LinkedHashMap<>();
        bars.put("1 thread", new double[] {0, 24});
        CategoryChart small = r.buildBarChart("a", "t", "variant", "B/op", List.of("lockfree", "mutex"), bars,
                Map.of());
        assertFalse(small.getStyler().isYAxisLogarithmic(), "a zero has no place on a log axis");
        assertTrue(small.getStyler().isLabelsVisible(), "0 B/op beside 24 B/op is invisible without its label");
        bars.put("1 thread", new double[] {20, 24});
        CategoryChart even = r.buildBarChart("b", "t", "variant", "B/op", List.of("lockfree", "mutex"), bars,
                Map.of());
        assertFalse(even.getStyler().isLabelsVisible());
    }

    @Test
    void aVariantLooksTheSameOnEveryChartAndBarGroupsNeverTakeAVariantsColour() {
        SeriesStyle a = new SeriesStyle();
        SeriesStyle b = new SeriesStyle();
        b.color("SpscArrayQueue"); // other series first: the variants' looks do not depend on order
        for (String v : List.of("mutex", "rwlock", "lockfree", "cow", "baseline", "phase1", "phase2", "phase3")) {
            assertEquals(a.color(v), b.color(v), v);
            assertEquals(a.marker(v), b.marker(v), v);
        }
        assertFalse(a.color("mutex").equals(a.color("rwlock")) || a.marker("mutex").equals(a.marker("rwlock")),
                "mutex and rwlock differ in colour and in marker");
        java.util.Set<java.awt.Color> variantColours = new java.util.HashSet<>();
        for (String v : List.of("mutex", "rwlock", "lockfree", "cow", "phase1", "phase2", "netty")) {
            variantColours.add(a.color(v));
        }
        for (int i = 0; i < 8; i++) {
            assertFalse(variantColours.contains(SeriesStyle.barGroup(i)), "bar group " + i);
        }
    }

    @Test
    void aRatioIntervalOfManyDecadesIsCutADecadeBeyondTheEstimatesAndSaidSo(@TempDir Path dir) {
        ChartRenderer r = new ChartRenderer(dir);
        Map<String, Map<String, Interval>> ratios = new LinkedHashMap<>();
        ratios.put("cow", Map.of("2", new Interval(0.02, 1e-13, 1e11, 0.99)));
        ratios.put("lockfree", Map.of("2", new Interval(2, 1.5, 2.5, 0.99)));
        XYChart chart = r.buildRatioChart("w", "t", "threads", "x", List.of("2"), ratios);
        XYSeries whisker = chart.getSeriesMap().get("cow CI 0");
        assertEquals(0.002, whisker.getYData()[0], 1e-12, "a decade below the smallest estimate");
        assertEquals(20, whisker.getYData()[1], 1e-9, "a decade above the largest estimate");
        assertTrue(chart.getSeriesMap().containsKey(ChartRenderer.CUT_AT_AXIS));
        assertTrue(chart.getSeriesMap().containsKey(ChartRenderer.CUT_AT_TOP));
        assertEquals(List.of("whiskers cut a decade beyond the estimates and marked with a triangle where the interval"
                + " reaches further (cow (2)): the table has the whole interval"), r.errorBarNotes("w"));
    }
}
