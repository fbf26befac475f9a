package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.stats.Interval;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the report's three chart shapes with XChart and writes each as PNG (for Markdown viewers) and SVG (for
 * print and zoom). Not thread-safe: one renderer per report.
 * <p>
 * Shapes: a line chart of a value against thread count with error bars; a grouped bar chart of a value per
 * category with error bars; a dot-and-whisker chart of ratios with asymmetric confidence intervals (XChart's
 * error bars are symmetric, so each interval is drawn as its own short vertical segment) and a reference line at 1.
 * Error bars are drawn whole and cut only by the axis, never at the score; every cut and every point without an
 * interval is left for the caption ({@link #errorBarNotes}). Legends sit outside the plot so they never cover data;
 * series keep one colour and one marker per name across every chart ({@link SeriesStyle}). A value axis whose
 * values span more than a decade ({@link #LOG_SPAN}) is logarithmic, and says so in its title; a linear one starts
 * at zero.
 */
final class ChartRenderer {

    static final int WIDTH = 900;
    static final int HEIGHT = 480;

    /** The value axis stops at this multiple of the largest score; longer error bars are cut (and said so). */
    static final double CLIP = 1.6;

    /** Values spanning more than this factor get a log value axis, so the small ones stay visible. */
    static final double LOG_SPAN = 10;
    /** A ratio chart's whiskers reach at most this factor beyond the estimates (and 1); the rest is cut, marked. */
    static final double RATIO_REACH = 10;
    /** On a linear axis, bars smaller than this share of the largest carry their value as a label. */
    static final double SMALL_BAR = 0.03;

    private final Path dir;
    private final List<String> written = new ArrayList<>();
    private final SeriesStyle styles = new SeriesStyle();
    private final Map<String, Notes> notes = new LinkedHashMap<>();

    ChartRenderer(Path chartsDir) {
        this.dir = chartsDir;
        try {
            Files.createDirectories(chartsDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + chartsDir, e);
        }
    }

    /** One series of a line chart: x values, y values, symmetric errors (NaN: none). */
    record Line(String name, double[] x, double[] y, double[] error) {
    }

    /**
     * An error bar as drawn: the whole of {@code score ± error}, cut only where it leaves the value axis, with the
     * cut ends flagged so that the chart can mark them. A bar capped at the score would hide the very noise it is
     * there to show.
     *
     * @param low     the lower end as drawn (NaN: no bar)
     * @param high    the upper end as drawn (NaN: no bar)
     * @param cutLow  whether the axis minimum cut the lower end
     * @param cutHigh whether the axis maximum cut the upper end
     */
    record Whisker(double low, double high, boolean cutLow, boolean cutHigh) {

        /** No interval (fewer than two forks): nothing to draw. */
        static final Whisker NONE = new Whisker(Double.NaN, Double.NaN, false, false);

        boolean drawn() {
            return !Double.isNaN(low) && !Double.isNaN(high);
        }
    }

    /**
     * The error bar of {@code y ± error} on a value axis from {@code axisMin} (0 on a linear axis, the minimum on a
     * log axis) to {@code axisMax} (infinite when the axis is not cut at the top).
     */
    static Whisker whisker(double y, double error, double axisMin, double axisMax) {
        if (!Double.isFinite(y) || !Double.isFinite(error)) {
            return Whisker.NONE;
        }
        double lo = y - Math.abs(error);
        double hi = y + Math.abs(error);
        return new Whisker(Math.max(lo, axisMin), Math.min(hi, axisMax), lo < axisMin, hi > axisMax);
    }

    /** Legend names of the marks at cut whisker ends (one series each, so the legend explains them). */
    static final String CUT_AT_AXIS = "bar cut at axis";
    static final String CUT_AT_TOP = "bar cut at top";

    /**
     * Value against threads, one line per series, with error bars. Thread counts are placed evenly (1, 2, 4 like a
     * log2 axis), which is how scaling is read.
     *
     * @param xLabels the thread counts, ascending, as labels; each line's {@code x} holds indexes into them
     */
    String lineChart(String name, String title, String xTitle, String yTitle, List<Line> lines, List<String> xLabels) {
        return save(buildLineChart(name, title, xTitle, yTitle, lines, xLabels), name);
    }

    /**
     * The line chart as handed to XChart. XChart's own error bars are symmetric and cannot stop at the axis, so each
     * bar is its own two-point series (whole, cut only at the axis); cut ends get a triangle in a legend series.
     */
    XYChart buildLineChart(String name, String title, String xTitle, String yTitle, List<Line> lines,
                           List<String> xLabels) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        categoryAxis(chart, xLabels);
        double maxY = 0;
        double minY = Double.POSITIVE_INFINITY;
        for (Line l : lines) {
            for (double y : l.y()) {
                maxY = Double.isFinite(y) ? Math.max(maxY, y) : maxY;
                minY = Double.isFinite(y) && y > 0 ? Math.min(minY, y) : minY;
            }
        }
        double axisMin = valueAxis(chart, yTitle, minY, maxY);
        boolean tall = false;
        for (Line l : lines) {
            for (int i = 0; i < l.y().length; i++) {
                tall |= Double.isFinite(l.error()[i]) && l.y()[i] + Math.abs(l.error()[i]) > maxY * CLIP;
            }
        }
        // JMH-style t intervals over a few forks can dwarf the scores: keep the scores readable, mark the cut
        double top = tall ? maxY * CLIP : Double.POSITIVE_INFINITY;
        Notes notes = notes(name, true, ONE_FORK);
        notes.logAxis = axisMin > 0;
        List<double[]> cutLow = new ArrayList<>();
        List<double[]> cutHigh = new ArrayList<>();
        int bar = 0;
        for (Line l : lines) {
            Color c = color(l.name());
            for (int i = 0; i < l.y().length; i++) {
                if (!Double.isFinite(l.y()[i])) {
                    continue;
                }
                Whisker w = whisker(l.y()[i], l.error()[i], axisMin, top);
                if (!w.drawn()) {
                    notes.oneFork.add(l.name() + " (" + label(xLabels, l.x()[i]) + ")");
                    continue;
                }
                if (w.high() > w.low()) {
                    XYSeries s = chart.addSeries(l.name() + " error " + bar++, new double[] {l.x()[i], l.x()[i]},
                            new double[] {w.low(), w.high()});
                    s.setShowInLegend(false);
                    s.setMarker(SeriesMarkers.NONE);
                    s.setLineColor(c);
                    s.setLineStyle(new BasicStroke(1.5f));
                }
                if (w.cutLow()) {
                    cutLow.add(new double[] {l.x()[i], w.low()});
                    notes.cutAtAxis.add(l.name() + " (" + label(xLabels, l.x()[i]) + ")");
                }
                if (w.cutHigh()) {
                    cutHigh.add(new double[] {l.x()[i], w.high()});
                    notes.cutAtTop = true;
                }
            }
        }
        for (Line l : lines) {
            XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
            s.setLineColor(color(l.name()));
            s.setMarkerColor(color(l.name()));
            s.setMarker(styles.marker(l.name()));
            s.setLineStyle(new BasicStroke(2f));
        }
        marks(chart, CUT_AT_AXIS, cutLow, SeriesMarkers.TRIANGLE_DOWN);
        marks(chart, CUT_AT_TOP, cutHigh, SeriesMarkers.TRIANGLE_UP);
        if (tall) {
            chart.getStyler().setYAxisMax(top);
        }
        return chart;
    }

    /** A scatter series of marks at cut whisker ends, named in the legend. */
    private static void marks(XYChart chart, String name, List<double[]> points, Marker m) {
        if (points.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, points.stream().mapToDouble(p -> p[0]).toArray(),
                points.stream().mapToDouble(p -> p[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(m);
        s.setMarkerColor(Color.DARK_GRAY);
    }

    /** The category label nearest a dodged x position. */
    private static String label(List<String> labels, double x) {
        int i = (int) Math.round(x);
        return i >= 0 && i < labels.size() ? labels.get(i) : Double.toString(x);
    }

    /**
     * Grouped bars: one group per category, one bar per series, with symmetric error bars (NaN: none; no entry in
     * {@code errors}: a chart without error bars).
     */
    String barChart(String name, String title, String xTitle, String yTitle, List<String> categories,
                    Map<String, double[]> values, Map<String, double[]> errors) {
        return save(buildBarChart(name, title, xTitle, yTitle, categories, values, errors), name);
    }

    /**
     * The bar chart as handed to XChart. Its category bars take symmetric error bars only and no marks beside them,
     * so a bar is handed over whole: the plot cuts what falls below zero (the lower cap is then missing) and the
     * caption names those bars ({@link #errorBarNotes}).
     */
    CategoryChart buildBarChart(String name, String title, String xTitle, String yTitle, List<String> categories,
                                Map<String, double[]> values, Map<String, double[]> errors) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        if (categories.size() * Math.max(6, longest) > 90) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        boolean oneSeries = values.size() == 1;
        int index = 0;
        double maxY = 0;
        double minY = Double.POSITIVE_INFINITY;
        double smallest = Double.POSITIVE_INFINITY;
        boolean zero = false;
        for (double[] v : values.values()) {
            for (double d : v) {
                maxY = Double.isFinite(d) ? Math.max(maxY, d) : maxY;
                minY = Double.isFinite(d) && d > 0 ? Math.min(minY, d) : minY;
                smallest = Double.isFinite(d) ? Math.min(smallest, d) : smallest;
                zero |= d == 0;
            }
        }
        // a zero has no place on a log axis: with one, the axis stays linear
        double axisMin = valueAxis(chart, yTitle, zero ? 0 : minY, maxY);
        // Tiny bars vanish on a linear axis: then every bar carries its value (a log axis keeps them visible).
        chart.getStyler().setLabelsVisible(axisMin == 0 && smallest < maxY * SMALL_BAR);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        boolean tall = false;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] v = e.getValue();
            double[] err = errors.get(e.getKey());
            for (int i = 0; err != null && i < v.length; i++) {
                tall |= Double.isFinite(v[i]) && Double.isFinite(err[i]) && v[i] + Math.abs(err[i]) > maxY * CLIP;
            }
        }
        double top = tall ? maxY * CLIP : Double.POSITIVE_INFINITY;
        Notes notes = notes(name, false, ONE_FORK);
        notes.logAxis = axisMin > 0;
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] v = e.getValue().clone();
            double[] err = errors.get(e.getKey());
            double[] handed = new double[v.length];
            for (int i = 0; err != null && i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    continue;
                }
                Whisker w = whisker(v[i], err[i], axisMin, top);
                String point = e.getKey() + " (" + categories.get(i) + ")";
                if (!w.drawn()) {
                    notes.oneFork.add(point);
                    continue;
                }
                // XChart's bars take symmetric errors and cannot draw below a log axis: hand over what fits
                handed[i] = axisMin > 0 ? Math.min(Math.abs(err[i]), v[i] - axisMin) : Math.abs(err[i]);
                if (w.cutLow()) {
                    notes.cutAtAxis.add(point);
                }
                notes.cutAtTop |= w.cutHigh();
            }
            for (int i = 0; i < v.length; i++) {
                // a missing point is an absent bar, not a zero one
                v[i] = Double.isNaN(v[i]) ? axisMin : v[i];
            }
            var s = err == null ? chart.addSeries(e.getKey(), categories, toList(v))
                    : chart.addSeries(e.getKey(), categories, toList(v), toList(handed));
            // bars are thread counts or configurations (greys, by position); a variant keeps its own colour
            s.setFillColor(SeriesStyle.isVariant(e.getKey()) ? color(e.getKey()) : SeriesStyle.barGroup(index++));
        }
        if (oneSeries) {
            chart.getStyler().setLegendVisible(false);
        }
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        if (tall) {
            chart.getStyler().setYAxisMax(top);
        }
        return chart;
    }

    /**
     * Ratios with their confidence intervals, one dot per (category, series), a dashed reference line at 1.
     *
     * @param ratios series name -> category -> interval (missing categories are skipped)
     */
    String ratioChart(String name, String title, String xTitle, String yTitle, List<String> categories,
                      Map<String, Map<String, Interval>> ratios) {
        return save(buildRatioChart(name, title, xTitle, yTitle, categories, ratios), name);
    }

    /**
     * The ratio chart as handed to XChart: the whiskers are exactly the intervals given (the ones the verdicts
     * used); a ratio without bounds is a dot alone, never a whisker with NaN ends.
     */
    XYChart buildRatioChart(String name, String title, String xTitle, String yTitle, List<String> categories,
                            Map<String, Map<String, Interval>> ratios) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        style(chart.getStyler());
        categoryAxis(chart, categories);
        Notes notes = notes(name, true, "no whisker (fewer than two steady forks on a side) for ");
        // Whiskers stop a decade beyond the estimates (and 1): an interval from two wild forks can span 24 decades,
        // which would flatten every estimate into one line. The cut ends are marked and named in the caption.
        double estLo = 1;
        double estHi = 1;
        for (Map<String, Interval> m : ratios.values()) {
            for (Interval iv : m.values()) {
                if (iv != null && Double.isFinite(iv.estimate()) && iv.estimate() > 0) {
                    estLo = Math.min(estLo, iv.estimate());
                    estHi = Math.max(estHi, iv.estimate());
                }
            }
        }
        double floor = estLo / RATIO_REACH;
        double ceiling = estHi * RATIO_REACH;
        double lo = estLo;
        double hi = estHi;
        List<double[]> cutLow = new ArrayList<>();
        List<double[]> cutHigh = new ArrayList<>();
        int n = ratios.size();
        int k = 0;
        for (Map.Entry<String, Map<String, Interval>> e : ratios.entrySet()) {
            // dodge the series sideways so their whiskers do not overlap
            double offset = n == 1 ? 0 : (k - (n - 1) / 2.0) * Math.min(0.5 / n, 0.15);
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            Color c = color(e.getKey());
            for (int i = 0; i < categories.size(); i++) {
                Interval iv = e.getValue().get(categories.get(i));
                if (iv == null || !Double.isFinite(iv.estimate())) {
                    continue;
                }
                xs.add(i + offset);
                ys.add(iv.estimate());
                if (iv.hasBounds()) {
                    double low = Math.max(iv.lower(), floor);
                    double high = Math.min(iv.upper(), ceiling);
                    lo = Math.min(lo, low);
                    hi = Math.max(hi, high);
                    String point = e.getKey() + " (" + categories.get(i) + ")";
                    if (iv.lower() < floor) {
                        cutLow.add(new double[] {i + offset, low});
                        notes.cutAtAxis.add(point);
                    }
                    if (iv.upper() > ceiling) {
                        cutHigh.add(new double[] {i + offset, high});
                        if (!notes.cutAtAxis.contains(point)) {
                            notes.cutAtAxis.add(point);
                        }
                    }
                    XYSeries w = chart.addSeries(e.getKey() + " CI " + i, List.of(i + offset, i + offset),
                            List.of(low, high));
                    w.setShowInLegend(false);
                    w.setMarker(SeriesMarkers.NONE);
                    w.setLineColor(c);
                    w.setLineStyle(new BasicStroke(2.5f));
                } else {
                    notes.oneFork.add(e.getKey() + " (" + categories.get(i) + ")");
                }
            }
            if (!xs.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), xs, ys);
                s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                s.setMarker(styles.marker(e.getKey()));
                s.setMarkerColor(c);
            }
            k++;
        }
        marks(chart, CUT_AT_AXIS, cutLow, SeriesMarkers.TRIANGLE_DOWN);
        marks(chart, CUT_AT_TOP, cutHigh, SeriesMarkers.TRIANGLE_UP);
        notes.logAxis = hi / lo > LOG_SPAN;
        notes.reach = true;
        XYSeries one = chart.addSeries("1 (no change)", List.of(-AXIS_PAD, categories.size() - 1 + AXIS_PAD),
                List.of(1.0, 1.0));
        one.setMarker(SeriesMarkers.NONE);
        one.setLineColor(Color.GRAY);
        one.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        if (hi / lo > LOG_SPAN) {
            // 0.05 and 0.5 look alike on a linear axis; on a log axis 2x faster and 2x slower sit equally far from 1
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisDecimalPattern("#,##0.#####");
            chart.setYAxisTitle(yTitle + ", log scale");
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))));
            chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
        } else {
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setYAxisMax(hi * 1.1 + 1e-9);
        }
        return chart;
    }

    /**
     * An HdrHistogram-style percentile plot: one line per series, x the percentile on a log scale of
     * {@code 1 / (1 - p)} (labelled 90%, 99%, 99.9%, ...), y the value on a log scale.
     *
     * @param curves series name -> points {percentile (0-100, below 100), value}
     */
    String percentileChart(String name, String title, Map<String, double[][]> curves) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("percentile (log scale of 1 / (1 - p))").yAxisTitle("latency (us, log scale)").build();
        style(chart.getStyler());
        // XChart draws a log axis only without a label function, so x is log10(1 / (1 - p)) on a linear axis:
        // 0 = 0%, 1 = 90%, 2 = 99%, 3 = 99.9%, 4 = 99.99%; the spacing hint makes its grid step 1
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(4.0);
        chart.getStyler().setXAxisTickMarkSpacingHint(150);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            long i = Math.round(v);
            if (Math.abs(v - i) < 1e-6 && i >= 0 && i <= 6) {
                return new java.text.DecimalFormat("0.######", java.text.DecimalFormatSymbols.getInstance(
                        java.util.Locale.ROOT)).format(100 * (1 - Math.pow(10, -i))) + "%";
            }
            // XChart refuses empty labels and drops all of them when two are equal: distinct invisible ones
            return "\u200B".repeat(1 + (int) Math.floorMod(Math.round(v * 1000), 997));
        });
        chart.getStyler().setYAxisDecimalPattern("#,##0.#");
        for (Map.Entry<String, double[][]> e : curves.entrySet()) {
            double[][] pts = e.getValue();
            if (pts.length == 0) {
                continue;
            }
            double[] x = new double[pts.length];
            double[] y = new double[pts.length];
            for (int i = 0; i < pts.length; i++) {
                x[i] = -Math.log10(1 - pts[i][0] / 100);
                y[i] = pts[i][1];
            }
            XYSeries s = chart.addSeries(e.getKey(), x, y);
            s.setLineColor(color(e.getKey()));
            s.setMarkerColor(color(e.getKey()));
            s.setMarker(styles.marker(e.getKey()));
            s.setLineStyle(new BasicStroke(2f));
        }
        return save(chart, name);
    }

    /**
     * What a chart's caption must say about its error bars, so that no cut and no missing interval goes unsaid: the
     * bars cut at zero, the cut at the top, the points without an interval. Empty when there is nothing to say.
     */
    List<String> errorBarNotes(String name) {
        Notes n = notes.get(name);
        List<String> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (n.reach && !n.cutAtAxis.isEmpty()) {
            out.add("whiskers cut a decade beyond the estimates and marked with a triangle where the interval reaches"
                    + " further (" + String.join(", ", n.cutAtAxis) + "): the table has the whole interval");
            if (!n.oneFork.isEmpty()) {
                out.add(n.why + String.join(", ", n.oneFork));
            }
            return out;
        }
        if (!n.cutAtAxis.isEmpty()) {
            String axis = n.logAxis ? "the bottom of the log axis" : "zero";
            out.add((n.marked ? "cut at " + axis + " and marked with a down triangle where they reach below it ("
                    : n.logAxis ? "cut at " + axis + " where they reach below it: their upper half is drawn shortened"
                    + " by as much, the full interval is in the table ("
                    : "cut at zero where they reach below it, so without their lower cap (")
                    + String.join(", ", n.cutAtAxis) + ")");
        }
        if (n.cutAtTop) {
            out.add((n.marked ? "cut at the top of the chart and marked with an up triangle" : "cut at the top of the"
                    + " chart") + " where they exceed it: the scores stay readable");
        }
        if (!n.oneFork.isEmpty()) {
            out.add(n.why + String.join(", ", n.oneFork));
        }
        return out;
    }

    /** Every file written so far, relative to the charts directory. */
    List<String> written() {
        return List.copyOf(written);
    }

    /** Distance between the first and last category and the plot's edges, in category widths. */
    private static final double AXIS_PAD = 0.5;

    /**
     * An XY chart's x axis used as a category axis: category i at x = i, one tick per category. XChart places the
     * ticks itself from a spacing hint (pixels per tick); the hint below makes its grid step 1 for a plot about
     * 650 px wide, and any tick that still falls between categories gets a distinct blank label (XChart drops all
     * labels when two are equal).
     */
    private static void categoryAxis(XYChart chart, List<String> categories) {
        double span = categories.size() - 1 + 2 * AXIS_PAD;
        chart.getStyler().setXAxisMin(-AXIS_PAD);
        chart.getStyler().setXAxisMax(categories.size() - 1 + AXIS_PAD);
        chart.getStyler().setXAxisTickMarkSpacingHint((int) Math.max(20, Math.round(650 / span * 1.05)));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> {
            long i = Math.round(v);
            if (Math.abs(v - i) < 1e-6 && i >= 0 && i < categories.size()) {
                return categories.get((int) i);
            }
            return "\u200B".repeat(1 + (int) Math.floorMod(Math.round(v * 1000), 997));
        });
    }

    private Color color(String series) {
        return styles.color(series);
    }

    /**
     * Sets the value axis from the smallest positive and the largest value: logarithmic, from the decade below the
     * smallest, when they span more than {@link #LOG_SPAN}; linear from zero otherwise.
     *
     * @return the axis minimum: 0 on a linear axis
     */
    private static double valueAxis(Chart<? extends AxesChartStyler, ?> chart, String yTitle, double minY, double maxY) {
        if (minY > 0 && Double.isFinite(minY) && maxY / minY > LOG_SPAN) {
            double min = Math.pow(10, Math.floor(Math.log10(minY)));
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(min);
            chart.setYAxisTitle(yTitle + ", log scale");
            return min;
        }
        chart.getStyler().setYAxisMin(0.0);
        return 0;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Color.LIGHT_GRAY);
        s.setPlotGridLinesColor(new Color(0xE5E5E5));
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAntiAlias(true);
        s.setYAxisDecimalPattern("#,##0.###");
    }

    /** What the drawing of one chart left for its caption to say. */
    private static final class Notes {
        /** Whether cut ends carry a mark (XY charts) or only lack their cap (category bars). */
        final boolean marked;
        final List<String> cutAtAxis = new ArrayList<>();
        final List<String> oneFork = new ArrayList<>();
        /** Why {@link #oneFork}'s points have no bar, said before them. */
        final String why;
        boolean cutAtTop;
        /** Whether the value axis is logarithmic (cut ends sit at its bottom, not at zero). */
        boolean logAxis;
        /** A ratio chart: whiskers are cut a decade beyond the estimates, not at the axis. */
        boolean reach;

        Notes(boolean marked, String why) {
            this.marked = marked;
            this.why = why;
        }
    }

    /** A throughput point with fewer than two forks has no t interval (its JMH error is NaN). */
    private static final String ONE_FORK = "one fork: no interval for ";

    private Notes notes(String name, boolean marked, String why) {
        Notes n = new Notes(marked, why);
        notes.put(name, n);
        return n;
    }

    private String save(Chart<?, ?> chart, String name) {
        try {
            BitmapEncoder.saveBitmap(chart, dir.resolve(name + ".png").toString(), BitmapEncoder.BitmapFormat.PNG);
            VectorGraphicsEncoder.saveVectorGraphic(chart, dir.resolve(name + ".svg").toString(),
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + name, e);
        }
        written.add(name + ".png");
        written.add(name + ".svg");
        return name;
    }

    private static List<Double> toList(double[] v) {
        List<Double> out = new ArrayList<>(v.length);
        for (double d : v) {
            out.add(d);
        }
        return out;
    }
}
