package dev.msgtrans.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The variant chosen by configuration ({@link Transport#VARIANT_PROPERTY}, then {@link Transport#VARIANT_ENV}) when
 * the builder is not told: a restart with another value runs another variant; an unknown value fails at start-up.
 * In package {@code dev.msgtrans.core} for the environment's precedence, which a test cannot set in-process.
 */
class VariantFromConfigurationTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(Transport.VARIANT_PROPERTY);
    }

    private static TransportServer start(String memoryName) throws IOException {
        return Transport.builder().memory(memoryName).handler(MessageHandler.echo()).startServer();
    }

    @Test
    void aRestartWithAnotherPropertyRunsAnotherVariant() throws IOException {
        System.setProperty(Transport.VARIANT_PROPERTY, "lockfree");
        try (TransportServer server = start("variant-from-property")) {
            assertEquals("lockfree", server.variant());
        }
        // the rollback: same code, another value, a restart
        System.setProperty(Transport.VARIANT_PROPERTY, "phase1");
        try (TransportServer server = start("variant-from-property")) {
            assertEquals("phase1", server.variant());
        }
        System.clearProperty(Transport.VARIANT_PROPERTY);
        if (System.getenv(Transport.VARIANT_ENV) == null) {
            try (TransportServer server = start("variant-from-property")) {
                assertEquals(Transport.DEFAULT_VARIANT, server.variant());
            }
        }
    }

    @Test
    void theBuilderWinsOverTheProperty() throws IOException {
        System.setProperty(Transport.VARIANT_PROPERTY, "lockfree");
        try (TransportServer server = Transport.builder().variant("rwlock").memory("variant-builder-wins")
                .handler(MessageHandler.echo()).startServer()) {
            assertEquals("rwlock", server.variant());
        }
    }

    @Test
    void anUnknownValueFailsAtStartUpNamingTheKnownOnes() {
        System.setProperty(Transport.VARIANT_PROPERTY, "lockfreee");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> start("variant-unknown").close());
        assertTrue(e.getMessage().contains(Transport.VARIANT_PROPERTY) && e.getMessage().contains("lockfreee")
                && e.getMessage().contains("known variants") && e.getMessage().contains("lockfree"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Transport.builder().variant("lockfreee"),
                "the builder refuses an unknown name when it is given");
    }

    @Test
    void thePropertyComesBeforeTheEnvironmentAndBlankMeansUnset() {
        assertEquals("lockfree", Transport.configuredVariant("lockfree", "rwlock").alias());
        assertEquals("rwlock", Transport.configuredVariant(" ", "rwlock").alias());
        assertEquals("rwlock", Transport.configuredVariant(null, " rwlock ").alias());
        assertEquals(Transport.DEFAULT_VARIANT, Transport.configuredVariant(null, "").alias());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Transport.configuredVariant(null, "nope"));
        assertTrue(e.getMessage().startsWith("environment variable " + Transport.VARIANT_ENV), e.getMessage());
    }
}
