package dev.msgtrans.workbench.results;

import java.util.Locale;

/**
 * Converts JMH score units to one base per kind, so results measured with different {@code @OutputTimeUnit}s can be
 * compared and charted together: rates to <em>per second</em> ({@code ops/us} x 1e6), times to <em>nanoseconds per
 * operation</em> ({@code ms/op} x 1e6). Other units ({@code B/op}, {@code MB/sec}, {@code counts}) pass unchanged.
 */
public final class ScoreUnits {

    private ScoreUnits() {
    }

    /**
     * The factor that turns a value in {@code unit} into its base unit ({@link #baseUnit}); 1 for units it does not
     * know.
     */
    public static double toBaseFactor(String unit) {
        if (unit == null) {
            return 1;
        }
        String u = unit.trim().toLowerCase(Locale.ROOT);
        int slash = u.indexOf('/');
        if (slash < 0) {
            return 1;
        }
        String num = u.substring(0, slash);
        String den = u.substring(slash + 1);
        if ("op".equals(den)) {
            // time per operation, to ns/op
            double perSecond = secondsOf(num);
            return Double.isNaN(perSecond) ? 1 : perSecond * 1e9;
        }
        double seconds = secondsOf(den);
        // a rate, to per second: x per microsecond is x * 1e6 per second
        return Double.isNaN(seconds) ? 1 : 1 / seconds;
    }

    /** The base unit {@link #toBaseFactor} converts to: {@code ops/s}, {@code ns/op}, or the unit itself. */
    public static String baseUnit(String unit) {
        if (unit == null) {
            return "";
        }
        String u = unit.trim();
        int slash = u.indexOf('/');
        if (slash < 0) {
            return u;
        }
        String num = u.substring(0, slash);
        String den = u.substring(slash + 1).toLowerCase(Locale.ROOT);
        if ("op".equals(den)) {
            return Double.isNaN(secondsOf(num.toLowerCase(Locale.ROOT))) ? u : "ns/op";
        }
        return Double.isNaN(secondsOf(den)) ? u : num + "/s";
    }

    /** Seconds in one of JMH's time unit abbreviations, or NaN. */
    private static double secondsOf(String timeUnit) {
        return switch (timeUnit) {
            case "ns" -> 1e-9;
            case "us", "\u00b5s" -> 1e-6;
            case "ms" -> 1e-3;
            case "s", "sec" -> 1;
            case "min" -> 60;
            case "hr", "h" -> 3600;
            case "day", "d" -> 86400;
            default -> Double.NaN;
        };
    }
}
