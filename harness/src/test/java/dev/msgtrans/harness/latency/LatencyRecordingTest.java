package dev.msgtrans.harness.latency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bookkeeping behind the coordinated-omission correction, with made-up timestamps (nothing here is timed):
 * latency counts from the intended send time, requests are binned by when they were due, the warm-up is dropped,
 * nothing is recorded after close, and a fork's data survives the trip through its HdrHistogram log.
 */
class LatencyRecordingTest {

    private static final long MS = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void latencyIsMeasuredFromTheIntendedSendTimeAndBinnedByIt() {
        long start = 1_000 * MS;
        LaneRecorder lane = new LaneRecorder(start, 100 * MS, 3);
        // due in the warm-up: counted as finished, never recorded
        lane.complete(start - MS, start - MS, start, LaneRecorder.Outcome.OK);
        // due at 10 ms, sent 5 ms late (a stalled sender), answered 1 ms after sending: 6 ms, not 1 ms
        lane.complete(start + 10 * MS, start + 15 * MS, start + 16 * MS, LaneRecorder.Outcome.OK);
        // due in window 1, answered in window 2
        lane.complete(start + 190 * MS, start + 190 * MS, start + 230 * MS, LaneRecorder.Outcome.OK);
        lane.complete(start + 250 * MS, start + 250 * MS, start + 260 * MS, LaneRecorder.Outcome.TIMEOUT);
        lane.complete(start + 260 * MS, start + 260 * MS, start + 261 * MS, LaneRecorder.Outcome.ERROR);
        lane.close();
        lane.complete(start + 20 * MS, start + 20 * MS, start + 21 * MS, LaneRecorder.Outcome.OK);

        LatencyMeasurement m = new LatencyMeasurement(100 * MS, 3, 0);
        lane.addTo(m);
        assertEquals(5, lane.finished(), "the completion after close is ignored");
        assertEquals(1, m.latency()[0].getTotalCount());
        assertEquals(6 * MS, m.latency()[0].getMaxValue(), 6 * MS / 1000.0);
        assertEquals(MS, m.service()[0].getMaxValue(), MS / 1000.0);
        assertEquals(5 * MS, m.lag()[0].getMaxValue(), 5 * MS / 1000.0);
        assertEquals(1, m.latency()[1].getTotalCount(), "binned by the intended time, not the arrival");
        assertEquals(List.of(1L, 0L, 1L), List.of(m.arrivals()[0], m.arrivals()[1], m.arrivals()[2]),
                "successful arrivals are counted where they arrived; timeouts and errors are not arrivals");
        assertEquals(1, m.latency()[2].getTotalCount(), "a timeout stays in the tail; an error is only counted");
        assertEquals(1, m.timeouts());
        assertEquals(1, m.errors());
        assertEquals(1, m.warmupRequests());
    }

    @Test
    void aForkSurvivesTheTripThroughItsLog() throws Exception {
        LatencyMeasurement m = new LatencyMeasurement(100 * MS, 2, 1_700_000_000_000L);
        m.latency()[0].recordValue(40_000);
        m.latency()[1].recordValue(2 * MS);
        m.service()[1].recordValue(30_000);
        m.lag()[0].recordValue(200);
        m.arrivals()[0] = 7;
        m.count(3, 1, 2);
        m.sent(20, "msgtrans phase3 TCP");
        m.runQueueWait(123);
        m.targetDrops(4);
        m.writeLog(dir.resolve("f.hlog"), "test");
        m.writeCounts(dir.resolve("f.counts.properties"));
        assertTrue(Files.readString(dir.resolve("f.hlog")).contains("Tag=send-lag"));

        LatencyMeasurement r = LatencyMeasurement.read(dir.resolve("f.hlog"), dir.resolve("f.counts.properties"));
        assertEquals(m.latency()[1].getMaxValue(), r.latency()[1].getMaxValue());
        assertEquals(1, r.service()[1].getTotalCount());
        assertEquals(1, r.lag()[0].getTotalCount());
        assertEquals(7, r.arrivals()[0]);
        assertEquals(List.of(3L, 1L, 2L, 20L, 123L, 4L), List.of(r.warmupRequests(), r.errors(), r.timeouts(),
                r.sent(), r.runQueueWait(), r.targetDrops()));
        assertEquals("msgtrans phase3 TCP", r.target());

        String json = LatencyRunner.JmhFormat.result(LatencyOptions.parse(new String[] {"--target", "netty",
                "--protocol", "TCP", "--rate", "10", "--duration", "200ms", "--window", "100ms", "--out", "x.json"}),
                List.of(r));
        assertTrue(json.contains("\"mode\" : \"sample\"") && json.contains("\"scoreUnit\" : \"us/op\"")
                && json.contains("\"99.99\"") && json.contains("\"targetDrops\""), json);
    }

    @Test
    void optionsRefuseWhatTheyCannotMeasure() {
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--target", "netty",
                "--variant", "phase3", "--protocol", "TCP", "--rate", "10", "--duration", "1s", "--out", "x.json"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--target", "msgtrans",
                "--protocol", "TCP", "--rate", "10", "--duration", "1s", "--out", "x.json"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--target", "netty",
                "--protocol", "UDP", "--rate", "10", "--duration", "1s", "--out", "x.json"}));
        assertThrows(IllegalArgumentException.class, () -> LatencyOptions.parse(new String[] {"--target", "netty",
                "--protocol", "WEBSOCKET", "--rate", "10", "--duration", "1s", "--out", "x.json"}),
                "the Netty baseline has no WebSocket");
        assertEquals(dev.msgtrans.core.Protocol.WEBSOCKET, LatencyOptions.parse(new String[] {"--target", "msgtrans",
                "--variant", "phase3", "--protocol", "websocket", "--rate", "10", "--duration", "1s", "--out",
                "x.json"}).protocol());
        LatencyOptions o = LatencyOptions.parse(new String[] {"--target", "netty", "--protocol", "memory", "--rate",
                "10", "--duration", "1s", "--out", "x.json"});
        assertEquals(5, o.windows(), "a short run still has five windows to build an interval from");
    }
}
