package dev.msgtrans.workbench.report;

import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a series looks on every chart of a report: each variant and preset has one colour and one marker wherever
 * it appears, so a reader learns them once. Colours are Okabe and Ito's colour-blind-safe set; no two variants
 * that share a chart rely on colour alone, since each has its own marker too. A preset that is made of one
 * variant throughout ({@code baseline}: all mutex, {@code phase3}: all lockfree) looks like that variant.
 * <p>
 * Other named series (the shoot-out's implementations, a benchmark's methods) take the remaining colours in order;
 * they never share a chart with the variants. Bars that stand for thread counts or configurations within a
 * variant's group are greys ({@link #barGroup}), darker first, so that no colour means a variant on one chart and
 * "2 threads" on another.
 */
final class SeriesStyle {

    private record Look(Color color, Marker marker) {
    }

    private static final Color VERMILLION = new Color(0xD55E00);
    private static final Color BLUISH_GREEN = new Color(0x009E73);
    private static final Color BLUE = new Color(0x0072B2);
    private static final Color REDDISH_PURPLE = new Color(0xCC79A7);
    private static final Color ORANGE = new Color(0xE69F00);
    private static final Color SKY_BLUE = new Color(0x56B4E9);

    private static final Map<String, Look> VARIANTS = Map.ofEntries(
            Map.entry("mutex", new Look(VERMILLION, SeriesMarkers.CIRCLE)),
            Map.entry("rwlock", new Look(BLUISH_GREEN, SeriesMarkers.SQUARE)),
            Map.entry("lockfree", new Look(BLUE, SeriesMarkers.DIAMOND)),
            Map.entry("cow", new Look(REDDISH_PURPLE, SeriesMarkers.TRIANGLE_UP)),
            Map.entry("chm", new Look(new Color(0x999999), SeriesMarkers.CROSS)),
            Map.entry("netty", new Look(Color.BLACK, SeriesMarkers.PLUS)),
            Map.entry("baseline", new Look(VERMILLION, SeriesMarkers.CIRCLE)),
            Map.entry("phase1", new Look(ORANGE, SeriesMarkers.SQUARE)),
            Map.entry("phase2", new Look(SKY_BLUE, SeriesMarkers.TRIANGLE_DOWN)),
            Map.entry("phase3", new Look(BLUE, SeriesMarkers.DIAMOND)));

    /** For other named series, in order of appearance. */
    private static final Color[] OTHERS = {BLUE, VERMILLION, BLUISH_GREEN, REDDISH_PURPLE, ORANGE, SKY_BLUE,
            Color.BLACK, new Color(0x8C564B), new Color(0x999999), new Color(0x44546A)};
    private static final Marker[] OTHER_MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
            SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.OVAL, SeriesMarkers.RECTANGLE,
            SeriesMarkers.TRAPEZOID, SeriesMarkers.CROSS, SeriesMarkers.PLUS};
    /** For bars that are thread counts or configurations: dark to light greys. */
    private static final Color[] GREYS = {new Color(0x3A3A3A), new Color(0x8A8A8A), new Color(0xBDBDBD),
            new Color(0x5E5E5E), new Color(0xA4A4A4), new Color(0xD6D6D6)};

    private final Map<String, Look> others = new LinkedHashMap<>();

    /** Whether {@code series} is a variant or preset with a fixed look. */
    static boolean isVariant(String series) {
        return VARIANTS.containsKey(key(series));
    }

    Color color(String series) {
        return look(series).color();
    }

    Marker marker(String series) {
        return look(series).marker();
    }

    /** The fill of the {@code index}-th bar of a group (a thread count or configuration, not a variant). */
    static Color barGroup(int index) {
        return GREYS[index % GREYS.length];
    }

    private Look look(String series) {
        Look fixed = VARIANTS.get(key(series));
        if (fixed != null) {
            return fixed;
        }
        return others.computeIfAbsent(key(series), k -> {
            int i = others.size();
            return new Look(OTHERS[i % OTHERS.length], OTHER_MARKERS[i % OTHER_MARKERS.length]);
        });
    }

    private static String key(String series) {
        return series.toLowerCase(Locale.ROOT);
    }
}
