package dev.msgtrans.workbench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The end-to-end attribution names each swap and decides it against the composition it starts from: a synthetic
 * run (8 forks a side, 2% fork noise) in which only the outbound swap costs (0.7x) and the others change nothing.
 */
class AttributionSectionTest {

    private static final String POOLS = "sessions=lockfree;actors=lockfree;pools=lockfree;requests=mutex;outbound=mutex";
    private static final String OUTBOUND = "sessions=lockfree;actors=lockfree;pools=mutex;requests=mutex;outbound=lockfree";

    @Test
    void aSpecOnePhaseAwayFromPhase2NamesThatPhase() {
        assertEquals(Phase.POOLS, AttributionSection.swappedFromPhase2(POOLS));
        assertEquals(Phase.OUTBOUND_IO, AttributionSection.swappedFromPhase2(OUTBOUND));
        assertNull(AttributionSection.swappedFromPhase2("phase3"));
        assertNull(AttributionSection.swappedFromPhase2("sessions=lockfree;actors=lockfree;pools=lockfree;outbound=lockfree"));
        assertNull(AttributionSection.swappedFromPhase2("sessions=lockfree;actors=lockfree"));
        assertNull(AttributionSection.swappedFromPhase2("nonsense=lockfree"));
    }

    @Test
    void eachSwapIsDecidedAgainstItsStart(@TempDir Path tmp) throws Exception {
        Map<String, Double> level = new LinkedHashMap<>();
        level.put("baseline", 1e5);
        level.put("phase1", 1e5);
        level.put("phase2", 1e5);
        level.put(POOLS, 1e5);
        level.put(OUTBOUND, 0.7e5);
        level.put("phase3", 0.7e5);
        Path dir = run(tmp.resolve("run"), level, new SplittableRandom(7));
        new ReportWriter(tmp.resolve("report")).write(RunResults.load(dir));
        String page = Files.readString(tmp.resolve("report").resolve("end-to-end.md"));
        assertTrue(page.contains("## Attribution: what each swap costs or gains"), page);
        assertTrue(row(page, "phase 3.3 (outbound) alone").contains("| slower |"), page);
        assertTrue(row(page, "phase 3.1 (pools) alone").contains("equivalent"), page);
        assertTrue(row(page, "phase 1 (sessions)").contains("equivalent"), page);
        assertTrue(row(page, "whole migration").contains("| slower |"), page);
    }

    /**
     * A run of the {@code reuse-order} matrix: phase2 and phase3 each with FIFO and LIFO reuse, where LIFO is
     * faster (1.5x) for both: the page decides LIFO against FIFO per composition, and the migration step per order.
     */
    @Test
    void theReuseOrderIsDecidedPerComposition(@TempDir Path tmp) throws Exception {
        Map<String, Double> level = new LinkedHashMap<>();
        level.put("phase2/FIFO", 1e5);
        level.put("phase2/LIFO", 1.5e5);
        level.put("phase3/FIFO", 1e5);
        level.put("phase3/LIFO", 1.5e5);
        Path dir = run(tmp.resolve("run"), level, new SplittableRandom(11));
        new ReportWriter(tmp.resolve("report")).write(RunResults.load(dir));
        String page = Files.readString(tmp.resolve("report").resolve("end-to-end.md"));
        assertTrue(row(page, "connection reuse: LIFO / FIFO (phase2)").contains("| faster |"), page);
        assertTrue(row(page, "connection reuse: LIFO / FIFO (phase3)").contains("| faster |"), page);
        assertTrue(row(page, "FIFO reuse | phase 3 (all three)").contains("equivalent"), page);
        assertTrue(row(page, "LIFO reuse | phase 3 (all three)").contains("equivalent"), page);
    }

    private static String row(String page, String step) {
        return page.lines().filter(l -> l.startsWith("|") && l.contains(step)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + step + " in\n" + page));
    }

    private static Path run(Path dir, Map<String, Double> levels, SplittableRandom rnd) throws Exception {
        Files.createDirectories(dir);
        int n = 0;
        for (Map.Entry<String, Double> e : levels.entrySet()) {
            ArrayNode forks = RunLayout.JSON.createArrayNode();
            for (int k = 0; k < 8; k++) {
                double f = e.getValue() * Math.exp(0.02 * rnd.nextGaussian());
                ArrayNode it = forks.addArray();
                for (int i = 0; i < 6; i++) {
                    it.add(f * Math.exp(0.01 * rnd.nextGaussian()));
                }
            }
            ObjectNode r = RunLayout.JSON.createObjectNode();
            r.put("benchmark", AttributionSection.BENCHMARK).put("mode", "thrpt").put("threads", 2).put("forks", 8)
                    .put("jdkVersion", "17.0.15");
            String[] variantAndReuse = e.getKey().split("/", 2); // "phase2/LIFO": a reuse order as well
            ObjectNode params = r.putObject("params").put("variant", variantAndReuse[0]).put("protocol", "TCP")
                    .put("window", "16").put("connections", "4").put("payloadSize", "64");
            if (variantAndReuse.length == 2) {
                params.put("reuse", variantAndReuse[1]);
            }
            ObjectNode pm = r.putObject("primaryMetric");
            pm.put("score", e.getValue()).put("scoreError", "NaN").put("scoreUnit", "ops/s");
            pm.set("rawData", forks);
            RunLayout.JSON.writeValue(dir.resolve("result-" + (n++) + ".json").toFile(),
                    RunLayout.JSON.createArrayNode().add(r));
        }
        return dir;
    }
}
