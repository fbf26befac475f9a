package dev.msgtrans.variants.rwlock;

import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.variants.mutex.MutexBufferPool;
import dev.msgtrans.variants.mutex.MutexConnectionPool;
import dev.msgtrans.variants.mutex.MutexDispatch;
import dev.msgtrans.variants.mutex.MutexMailbox;
import dev.msgtrans.variants.mutex.MutexOutboundQueue;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class RwLockVariantTest {

    @Test
    void tablesUseTheReadWriteLockAndQueuesAndPoolsTheMutexImplementations() {
        Variant v = Variants.get(RwLockVariant.ALIAS);
        assertInstanceOf(RwLockVariant.class, v);
        assertEquals("mutex", Variants.get("mutex").alias(), "the mutex jar comes along as a dependency");
        assertInstanceOf(RwLockSessionRegistry.class, v.newSessionRegistry(8));
        assertInstanceOf(RwLockRequestTracker.class, v.newRequestTracker());
        assertInstanceOf(MutexMailbox.class, v.newMailbox(8));
        assertInstanceOf(MutexOutboundQueue.class, v.newOutboundQueue(8));
        assertInstanceOf(MutexBufferPool.class, v.newBufferPool(new int[]{16}, new int[]{1}, false));
        assertInstanceOf(MutexConnectionPool.class, v.newConnectionPool(new NoConnections(), 1));
        try (Dispatch d = v.newDispatch("rwlock-variant-test", 1, 4)) {
            assertInstanceOf(MutexDispatch.class, d);
            assertInstanceOf(RwLockActorSystem.class, v.newActorSystem(d, 8));
            assertInstanceOf(RwLockEventBus.class, v.newEventBus(d, 8));
        }
    }

    private static final class NoConnections implements dev.msgtrans.core.spi.ConnectionPool.Factory<Object> {
        @Override
        public Object create() {
            return new Object();
        }

        @Override
        public void destroy(Object connection) {
        }
    }
}
