package dev.msgtrans.guide.switching;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's switching snippets, run: each builds a real server that answers over TCP loopback. */
class VariantSelectionTest {

    @AfterEach
    void clearProperty() {
        System.clearProperty(VariantSelection.PROPERTY);
    }

    @Test
    void presetAndSpecServersBothAnswer() throws Exception {
        try (TransportServer preset = VariantSelection.preset(MessageHandler.echo());
             TransportServer spec = VariantSelection.spec(MessageHandler.echo())) {
            assertEquals("phase2", preset.variant());
            assertEcho(preset);
            assertEcho(spec);
        }
    }

    private static void assertEcho(TransportServer server) throws Exception {
        try (TransportClient client = Transport.builder().variant(server.variant()).connectTo(server.address())
                .ioThreads(1).dispatchWorkers(1).connect()) {
            byte[] payload = {1, 2, 3};
            assertArrayEquals(payload, client.request(Packet.request(9, payload), Duration.ofSeconds(10)).join().payload());
        }
    }

    @Test
    void configurationThenSystemPropertyThenBaseline() {
        Properties config = new Properties();
        assertEquals("baseline", VariantSelection.configuredVariant(config));
        config.setProperty(VariantSelection.PROPERTY, "phase1");
        assertEquals("phase1", VariantSelection.configuredVariant(config));
        System.setProperty(VariantSelection.PROPERTY, "sessions=lockfree,actors=lockfree");
        assertEquals("sessions=lockfree,actors=lockfree", VariantSelection.configuredVariant(config));
    }

    @Test
    void anUnknownAliasFailsBeforeAnythingStartsAndNamesTheKnownOnes() {
        System.setProperty(VariantSelection.PROPERTY, "lockfre");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VariantSelection.configuredVariant(new Properties()));
        assertTrue(e.getMessage().contains("phase1") && e.getMessage().contains("lockfree"), e.getMessage());
    }

    @Test
    void describeNamesTheVariantOfEveryPhase() {
        Map<String, String> phase2 = VariantSelection.describe("phase2");
        assertEquals(Map.of("1 sessions", "lockfree", "2 actors", "lockfree", "3.1 pools", "mutex",
                "3.2 requests", "mutex", "3.3 outbound", "mutex"), phase2);
        assertEquals("rwlock", VariantSelection.describe("baseline").get("1 sessions"));
    }

    @Test
    void theClassPathOffersTheVariantsThePresetsNeed() {
        assertTrue(VariantSelection.available().containsAll(java.util.List.of("mutex", "rwlock", "lockfree")),
                VariantSelection.available().toString());
    }
}
