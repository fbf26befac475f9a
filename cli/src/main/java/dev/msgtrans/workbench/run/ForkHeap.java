package dev.msgtrans.workbench.run;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The heap every benchmark fork gets: a fixed size ({@code -Xms} = {@code -Xmx}) and a fixed young generation
 * ({@code -Xmn}), or the JVM's own ergonomics.
 * <p>
 * Why fixed: a JVM touches a page of its heap for the first time only when it allocates there, and where first
 * touches are slow (virtual machines) an allocating benchmark runs at a fraction of its speed until its eden has
 * been touched once. Under ergonomic sizing the collector keeps growing the young generation into untouched memory,
 * at moments that differ from fork to fork, so the same code scores bimodally; with a fixed, modest young
 * generation every fork pays the first touch once, in its first few hundred milliseconds, where the warm-up and the
 * steady-state segmentation discard it. The same heap on every side also keeps the collector's sizing decisions out
 * of a comparison. {@code docs/verdicts.md} has the measurement. Immutable.
 *
 * @param heap  {@code -Xms}/{@code -Xmx} value, e.g. {@code 1g}; null for the JVM's ergonomics
 * @param young {@code -Xmn} value, e.g. {@code 128m}; null with {@code heap} null
 */
public record ForkHeap(String heap, String young) {

    // before the constants below, which the constructor validates with it
    private static final Pattern SIZE = Pattern.compile("\\d+[kKmMgG]");

    /** The workbench's default: 2 GiB heap (reserved; only what is touched is resident), 128 MiB young generation. */
    public static final ForkHeap DEFAULT = new ForkHeap("2g", "128m");

    /** No heap flags: the JVM sizes the heap itself. */
    public static final ForkHeap ERGONOMIC = new ForkHeap(null, null);

    public ForkHeap {
        if ((heap == null) != (young == null)) {
            throw new IllegalArgumentException("give both a heap and a young generation size, or neither");
        }
        if (heap != null && (!SIZE.matcher(heap).matches() || !SIZE.matcher(young).matches())) {
            throw new IllegalArgumentException("sizes look like 1g or 128m, got heap '" + heap + "', young '" + young
                    + "'");
        }
        if (heap != null && bytes(young) >= bytes(heap)) {
            throw new IllegalArgumentException("the young generation (" + young + ") must be smaller than the heap ("
                    + heap + ")");
        }
    }

    /**
     * Parses {@code --heap}: {@code HEAP/YOUNG} (e.g. {@code 1g/128m}) or {@code ergonomic}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static ForkHeap parse(String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase("ergonomic")) {
            return ERGONOMIC;
        }
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--heap takes HEAP/YOUNG (e.g. 1g/128m) or 'ergonomic', got '" + text
                    + "'");
        }
        return new ForkHeap(t.substring(0, slash), t.substring(slash + 1));
    }

    /**
     * The heap that a fork's recorded JVM arguments start with ({@link #jvmArgs} as this class writes them), or
     * {@link #ERGONOMIC} when they do not start with one (runs made before the fork heap was fixed).
     */
    public static ForkHeap leading(List<String> args) {
        if (args.size() >= 3 && args.get(0).startsWith("-Xms") && args.get(1).startsWith("-Xmx")
                && args.get(2).startsWith("-Xmn") && args.get(0).substring(4).equals(args.get(1).substring(4))) {
            try {
                return new ForkHeap(args.get(0).substring(4), args.get(2).substring(4));
            } catch (IllegalArgumentException notOurs) {
                return ERGONOMIC;
            }
        }
        return ERGONOMIC;
    }

    /** The JVM arguments, placed before the user's own so that a user's {@code -Xmx} still wins. */
    public List<String> jvmArgs() {
        return heap == null ? List.of() : List.of("-Xms" + heap, "-Xmx" + heap, "-Xmn" + young);
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return heap == null ? "ergonomic" : heap + "/" + young;
    }

    private static long bytes(String size) {
        long n = Long.parseLong(size.substring(0, size.length() - 1));
        return switch (size.substring(size.length() - 1).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            default -> n << 30;
        };
    }
}
