package dev.msgtrans.workbench.results;

import java.util.Locale;

/**
 * Which way a metric improves, read from JMH's mode and unit: a rate ({@code ops/s}, {@code msg/s}) is better higher,
 * a time per operation ({@code us/op}) or an allocation per operation ({@code B/op}) is better lower.
 */
public enum Direction {
    /** Throughput-like: more per unit of time is better. */
    HIGHER_IS_BETTER,
    /** Cost-like: less time (or fewer bytes) per operation is better. */
    LOWER_IS_BETTER;

    /**
     * The direction of a primary metric: JMH's {@code thrpt} mode is a rate; {@code avgt}, {@code sample} and
     * {@code ss} are times per operation. An unknown mode falls back to the unit.
     */
    public static Direction of(String mode, String unit) {
        if (mode != null) {
            switch (mode) {
                case "thrpt" -> {
                    return HIGHER_IS_BETTER;
                }
                case "avgt", "sample", "ss" -> {
                    return LOWER_IS_BETTER;
                }
                default -> { }
            }
        }
        return ofUnit(unit);
    }

    /** From the unit alone: {@code x/op} is a cost, anything else per time is a rate. */
    public static Direction ofUnit(String unit) {
        String u = unit == null ? "" : unit.toLowerCase(Locale.ROOT);
        return u.endsWith("/op") ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
    }
}
