package dev.msgtrans.variants.mutex;

import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

class MutexVariantTest {

    @Test
    void isFoundByItsAliasAndBuildsTheMutexComponents() {
        Variant v = Variants.get(MutexVariant.ALIAS);
        assertInstanceOf(MutexVariant.class, v);
        assertEquals("mutex", v.alias());
        assertFalse(v.isControl());
        assertInstanceOf(MutexSessionRegistry.class, v.newSessionRegistry(8));
        assertInstanceOf(MutexMailbox.class, v.newMailbox(8));
        assertInstanceOf(MutexRequestTracker.class, v.newRequestTracker());
        assertInstanceOf(MutexOutboundQueue.class, v.newOutboundQueue(8));
        ManualDispatch d = new ManualDispatch();
        assertInstanceOf(MutexActorSystem.class, v.newActorSystem(d, 8));
        assertInstanceOf(MutexEventBus.class, v.newEventBus(d, 8));
    }
}
