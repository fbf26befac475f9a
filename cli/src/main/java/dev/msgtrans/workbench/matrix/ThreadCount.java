package dev.msgtrans.workbench.matrix;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One value of a matrix entry's {@code "threads"}: a fixed count ({@code 4}) or a count relative to the machine's
 * cores ({@code "cores"}, {@code "cores/2"}, {@code "2*cores"}), so that one matrix measures a 2-core runner at 1, 2
 * and 4 threads and a 64-core one up to 128, instead of stopping at 4 wherever it runs. Immutable.
 *
 * @param spec the value as written: digits, or {@code cores}, {@code cores/N}, {@code N*cores}
 */
public record ThreadCount(String spec) {

    private static final Pattern LITERAL = Pattern.compile("-?\\d+");
    private static final Pattern RELATIVE = Pattern.compile("(?:(\\d+)\\*)?cores(?:/(\\d+))?");

    public ThreadCount {
        spec = spec == null ? null : spec.trim().replace(" ", "");
    }

    /** A fixed count. */
    public static ThreadCount of(int count) {
        return new ThreadCount(Integer.toString(count));
    }

    /** From JSON: a number or a string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ThreadCount fromJson(Object value) {
        return new ThreadCount(value == null ? null : value.toString());
    }

    /** Back to JSON as it was written: a number stays a number. */
    @JsonValue
    Object toJson() {
        return isFixed() ? Integer.valueOf(Integer.parseInt(spec)) : spec;
    }

    /** Whether the count does not depend on the machine. */
    public boolean isFixed() {
        return spec != null && LITERAL.matcher(spec).matches();
    }

    /** Why this is not a valid thread count, or null if it is. */
    String problem() {
        if (spec == null || spec.isEmpty()) {
            return "a thread count is missing";
        }
        if (isFixed()) {
            return Long.parseLong(spec) >= 1 ? null : "thread counts must be positive, got " + spec;
        }
        Matcher m = RELATIVE.matcher(spec);
        if (!m.matches()) {
            return "a thread count is a positive number, \"cores\", \"cores/N\" or \"N*cores\", got \"" + spec + "\"";
        }
        for (int g = 1; g <= 2; g++) {
            if (m.group(g) != null && Integer.parseInt(m.group(g)) < 1) {
                return "the factor in \"" + spec + "\" must be positive";
            }
        }
        return null;
    }

    /**
     * The count on a machine with {@code cores} logical cores: a fraction of the cores rounds down and is at least
     * one thread.
     *
     * @throws IllegalArgumentException if the spec is invalid or {@code cores < 1}
     */
    public int resolve(int cores) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be positive, was " + cores);
        }
        String p = problem();
        if (p != null) {
            throw new IllegalArgumentException(p);
        }
        if (isFixed()) {
            return Integer.parseInt(spec);
        }
        Matcher m = RELATIVE.matcher(spec);
        m.matches();
        long n = (long) cores * (m.group(1) == null ? 1 : Integer.parseInt(m.group(1)));
        n /= m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        return (int) Math.max(1, Math.min(n, Integer.MAX_VALUE));
    }

    @Override
    public String toString() {
        return spec;
    }
}
