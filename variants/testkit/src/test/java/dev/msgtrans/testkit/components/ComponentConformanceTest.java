package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ConnectionPool;
import org.junit.jupiter.api.Nested;

import static dev.msgtrans.core.spi.Variants.get;
import static dev.msgtrans.testkit.components.StressLoad.DEFAULT;

/** The suite bound to every real variant on the test class path, one nested class per component. */
class ComponentConformanceTest {

    @Nested
    class SessionRegistryTest {
        @EachRealVariant
        void contract(String alias) {
            SessionRegistryConformance.contract(get(alias));
        }

        @EachRealVariant
        void noLostWrite(String alias) {
            SessionRegistryConformance.noLostWrite(get(alias), DEFAULT);
        }

        @EachRealVariant
        void putIfAbsentOneWinner(String alias) {
            SessionRegistryConformance.putIfAbsentOneWinner(get(alias), DEFAULT);
        }

        @EachRealVariant
        void forEachWeaklyConsistent(String alias) {
            SessionRegistryConformance.forEachWeaklyConsistent(get(alias), DEFAULT);
        }
    }

    @Nested
    class MailboxTest {
        @EachRealVariant
        void contract(String alias) {
            MailboxConformance.contract(get(alias));
        }

        @EachRealVariant
        void conservation(String alias) {
            MailboxConformance.conservation(get(alias), DEFAULT);
        }
    }

    @Nested
    class ActorSystemTest {
        @EachRealVariant
        void contract(String alias) throws Exception {
            ActorSystemConformance.contract(get(alias));
        }

        @EachRealVariant
        void fullMailboxAccounting(String alias) throws Exception {
            ActorSystemConformance.fullMailboxAccounting(get(alias));
        }

        @EachRealVariant
        void serialAndOrdered(String alias) {
            ActorSystemConformance.serialAndOrdered(get(alias), DEFAULT);
        }
    }

    @Nested
    class EventBusTest {
        @EachRealVariant
        void contract(String alias) throws Exception {
            EventBusConformance.contract(get(alias));
        }

        @EachRealVariant
        void deliveredOrCounted(String alias) throws Exception {
            EventBusConformance.deliveredOrCounted(get(alias), DEFAULT);
        }

        @EachRealVariant
        void publishAllocatesNothing(String alias) {
            EventBusConformance.publishAllocatesNothing(get(alias));
        }
    }

    @Nested
    class ConnectionPoolTest {
        @EachRealVariantAndReuse
        void contract(String alias, ConnectionPool.Reuse reuse) throws Exception {
            ConnectionPoolConformance.contract(get(alias), reuse);
        }

        @EachRealVariant
        void defaultReuseOrderIsFifo(String alias) throws Exception {
            ConnectionPoolConformance.reuseOrder(get(alias));
        }

        @EachRealVariantAndReuse
        void reuseOrder(String alias, ConnectionPool.Reuse reuse) throws Exception {
            ConnectionPoolConformance.reuseOrder(get(alias), reuse);
        }

        @EachRealVariantAndReuse
        void eviction(String alias, ConnectionPool.Reuse reuse) throws Exception {
            ConnectionPoolConformance.eviction(get(alias), reuse);
        }

        @EachRealVariantAndReuse
        void ownershipStorm(String alias, ConnectionPool.Reuse reuse) {
            ConnectionPoolConformance.ownershipStorm(get(alias), DEFAULT, reuse);
        }
    }

    @Nested
    class BufferPoolTest {
        @EachRealVariant
        void contract(String alias) {
            BufferPoolConformance.contract(get(alias));
        }

        @EachRealVariant
        void reuseOrder(String alias) {
            BufferPoolConformance.reuseOrder(get(alias));
        }

        @EachRealVariant
        void noSharingAndCapped(String alias) {
            BufferPoolConformance.noSharingAndCapped(get(alias), DEFAULT);
        }
    }

    @Nested
    class RequestTrackerTest {
        @EachRealVariant
        void contract(String alias) throws Exception {
            RequestTrackerConformance.contract(get(alias));
        }

        @EachRealVariant
        void uniqueMessageIds(String alias) {
            RequestTrackerConformance.uniqueMessageIds(get(alias), DEFAULT);
        }

        @EachRealVariant
        void exactlyOnce(String alias) {
            RequestTrackerConformance.exactlyOnce(get(alias), DEFAULT);
        }
    }

    @Nested
    class DispatchTest {
        @EachRealVariant
        void contract(String alias) {
            DispatchConformance.contract(get(alias));
        }

        @EachRealVariant
        void exactlyOnce(String alias) {
            DispatchConformance.exactlyOnce(get(alias), DEFAULT);
        }

        @EachRealVariant
        void idlePolicy(String alias) throws InterruptedException {
            DispatchConformance.idlePolicy(get(alias));
        }

        @EachRealVariant
        void interruptedCaller(String alias) throws InterruptedException {
            DispatchConformance.interruptedCaller(get(alias));
        }
    }

    @Nested
    class FailureTest {
        @EachRealVariant
        void reportedAndSurvived(String alias) throws Exception {
            FailureConformance.reportedAndSurvived(get(alias));
        }
    }

    @Nested
    class OutboundQueueTest {
        @EachRealVariant
        void contract(String alias) {
            OutboundQueueConformance.contract(get(alias));
        }

        @EachRealVariant
        void coalescedWakeUps(String alias) {
            OutboundQueueConformance.coalescedWakeUps(get(alias), DEFAULT);
        }
    }

    @Nested
    class TuningTest {
        @EachRealVariant
        void actorBatch(String alias) {
            TuningConformance.actorBatch(get(alias));
        }

        @EachRealVariant
        void eventBatch(String alias) {
            TuningConformance.eventBatch(get(alias));
        }
    }
}
