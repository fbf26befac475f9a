package dev.msgtrans.harness.footprint;

import dev.msgtrans.core.spi.Variants;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The meter against structures of known size: a {@code long[16]} is a 16-byte array header and 128 bytes of
 * elements on a 64-bit HotSpot (144 bytes, with or without compressed class pointers or compact headers); storing
 * a reference to an existing object allocates nothing. A meter that reads the wrong thread, forgets to divide, or
 * measures before the items exist fails here.
 */
class AllocationMeterTest {

    private static final int N = 20_000;

    @Test
    void knownArrayIsMeasuredExactlyAndRetained() {
        AllocationMeter meter = new AllocationMeter();
        long[][] keep = new long[N][];
        AllocationMeter.PerItem p = meter.measure(N, i -> keep[i] = new long[16], keep);
        assertEquals(144.0, p.allocated(), 1.0, "allocated bytes per long[16]");
        assertTrue(p.retained() > 120 && p.retained() < 170, "retained bytes per long[16]: " + p.retained());
    }

    @Test
    void garbageIsAllocatedButNotRetained() {
        AllocationMeter meter = new AllocationMeter();
        Object[] sink = new Object[1];
        AllocationMeter.PerItem p = meter.measure(N, i -> sink[0] = new long[16], sink);
        assertEquals(144.0, p.allocated(), 1.0, "allocated bytes per long[16]");
        assertTrue(p.retained() < 20, "only the last array survives: " + p.retained());
    }

    @Test
    void noAllocationMeasuresZero() {
        AllocationMeter meter = new AllocationMeter();
        Object shared = new Object();
        Object[] keep = new Object[N];
        AllocationMeter.PerItem p = meter.measure(N, i -> keep[i] = shared, keep);
        assertEquals(0.0, p.allocated(), 0.5, "storing an existing reference allocates nothing");
    }

    @Test
    void everyRealVariantHasAPositiveFootprintPerComponent() throws InterruptedException {
        SessionFootprint f = new SessionFootprint(new AllocationMeter());
        for (String alias : Variants.realAliases()) {
            Map<String, AllocationMeter.PerItem> m = f.measure(Variants.get(alias), 2_000);
            assertEquals(SessionFootprint.COMPONENTS, m.keySet().stream().toList(), alias);
            m.forEach((component, p) -> assertTrue(p.allocated() > 0, alias + " " + component + " allocated "
                    + p.allocated()));
        }
    }

    @Test
    void jsonNamesEveryVariantComponentAndTotal() {
        String json = FootprintMain.json(Map.of("mutex", Map.of("registry", new AllocationMeter.PerItem(48, 40.5))),
                10, "workbench footprint --out \"x\"");
        assertTrue(json.contains("\"mutex\": {"), json);
        assertTrue(json.contains("\"registry\": {\"retained\": 40.5, \"allocated\": 48.0}"), json);
        assertTrue(json.contains("\"total\": {\"retained\": 40.5, \"allocated\": 48.0}"), json);
        assertTrue(json.contains("\"command\": \"workbench footprint --out \\\"x\\\"\""), json);
    }
}
