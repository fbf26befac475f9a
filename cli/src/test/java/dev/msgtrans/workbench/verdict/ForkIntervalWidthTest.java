package dev.msgtrans.workbench.verdict;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.msgtrans.workbench.run.EntryRecord;
import dev.msgtrans.workbench.run.RunLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In a run of two builds the adaptive rounds chase the intervals a comparison of builds decides (a side against
 * itself in the other build), not the pairs of different variants nobody compares there: mutex noisy in base and
 * lockfree noisy in head make the cross-variant pair the widest, which must not count.
 */
class ForkIntervalWidthTest {

    @Test
    void aRunOfBuildsCountsOnlyTheSameSideAcrossBuilds(@TempDir Path dir) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        List<EntryRecord> builds = new ArrayList<>();
        List<EntryRecord> plain = new ArrayList<>();
        int i = 0;
        for (String build : new String[] {"base", "head"}) {
            for (String variant : new String[] {"mutex", "lockfree"}) {
                boolean noisy = build.equals("base") == variant.equals("mutex");
                String file = write(dir, i, variant, noisy ? 0.10 : 0.01, rnd);
                builds.add(entry(i, variant, build, file));
                plain.add(entry(i, variant, null, file));
                i++;
            }
        }
        ForkIntervalWidth w = new ForkIntervalWidth();
        double decided = w.widest(builds, dir);
        double everyPair = w.widest(plain, dir);
        assertTrue(Double.isFinite(decided) && decided > 0, "width " + decided);
        assertTrue(decided < everyPair / 1.2, "same side across builds " + decided + ", every pair " + everyPair);
    }

    private static EntryRecord entry(int index, String variant, String build, String file) {
        List<Integer> rounds = List.of(1, 2, 3, 4, 5, 6, 7, 8);
        return new EntryRecord(index, "P " + variant + (build == null ? "" : " @" + build), "gate",
                "a.PBenchmark.run", "^a", Map.of("variant", variant), 1, null, "jdk17", "ok", 0, file, null,
                List.of(), null, 1, 1, List.of(), null, "P", List.of(), rounds, build);
    }

    private static String write(Path dir, int n, String variant, double forkSd, SplittableRandom rnd)
            throws Exception {
        ArrayNode forks = RunLayout.JSON.createArrayNode();
        for (int k = 0; k < 8; k++) {
            double f = 1e6 * Math.exp(forkSd * rnd.nextGaussian());
            ArrayNode it = forks.addArray();
            for (int j = 0; j < 6; j++) {
                it.add(f * Math.exp(0.002 * rnd.nextGaussian()));
            }
        }
        ObjectNode r = RunLayout.JSON.createObjectNode();
        r.put("benchmark", "a.PBenchmark.run").put("mode", "thrpt").put("threads", 1).put("forks", 8)
                .put("jdkVersion", "17.0.15");
        r.putObject("params").put("variant", variant);
        ObjectNode pm = r.putObject("primaryMetric");
        pm.put("score", 1e6).put("scoreError", "NaN").put("scoreUnit", "ops/s");
        pm.set("rawData", forks);
        String file = "result-" + n + ".json";
        RunLayout.JSON.writeValue(dir.resolve(file).toFile(), RunLayout.JSON.createArrayNode().add(r));
        return file;
    }
}
