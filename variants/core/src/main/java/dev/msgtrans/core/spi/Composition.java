package dev.msgtrans.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link Variant} per {@link Phase}: what a transport is built from.
 * <p>
 * Resolved from an alias: a preset of DESIGN.md ({@code baseline}, {@code phase1}, {@code phase2}, {@code phase3}),
 * a variant alias (every phase from that variant, e.g. {@code lockfree}), or an explicit spec
 * {@code sessions=lockfree,actors=mutex,pools=mutex,requests=mutex,outbound=mutex} (phases left out take the
 * {@code mutex} variant).
 *
 * <pre>
 * preset    sessions  actors+events  pools+buffers  requests+dispatch  outbound I/O
 * baseline  rwlock    mutex          mutex          mutex              mutex
 * phase1    lockfree  mutex          mutex          mutex              mutex
 * phase2    lockfree  lockfree       mutex          mutex              mutex
 * phase3    lockfree  lockfree       lockfree       lockfree           lockfree
 * </pre>
 */
public final class Composition {

    /** Preset name to spec, in migration order. */
    public static final Map<String, String> PRESETS;

    static {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseline", "sessions=rwlock,actors=mutex,pools=mutex,requests=mutex,outbound=mutex");
        p.put("phase1", "sessions=lockfree,actors=mutex,pools=mutex,requests=mutex,outbound=mutex");
        p.put("phase2", "sessions=lockfree,actors=lockfree,pools=mutex,requests=mutex,outbound=mutex");
        p.put("phase3", "sessions=lockfree,actors=lockfree,pools=lockfree,requests=lockfree,outbound=lockfree");
        PRESETS = Collections.unmodifiableMap(p);
    }

    private final String alias;
    private final EnumMap<Phase, Variant> byPhase;

    private Composition(String alias, EnumMap<Phase, Variant> byPhase) {
        this.alias = alias;
        this.byPhase = byPhase;
    }

    /**
     * @param alias a preset, a variant alias or a spec
     * @throws IllegalArgumentException naming the known presets and variants when nothing matches
     */
    public static Composition resolve(String alias) {
        String preset = PRESETS.get(alias);
        if (preset != null) {
            return fromSpec(alias, preset);
        }
        if (alias.contains("=")) {
            return fromSpec(alias, alias);
        }
        if (!Variants.all().containsKey(alias)) {
            throw new IllegalArgumentException("unknown variant or preset '" + alias + "'; known presets: "
                    + String.join(", ", PRESETS.keySet()) + "; known variants: " + String.join(", ", Variants.all().keySet())
                    + "; or a spec such as sessions=lockfree,actors=mutex");
        }
        return uniform(Variants.get(alias));
    }

    /** Every phase from one variant; the composition's alias is the variant's. */
    public static Composition uniform(Variant v) {
        EnumMap<Phase, Variant> m = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            m.put(p, v);
        }
        return new Composition(v.alias(), m);
    }

    private static Composition fromSpec(String alias, String spec) {
        EnumMap<Phase, Variant> m = new EnumMap<>(Phase.class);
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("bad composition spec part '" + part + "' in '" + spec
                        + "'; expected phase=variant, e.g. sessions=lockfree");
            }
            m.put(Phase.fromKey(kv[0].trim()), Variants.get(kv[1].trim()));
        }
        for (Phase p : Phase.values()) {
            m.computeIfAbsent(p, k -> Variants.get("mutex"));
        }
        return new Composition(alias, m);
    }

    /** Every alias {@link #resolve} accepts without a spec: presets first, then variants. */
    public static List<String> knownAliases() {
        List<String> out = new ArrayList<>(PRESETS.keySet());
        out.addAll(Variants.all().keySet());
        return out;
    }

    public String alias() {
        return alias;
    }

    public Variant variant(Phase phase) {
        return byPhase.get(phase);
    }

    /** True if any phase uses a control (deliberately broken) variant. */
    public boolean usesControl() {
        for (Variant v : byPhase.values()) {
            if (v.isControl()) {
                return true;
            }
        }
        return false;
    }

    /** The explicit spec, e.g. {@code sessions=rwlock,actors=mutex,...}. */
    public String spec() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Phase, Variant> e : byPhase.entrySet()) {
            sb.append(sb.length() == 0 ? "" : ",").append(e.getKey().key()).append('=').append(e.getValue().alias());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return alias + " (" + spec() + ")";
    }
}
