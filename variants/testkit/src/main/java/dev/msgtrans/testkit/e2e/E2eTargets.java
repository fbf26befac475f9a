package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.spi.Variants;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every target of the end-to-end suite: each real variant on the class path (so a variant joins by being a
 * dependency of the module running the suite) and the migration presets, each over every protocol.
 * <p>
 * QUIC runs in {@link #conformance()} (the conformance suite) on every build; the other suites that take
 * {@link #all()} (graceful close and shutdown, faults, limits, back-pressure, fuzzing, soak) add it only with
 * {@code -D}{@value #ALL_PROTOCOLS_PROPERTY}{@code =true}, which keeps the build's test time in bounds (a QUIC target
 * costs a TLS handshake per connection and a Netty event loop per node).
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

    /** System property: {@code true} makes {@link #all()} take every protocol, QUIC too. */
    public static final String ALL_PROTOCOLS_PROPERTY = "msgtrans.e2e.allProtocols";

    /** Protocols that only the conformance suite takes on every build (the others with {@link #ALL_PROTOCOLS_PROPERTY}). */
    private static final Set<Protocol> CONFORMANCE_ONLY = EnumSet.of(Protocol.QUIC);

    /**
     * Every alias over every protocol, except those only the conformance suite takes on every build (QUIC), unless
     * {@value #ALL_PROTOCOLS_PROPERTY} is set; a JUnit {@code @MethodSource}.
     */
    public static Stream<E2eTarget> all() {
        boolean every = Boolean.getBoolean(ALL_PROTOCOLS_PROPERTY);
        return conformance().filter(t -> every || !CONFORMANCE_ONLY.contains(t.protocol()));
    }

    /** Every alias over every protocol: the conformance suite's targets; a JUnit {@code @MethodSource}. */
    public static Stream<E2eTarget> conformance() {
        List<E2eTarget> out = new ArrayList<>();
        for (String alias : aliases()) {
            for (Protocol p : Protocol.values()) {
                out.add(new E2eTarget(alias, p));
            }
        }
        return out.stream();
    }
}
