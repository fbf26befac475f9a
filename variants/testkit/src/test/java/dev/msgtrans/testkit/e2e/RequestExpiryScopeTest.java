package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Request expiry touches only the sessions that have requests (item 6: the timer's cost does not follow the number of
 * sessions): a client with several connections, requests on some of them timing out, and the trackers of the other
 * sessions never asked for {@code pending()} or {@code expire} ({@link TrackerCountVariant} counts the calls). No
 * timing is asserted: the requests timing out show that the ticks ran.
 */
class RequestExpiryScopeTest {

    private static final int CONNECTIONS = 8;
    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @EnumSource(Protocol.class)
    void sessionsWithoutRequestsAreNotVisitedByTheTimer(Protocol protocol) throws Exception {
        TrackerCountVariant.reset();
        E2eTarget t = new E2eTarget("mutex", protocol);
        try (TransportServer server = t.server().handler((ctx, p) -> { }).startServer(); // never replies
             TransportClient client = t.client(server.address()).variant("requests=" + TrackerCountVariant.ALIAS)
                     .allowControlVariants().connections(CONNECTIONS).requestTickMillis(2).connect()) {
            // One after the other: each times out after several ticks, which the sessions without requests sit out.
            for (int i = 0; i < 3; i++) {
                CompletableFuture<Packet> f = client.request(Packet.request(1, "?".getBytes(StandardCharsets.UTF_8)),
                        Duration.ofMillis(20));
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                assertInstanceOf(TimeoutException.class, e.getCause());
            }
            // Read before the close (which fails what is pending through failAll, not counted) and without stats()
            // (which sums pending() over every session).
            List<String> touched = new ArrayList<>();
            int withRequests = 0;
            int withoutRequests = 0;
            for (TrackerCountVariant.Counts c : TrackerCountVariant.MADE) {
                if (c.registrations.sum() > 0) {
                    withRequests++;
                    assertTrue(c.expireCalls.sum() > 0, "a session with requests had its expiry run");
                } else {
                    withoutRequests++;
                    if (c.pendingCalls.sum() + c.expireCalls.sum() > 0) {
                        touched.add(c.pendingCalls.sum() + " pending() and " + c.expireCalls.sum() + " expire");
                    }
                }
            }
            assertTrue(withRequests > 0 && withoutRequests >= CONNECTIONS - 3,
                    withRequests + " trackers with requests, " + withoutRequests + " without");
            assertEquals(List.of(), touched, "calls on the trackers of the " + withoutRequests
                    + " sessions without requests");
        }
    }
}
