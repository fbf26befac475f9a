package dev.msgtrans.harness;

import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.harness.channels.Channels;
import dev.msgtrans.harness.sessions.ConcurrentHashMapSessionRegistry;
import dev.msgtrans.harness.sessions.SessionRegistryBenchmark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every alias a benchmark lists by default must resolve, so a typo in a {@code @Param} fails the build rather than
 * a night's run; and no benchmark lists the deliberately broken control by default. Reads the list JMH's
 * annotation processor generated, so a new benchmark class is checked without being named here.
 */
class BenchmarkParamsTest {

    private static List<BenchmarkListEntry> entries;

    @BeforeAll
    static void readBenchmarkList() throws IOException {
        try (InputStream in = BenchmarkParamsTest.class.getResourceAsStream(BenchmarkList.BENCHMARK_LIST)) {
            assertNotNull(in, "no " + BenchmarkList.BENCHMARK_LIST + ": did the JMH annotation processor run?");
            entries = BenchmarkList.readBenchmarkList(in);
        }
        assertFalse(entries.isEmpty(), "the generated benchmark list is empty");
    }

    private static String[] defaults(BenchmarkListEntry e, String param) {
        Map<String, String[]> params = e.getParams().orElse(Collections.emptyMap());
        return params.getOrDefault(param, new String[0]);
    }

    @Test
    void everyVariantParamResolvesAndNoneIsTheControl() {
        List<String> checked = new ArrayList<>();
        for (BenchmarkListEntry e : entries) {
            boolean endToEnd = e.getUserClassQName().startsWith("dev.msgtrans.harness.e2e.")
                    || e.getUserClassQName().startsWith("dev.msgtrans.harness.seed."); // presets, not variants
            for (String alias : defaults(e, "variant")) {
                String where = e.getUsername() + " variant=" + alias;
                if (alias.equals(ConcurrentHashMapSessionRegistry.ALIAS)
                        && e.getUserClassQName().equals(SessionRegistryBenchmark.class.getName())) {
                    continue; // the reference row, built by the benchmark itself
                }
                if (endToEnd) {
                    assertFalse(Composition.resolve(alias).usesControl(), where + " uses the control variant");
                } else {
                    assertFalse(Variants.get(alias).isControl(), where + " is the control variant");
                }
                checked.add(where);
            }
            for (String alias : defaults(e, "dispatch")) {
                assertFalse(Variants.get(alias).isControl(), e.getUsername() + " dispatch=" + alias + " is the control");
            }
        }
        assertTrue(checked.size() >= 10, "expected every component benchmark to have a variant param, found " + checked);
    }

    @Test
    void everyChannelImplParamIsKnown() {
        int checked = 0;
        for (BenchmarkListEntry e : entries) {
            if (e.getUserClassQName().startsWith("dev.msgtrans.harness.channels.")) {
                String[] impls = defaults(e, "impl");
                assertTrue(impls.length > 0, e.getUsername() + " has no impl param");
                for (String impl : impls) {
                    Channels.requireKnown(impl);
                    checked++;
                }
            }
        }
        assertTrue(checked >= Channels.KNOWN.size(), "channel benchmarks list only " + checked + " rows");
    }

    @Test
    void unknownVariantFailsTheSetupNamingTheKnownOnes() {
        SessionRegistryBenchmark bench = new SessionRegistryBenchmark();
        bench.variant = "lockfrei";
        bench.readPercent = 90;
        bench.keySpace = 10;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bench::setUp);
        assertTrue(e.getMessage().contains("lockfree") && e.getMessage().contains("mutex"), e.getMessage());
    }

    @Test
    void sessionRegistryReferenceRowWorksThroughTheSetup() {
        SessionRegistryBenchmark bench = new SessionRegistryBenchmark();
        bench.variant = ConcurrentHashMapSessionRegistry.ALIAS;
        bench.readPercent = 50;
        bench.keySpace = 100;
        bench.setUp();
        ConcurrentHashMapSessionRegistry<Object> reg = new ConcurrentHashMapSessionRegistry<>(4);
        Object a = new Object();
        assertEquals(null, reg.putIfAbsent(1, a));
        assertEquals(a, reg.putIfAbsent(1, new Object()));
        assertTrue(reg.remove(1, a));
        assertEquals(0, reg.size());
    }
}
