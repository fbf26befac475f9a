package dev.msgtrans.guide.switching;

import dev.msgtrans.core.TransportStats;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canary rule on real {@link TransportStats} snapshots (constructed, as a server would report them). */
class CanaryCheckTest {

    /** packetsReceived, mailboxDrops, eventsDropped, requestsTimedOut, requestsPending; the rest zero. */
    private static TransportStats stats(long packets, long mailboxDrops, long eventsDropped, long timedOut, long pending) {
        return new TransportStats(10, 2, 8, packets, packets, packets * 64, packets * 64,
                0, 0, mailboxDrops, 0, 0, 0, 100, eventsDropped, 0, packets / 2, timedOut, 0, pending, 0,
                0, 0, 0, 0, 0, 0);
    }

    private final CanaryCheck check = new CanaryCheck(1e-4, 0);

    @Test
    void deltasAreDifferencesForCountersAndLevelsForGauges() {
        StatsDelta d = StatsDelta.between(stats(1_000, 1, 0, 0, 5), stats(5_000, 3, 0, 0, 2));
        assertEquals(4_000, d.get("packetsReceived"));
        assertEquals(2, d.get("mailboxDrops"));
        assertEquals(2, d.get("requestsPending"), "a gauge is its later value");
        assertEquals(8, d.get("sessionsActive"));
        assertThrows(IllegalArgumentException.class, () -> d.get("noSuchCounter"));
    }

    @Test
    void aCanaryNoWorseThanItsControlPasses() {
        StatsDelta control = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(100_000, 5, 0, 0, 0));
        StatsDelta canary = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(50_000, 2, 0, 0, 0));
        assertEquals(List.of(), check.compare(control, canary));
    }

    @Test
    void dropsTheControlNeverShowsFailTheCanaryAndAreNamed() {
        StatsDelta control = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(100_000, 0, 0, 0, 0));
        StatsDelta canary = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(100_000, 0, 3, 0, 40));
        List<CanaryCheck.Finding> findings = check.compare(control, canary);
        assertEquals(List.of("eventsDropped", "requestsPending"),
                findings.stream().map(CanaryCheck.Finding::counter).toList());
        assertTrue(findings.get(0).toString().contains("canary 3"), findings.get(0).toString());
    }

    @Test
    void aHigherRateThanTheControlBeyondToleranceFails() {
        StatsDelta control = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(100_000, 0, 0, 10, 0));
        StatsDelta canary = StatsDelta.between(stats(0, 0, 0, 0, 0), stats(100_000, 0, 0, 100, 0));
        assertEquals(List.of("requestsTimedOut"), check.compare(control, canary).stream().map(CanaryCheck.Finding::counter).toList());
    }
}
