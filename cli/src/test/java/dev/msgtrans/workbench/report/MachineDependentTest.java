package dev.msgtrans.workbench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.run.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A phase finding whose direction flips between two runs is "machine-dependent", never the run one prefers: two
 * synthetic runs of the session table (8 forks a side, 2% fork noise), lockfree 1.5x rwlock in one and 0.67x in
 * the other.
 */
class MachineDependentTest {

    @Test
    void aDirectionThatFlipsBetweenRunsIsMachineDependent(@TempDir Path tmp) throws Exception {
        Path now = run(tmp.resolve("now"), 1.5, new SplittableRandom(1));
        Path before = run(tmp.resolve("before"), 1 / 1.5, new SplittableRandom(2));
        new ReportWriter(tmp.resolve("alone")).write(RunResults.load(now));
        String alone = Files.readString(tmp.resolve("alone").resolve("phase-1-sessions.md"));
        assertTrue(alone.contains("**Migrate to lockfree"), alone);
        assertFalse(alone.contains("achine-dependent"), alone);

        new ReportWriter(tmp.resolve("both"), RunResults.load(before)).write(RunResults.load(now));
        String page = Files.readString(tmp.resolve("both").resolve("phase-1-sessions.md"));
        assertTrue(page.contains("**Machine-dependent: lockfree against rwlock changed direction"), page);
        assertTrue(page.contains("In the previous run: slower (ratio 0.6"), page);
        assertTrue(page.contains("**Machine-dependent:** the two runs disagree on the direction."), page);
        String index = Files.readString(tmp.resolve("both").resolve("README.md"));
        assertTrue(index.contains("--previous "), "the regenerate command names the earlier run: " + index);
        assertFalse(Files.readString(tmp.resolve("alone").resolve("README.md")).contains("--previous"));
    }

    /** One run directory of JMH-shaped files: rwlock at 1e6 ops/s, lockfree at {@code ratio} times that. */
    private static Path run(Path dir, double ratio, SplittableRandom rnd) throws Exception {
        Files.createDirectories(dir);
        int n = 0;
        for (String variant : new String[] {"rwlock", "lockfree"}) {
            double level = "rwlock".equals(variant) ? 1e6 : 1e6 * ratio;
            ArrayNode forks = RunLayout.JSON.createArrayNode();
            for (int k = 0; k < 8; k++) {
                double f = level * Math.exp(0.02 * rnd.nextGaussian());
                ArrayNode it = forks.addArray();
                for (int i = 0; i < 6; i++) {
                    it.add(f * Math.exp(0.02 * rnd.nextGaussian()));
                }
            }
            ObjectNode r = RunLayout.JSON.createObjectNode();
            r.put("benchmark", "dev.msgtrans.harness.sessions.SessionRegistryBenchmark.mixed").put("mode", "thrpt")
                    .put("threads", 1).put("forks", 8).put("jdkVersion", "17.0.15");
            r.putObject("params").put("variant", variant).put("readPercent", "90").put("keySpace", "1000");
            ObjectNode pm = r.putObject("primaryMetric");
            pm.put("score", level).put("scoreError", "NaN").put("scoreUnit", "ops/s");
            pm.set("rawData", forks);
            RunLayout.JSON.writeValue(dir.resolve("result-" + (n++) + ".json").toFile(),
                    RunLayout.JSON.createArrayNode().add(r));
        }
        return dir;
    }
}
