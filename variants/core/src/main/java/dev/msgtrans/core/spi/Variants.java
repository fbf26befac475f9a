package dev.msgtrans.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The one lookup from alias to {@link Variant}, shared by builders, tests, JMH and jcstress. Variants come from
 * {@link ServiceLoader}; the first lookup loads them.
 */
public final class Variants {

    private static volatile Map<String, Variant> byAlias;

    private Variants() {
    }

    /**
     * @throws IllegalArgumentException naming the known aliases when {@code alias} is unknown
     */
    public static Variant get(String alias) {
        Variant v = all().get(alias);
        if (v == null) {
            throw new IllegalArgumentException("unknown variant '" + alias + "'; known variants: "
                    + String.join(", ", all().keySet())
                    + " (a variant is found through META-INF/services/" + Variant.class.getName() + " on the class path)");
        }
        return v;
    }

    /** Every variant on the class path, control variants included, by alias. */
    public static Map<String, Variant> all() {
        Map<String, Variant> m = byAlias;
        if (m == null) {
            synchronized (Variants.class) {
                m = byAlias;
                if (m == null) {
                    m = load();
                    byAlias = m;
                }
            }
        }
        return m;
    }

    /** Aliases of the real (non-control) variants, sorted. */
    public static List<String> realAliases() {
        List<String> out = new ArrayList<>();
        for (Variant v : all().values()) {
            if (!v.isControl()) {
                out.add(v.alias());
            }
        }
        return out;
    }

    private static Map<String, Variant> load() {
        Map<String, Variant> m = new TreeMap<>();
        for (Variant v : ServiceLoader.load(Variant.class, Variants.class.getClassLoader())) {
            Variant prev = m.putIfAbsent(v.alias(), v);
            if (prev != null && prev.getClass() != v.getClass()) {
                throw new IllegalStateException("two variants share the alias '" + v.alias() + "': "
                        + prev.getClass().getName() + " and " + v.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
