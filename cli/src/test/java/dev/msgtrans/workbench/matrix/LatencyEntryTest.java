package dev.msgtrans.workbench.matrix;

import dev.msgtrans.workbench.env.JdkInfo;
import dev.msgtrans.workbench.run.LatencySchedule;
import dev.msgtrans.workbench.run.Profile;
import dev.msgtrans.workbench.run.RunSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Latency-runner entries: validated as early and as strictly as JMH entries, expanded and scheduled per profile. */
class LatencyEntryTest {

    private static final VariantCatalog CATALOG = VariantCatalog.of(List.of("mutex", "lockfree"), "test");

    @TempDir
    Path dir;

    private Matrix load(String entries) throws IOException {
        Files.writeString(dir.resolve("m.json"), "{\"description\": \"d\", \"entries\": [" + entries + "]}");
        return new MatrixLoader(dir, CATALOG).load("m");
    }

    private static String entry(String params) {
        return "{\"runner\": \"latency\", \"benchmark\": \"" + LatencyEntry.BENCHMARK + "\", \"params\": {" + params
                + "}}";
    }

    private static final String OURS = "\"target\": [\"msgtrans\"], \"variant\": [\"baseline\", \"lockfree\"],"
            + " \"protocol\": [\"TCP\"], \"rate\": [\"10000\"], \"duration\": [\"5s\"]";

    @Test
    void expandsToLatencyPointsThatAreNotJmhPoints() throws IOException {
        List<MatrixPoint> points = load(entry(OURS) + ", " + entry("\"target\": [\"netty\"], \"protocol\":"
                + " [\"TCP\", \"MEMORY\"], \"rate\": [\"10000\"], \"duration\": [\"5s\"]")).expand();
        assertEquals(4, points.size());
        assertTrue(points.stream().noneMatch(MatrixPoint::isJmh));
        assertEquals("LatencyRunner.echo target=msgtrans,variant=baseline,protocol=TCP,rate=10000,duration=5s t1",
                points.get(0).id());
    }

    @Test
    void anUnknownVariantAliasFailsWhenTheMatrixIsRead() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(entry(
                OURS.replace("lockfree", "lockfrei"))));
        assertTrue(e.getMessage().contains("lockfrei") && e.getMessage().contains("known variants"), e.getMessage());
        assertTrue(e.getMessage().contains("entry 1"), e.getMessage());
    }

    /** WebSocket is a protocol of msgtrans only: the Netty baseline speaks TCP and memory. */
    @Test
    void takesWebSocketForMsgtransOnly() throws IOException {
        assertEquals(2, load(entry(OURS.replace("\"TCP\"", "\"WEBSOCKET\""))).expand().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(entry(
                "\"target\": [\"netty\"], \"protocol\": [\"WEBSOCKET\"], \"rate\": [\"1\"], \"duration\": [\"1s\"]")));
        assertTrue(e.getMessage().contains("WEBSOCKET needs target msgtrans"), e.getMessage());
    }

    @Test
    void rejectsWhatTheRunnerWouldMisread() {
        List<String> bad = List.of(
                entry(OURS.replace("\"msgtrans\"", "\"grpc\"")),
                entry(OURS.replace("\"target\": [\"msgtrans\"]", "\"target\": [\"netty\"]")),
                entry("\"target\": [\"msgtrans\"], \"protocol\": [\"TCP\"], \"rate\": [\"1\"], \"duration\": [\"1s\"]"),
                entry(OURS.replace("\"TCP\"", "\"UDP\"")),
                // the Netty reference peer has no QUIC
                entry("\"target\": [\"netty\"], \"protocol\": [\"QUIC\"], \"rate\": [\"1\"], \"duration\": [\"1s\"]"),
                entry(OURS.replace("\"10000\"", "\"0\"")),
                entry(OURS.replace("\"5s\"", "\"5 s\"")),
                entry(OURS.replace("\"rate\": [\"10000\"], ", "")),
                entry(OURS + ", \"window\": [\"16\"]"),
                entry(OURS).replace("}}", "}, \"threads\": [2]}"),
                entry(OURS).replace(LatencyEntry.BENCHMARK, "dev.x.Other.echo"),
                entry(OURS).replace("\"latency\"", "\"wrk\""));
        for (String b : bad) {
            assertThrows(IllegalArgumentException.class, () -> load(b), b);
        }
    }

    @Test
    void profilesScaleTheMeasuredDuration() throws IOException {
        MatrixPoint p = load(entry(OURS)).expand().get(0);
        assertEquals(new LatencySchedule(1_000, 1_000, 1), LatencySchedule.of(Profile.SMOKE.settings(), p));
        assertEquals(new LatencySchedule(3_000, 5_000, 1), LatencySchedule.of(Profile.QUICK.settings(), p));
        assertEquals(new LatencySchedule(10_000, 10_000, 1), LatencySchedule.of(Profile.FULL.settings(), p));
        List<String> cmd = LatencySchedule.of(Profile.QUICK.settings(), p).command("java", Path.of("b.jar"),
                List.of("-Xmx1g"), p, Path.of("r.json"));
        assertEquals(List.of("java", "-Xmx1g", "-cp", "b.jar", LatencyEntry.MAIN_CLASS, "--target", "msgtrans",
                "--variant", "baseline", "--protocol", "TCP", "--rate", "10000", "--warmup", "3000ms", "--duration",
                "5000ms", "--forks", "1", "--out", "r.json"), cmd);
        assertFalse(cmd.contains("-prof"));
        JdkInfo jdk = new JdkInfo("jdk17", "/jdk", "v", "17", "17", "vm", "17", List.of(), "", "G1", null);
        // a latency point at quick is a decision point: its forks, plus one calibration fork per round
        RunSettings quick = Profile.QUICK.settings();
        assertEquals(quick.forks() * (LatencySchedule.of(quick, p).expectedSeconds() + quick.expectedSeconds(1)),
                dev.msgtrans.workbench.run.RunPlan.of(List.of(p), List.of(jdk), null, null, Shard.ALL)
                        .expectedSeconds(quick, 2), 1e-9);
    }
}
