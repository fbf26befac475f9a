package dev.msgtrans.variants.lockfree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LockFreeVariantTest {

    @Test
    void isFoundByItsAliasThroughServiceLoader() {
        Variant v = Variants.get(LockFreeVariant.ALIAS);
        assertInstanceOf(LockFreeVariant.class, v);
        assertEquals("lockfree", v.alias());
        assertFalse(v.isControl());
        assertEquals(v, Composition.resolve("lockfree").variant(Phase.OUTBOUND_IO));
    }

    @Test
    void factoriesReturnTheLockFreeComponents() {
        Variant v = new LockFreeVariant();
        assertInstanceOf(LockFreeSessionRegistry.class, v.newSessionRegistry(16));
        assertInstanceOf(LockFreeMailbox.class, v.newMailbox(16));
        assertInstanceOf(LockFreeRequestTracker.class, v.newRequestTracker());
        assertInstanceOf(LockFreeOutboundQueue.class, v.newOutboundQueue(16));
        assertInstanceOf(LockFreeBufferPool.class,
                v.newBufferPool(BufferPool.DEFAULT_CLASS_SIZES, BufferPool.DEFAULT_CLASS_CAPS, false));
        assertInstanceOf(LockFreeConnectionPool.class, v.newConnectionPool(new LockFreeConnectionPoolTest.Factory(), 4));
        try (Dispatch d = v.newDispatch("lf-variant-test", 1, 16)) {
            assertInstanceOf(LockFreeDispatch.class, d);
            assertInstanceOf(LockFreeActorSystem.class, v.newActorSystem(d, 16));
            assertInstanceOf(LockFreeEventBus.class, v.newEventBus(d, 16));
        }
    }

    /** The engine passes the transport's dispatch idle settings through the five-argument factory; they must arrive. */
    @Test
    void dispatchTakesTheTransportsIdleSettings() throws Exception {
        Variant v = new LockFreeVariant();
        try (Dispatch d = v.newDispatch("lf-variant-idle", 1, 16, 7, 3)) {
            LockFreeDispatch lf = assertInstanceOf(LockFreeDispatch.class, d);
            assertEquals(7, lf.spins());
            assertEquals(3, lf.yields());
            CountDownLatch ran = new CountDownLatch(1);
            d.execute(ran::countDown);
            assertTrue(ran.await(Concurrently.LIVENESS_SECONDS, TimeUnit.SECONDS), "task never ran");
        }
        try (LockFreeDispatch d = new LockFreeDispatch("lf-variant-defaults", 1, 16)) {
            assertEquals(TransportConfig.DEFAULT_DISPATCH_SPINS, d.spins());
            assertEquals(TransportConfig.DEFAULT_DISPATCH_YIELDS, d.yields());
        }
    }
}
