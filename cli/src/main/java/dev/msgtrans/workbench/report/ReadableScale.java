package dev.msgtrans.workbench.report;

import java.util.Locale;

/**
 * One readable scale for all the values of a chart or a cell: per-second rates shown as {@code 12.3 M msgs/s}
 * rather than {@code 1.23E7 ops/s}. Immutable.
 *
 * @param divisor what values are divided by (1, 1e3, 1e6, 1e9)
 * @param prefix  the matching prefix: {@code ""}, {@code k}, {@code M}, {@code G}
 */
public record ReadableScale(double divisor, String prefix) {

    /** The scale that puts {@code max} between 1 and 1000. */
    public static ReadableScale forMax(double max) {
        double a = Math.abs(max);
        if (a >= 1e9) {
            return new ReadableScale(1e9, "G");
        } else if (a >= 1e6) {
            return new ReadableScale(1e6, "M");
        } else if (a >= 1e3) {
            return new ReadableScale(1e3, "k");
        }
        return new ReadableScale(1, "");
    }

    /** The unit with this scale's prefix: {@code M msgs/s}. */
    public String unit(String baseUnit) {
        return prefix.isEmpty() ? baseUnit : prefix + " " + baseUnit;
    }

    public double apply(double v) {
        return v / divisor;
    }

    /** {@code 12.3 M msgs/s}: three significant digits in its own scale. */
    public static String format(double value, String baseUnit) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        ReadableScale s = forMax(value);
        return significant(s.apply(value)) + " " + s.unit(baseUnit);
    }

    /** Three significant digits, no exponent. */
    public static String significant(double v) {
        double a = Math.abs(v);
        if (a >= 100 || a == 0) {
            return String.format(Locale.ROOT, "%,.0f", v);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
