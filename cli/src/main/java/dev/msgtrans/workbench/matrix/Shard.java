package dev.msgtrans.workbench.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Part {@code index} of {@code count} (1-based) of an expanded run list, for spreading one run over CI runners.
 * <p>
 * Assignment is round-robin by position in the stable expansion order: element {@code k} (0-based) belongs to shard
 * {@code k % count + 1}. The shards are therefore disjoint, their union is the whole list, the same command always
 * yields the same part, and neighbouring points (usually the same benchmark at other thread counts) land on
 * different runners, which balances the shards better than contiguous slices. Immutable.
 *
 * @param index 1-based shard number
 * @param count number of shards
 */
public record Shard(int index, int count) {

    private static final Pattern SPEC = Pattern.compile("(\\d+)/(\\d+)");

    /** The whole list. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard must be i/n with 1 <= i <= n, got " + index + "/" + count);
        }
    }

    /** Parses {@code i/n}. */
    public static Shard parse(String spec) {
        Matcher m = SPEC.matcher(spec.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("shard must look like i/n (e.g. 2/4), got '" + spec + "'");
        }
        return new Shard(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    public boolean owns(int position) {
        return position % count == index - 1;
    }

    /** This shard's elements, in their original order. */
    public <T> List<T> select(List<T> all) {
        List<T> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (owns(k)) {
                out.add(all.get(k));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
