package dev.msgtrans.guide.port;

import java.util.function.Supplier;

/**
 * The worked port's history: each constant is one commit-sized change to the previous one (one transport phase
 * moved to the {@code lockfree} variant, or the application's own registry moved to its lock-free form), and
 * {@code PresenceServiceTest} passes at every step, over TCP loopback and in memory.
 * <p>
 * The transport side of each step is only the composition alias handed to
 * {@link dev.msgtrans.core.Transport.Builder#variant(String)}: a preset of DESIGN.md where one exists, an explicit
 * spec where the presets jump several phases at once (phase 3 moves pools, requests and dispatch, and outbound I/O
 * together; the port moves them one by one).
 */
public enum MigrationStep {
    // tag::steps[]
    // tag::step-baseline[]
    BASELINE("baseline", RwLockPresenceRegistry::new),
    // end::step-baseline[]
    // tag::step-phase1[]
    PHASE1_SESSIONS("phase1", RwLockPresenceRegistry::new),
    // end::step-phase1[]
    // tag::step-own-registry[]
    PHASE1_OWN_REGISTRY("phase1", LockFreePresenceRegistry::new),
    // end::step-own-registry[]
    // tag::step-phase2[]
    PHASE2_ACTORS_EVENTS("phase2", LockFreePresenceRegistry::new),
    // end::step-phase2[]
    // tag::step-phase3-1[]
    PHASE3_1_POOLS("sessions=lockfree,actors=lockfree,pools=lockfree,requests=mutex,outbound=mutex",
            LockFreePresenceRegistry::new),
    // end::step-phase3-1[]
    // tag::step-phase3-2[]
    PHASE3_2_REQUESTS_DISPATCH("sessions=lockfree,actors=lockfree,pools=lockfree,requests=lockfree,outbound=mutex",
            LockFreePresenceRegistry::new),
    // end::step-phase3-2[]
    // tag::step-phase3-3[]
    PHASE3_3_OUTBOUND("phase3", LockFreePresenceRegistry::new);
    // end::step-phase3-3[]
    // end::steps[]

    private final String variant;
    private final Supplier<PresenceRegistry> registry;

    MigrationStep(String variant, Supplier<PresenceRegistry> registry) {
        this.variant = variant;
        this.registry = registry;
    }

    /** The composition: a preset, or an explicit {@code phase=variant} spec. */
    public String variant() {
        return variant;
    }

    /** A new, empty registry of this step's implementation. */
    public PresenceRegistry newRegistry() {
        return registry.get();
    }

    /** The step before this one, or {@code null} for {@link #BASELINE}. */
    public MigrationStep previous() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }
}
