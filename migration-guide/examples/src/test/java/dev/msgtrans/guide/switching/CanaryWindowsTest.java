package dev.msgtrans.guide.switching;

import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.Transport;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.hdrhistogram.HdrRoundTrips;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Windows cut from real clients over TCP on loopback: a control client on {@code baseline} and a canary client on
 * {@code phase3} against one echo server, each window holding exactly the requests made in it. The verdict on
 * these few short windows is not asserted (it is a measurement, and a smoke-sized one); that it is computed from
 * the windows is.
 */
class CanaryWindowsTest {

    private static final int WINDOWS = 4;
    private static final int PER_WINDOW = 300;

    @Test
    void eachWindowHoldsTheRequestsMadeInItAndTheComparisonUsesThem() throws Exception {
        try (TransportServer server = Transport.builder().variant("baseline").tcp("127.0.0.1", 0)
                .handler(MessageHandler.echo()).startServer()) {
            List<CanaryWindow> control = windows(server.address(), "baseline");
            List<CanaryWindow> canary = windows(server.address(), "phase3");
            for (CanaryWindow w : canary) {
                assertEquals(PER_WINDOW, w.roundTrips().getTotalCount());
                assertEquals(PER_WINDOW, w.stats().get("packetsReceived"), "each response received in its window");
                assertEquals(PER_WINDOW, w.stats().get("requestsCompleted"));
                assertTrue(w.roundTrips().getMinValue() > 0);
            }
            CanaryComparison.Verdict v = new CanaryComparison(
                    List.of(CanaryComparison.Metric.roundTrip(50, 1.10)), 0.05, 2, new CanaryCheck(1e-4, 0))
                    .compare(control, canary);
            CanaryComparison.MetricResult median = v.metrics().get(0);
            assertEquals(WINDOWS, median.controlWindows());
            assertEquals(WINDOWS, median.canaryWindows());
            assertTrue(median.ratio().hasBounds(), median.toString());
            assertEquals(List.of(), v.counterFindings(), "nothing refused, dropped or failed on either side");
        }
    }

    private static List<CanaryWindow> windows(String address, String variant) throws Exception {
        HdrRoundTrips trips = new HdrRoundTrips();
        List<CanaryWindow> windows = new ArrayList<>();
        try (TransportClient client = Transport.builder().variant(variant).connectTo(address).connections(2)
                .roundTrips(trips).connect()) {
            CanaryWindows cutter = new CanaryWindows(client::stats, trips);
            for (int k = 0; k < WINDOWS; k++) {
                for (int i = 0; i < PER_WINDOW; i++) {
                    client.request(Packet.request(1, new byte[] {(byte) i}), Duration.ofSeconds(10))
                            .get(10, TimeUnit.SECONDS);
                }
                awaitReceived(client, (long) (k + 1) * PER_WINDOW);
                windows.add(cutter.cut(k));
            }
        }
        return windows;
    }

    /** The stats trail the futures they count by a step: a window is cut once they show its requests. */
    private static void awaitReceived(TransportClient client, long received) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((client.stats().packetsReceived() < received || client.stats().requestsCompleted() < received)
                && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }
}
