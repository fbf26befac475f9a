package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.spi.Variants;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every target of the end-to-end suite: each real variant on the class path (so a variant joins by being a
 * dependency of the module running the suite) and the migration presets, each over TCP and in memory.
 */
public final class E2eTargets {

    /** The presets of DESIGN.md, in migration order. */
    public static final List<String> PRESETS = List.of("baseline", "phase1", "phase2", "phase3");

    private E2eTargets() {
    }

    /** Composition aliases: the real variants found by {@link Variants#realAliases()}, then the presets. */
    public static List<String> aliases() {
        List<String> out = new ArrayList<>(Variants.realAliases());
        out.addAll(PRESETS);
        return out;
    }

    /** Every alias over every protocol; a JUnit {@code @MethodSource}. */
    public static Stream<E2eTarget> all() {
        List<E2eTarget> out = new ArrayList<>();
        for (String alias : aliases()) {
            for (Protocol p : Protocol.values()) {
                out.add(new E2eTarget(alias, p));
            }
        }
        return out.stream();
    }
}
