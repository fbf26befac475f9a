package dev.msgtrans.guide.switching;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.core.spi.Variants;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The ways an application picks the composition its transport is built from. Each method is a snippet of the
 * guide's README and is exercised by {@code VariantSelectionTest}.
 * <p>
 * Stateless; every method from any thread.
 */
public final class VariantSelection {

    /**
     * The application's own configuration key, for an application that keeps the alias with its other settings
     * (the transport's own, read when the builder is not told, is {@link Transport#VARIANT_PROPERTY}).
     */
    public static final String PROPERTY = "presence.transport.variant";

    private VariantSelection() {
    }

    /** A preset: one word, the whole migration state. */
    public static TransportServer preset(MessageHandler handler) throws IOException {
        // tag::preset[]
        return Transport.builder()
                .variant("phase2")            // sessions, actors and events lock-free; the rest still mutex
                .tcp("127.0.0.1", 0)
                .handler(handler)
                .startServer();
        // end::preset[]
    }

    /** An explicit spec: any mix, e.g. to move one phase at a time within phase 3, or to roll one phase back. */
    public static TransportServer spec(MessageHandler handler) throws IOException {
        // tag::spec[]
        return Transport.builder()
                .variant("sessions=lockfree,actors=mutex,pools=mutex,requests=mutex,outbound=mutex")
                .tcp("127.0.0.1", 0)
                .handler(handler)
                .startServer();
        // end::spec[]
    }

    /**
     * The alias from the application's configuration, with a system property overriding it; the fallback is the
     * state the application was tested in before its migration.
     */
    public static String configuredVariant(Properties config) {
        // tag::configured[]
        String variant = System.getProperty(PROPERTY, config.getProperty(PROPERTY, "baseline"));
        // Resolve before starting anything: an unknown alias, or a variant whose jar is missing from the class
        // path, fails here with the list of known presets and variants instead of at the first connection.
        Composition composition = Composition.resolve(variant);
        System.getLogger("presence").log(System.Logger.Level.INFO, "transport composition " + composition);
        // end::configured[]
        return variant;
    }

    /** Which variant each phase of a composition resolves to, for a startup log line or a health endpoint. */
    public static Map<String, String> describe(String variant) {
        // tag::describe[]
        Composition c = Composition.resolve(variant);
        Map<String, String> byPhase = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            byPhase.put(phase.number() + " " + phase.key(), c.variant(phase).alias());
        }
        // end::describe[]
        return byPhase;
    }

    /** Variants found on the class path by ServiceLoader, control variants excluded. */
    public static java.util.List<String> available() {
        // tag::available[]
        java.util.List<String> aliases = Variants.realAliases(); // e.g. [cow, lockfree, mutex, rwlock]
        // end::available[]
        return aliases;
    }
}
