package dev.msgtrans.testkit.components;

import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;

import java.util.ArrayList;
import java.util.List;

/**
 * The suite's index: the variants it is bound to, and every concurrent check by name, so that a harness (or the
 * test proving the suite can fail) can run them all against one variant.
 */
public final class ConformanceSuite {

    private ConformanceSuite() {
    }

    /** One concurrent check of one component. */
    @FunctionalInterface
    public interface Check {
        void run(Variant variant, StressLoad load) throws Exception;
    }

    /**
     * @param component the SPI interface checked
     * @param name      the property, as reports show it
     */
    public record NamedCheck(String component, String name, Check check) {
        @Override
        public String toString() {
            return component + ": " + name;
        }
    }

    /** The real (non-control) variants on the class path; the {@link EachRealVariant} source. */
    public static List<String> realAliases() {
        return Variants.realAliases();
    }

    /**
     * Every real variant with every {@link ConnectionPool.Reuse} order, as {@code {alias, reuse}} pairs; the
     * {@link EachRealVariantAndReuse} source.
     */
    public static List<Object[]> realAliasesAndReuseOrders() {
        List<Object[]> pairs = new ArrayList<>();
        for (String alias : realAliases()) {
            for (ConnectionPool.Reuse reuse : ConnectionPool.Reuse.values()) {
                pairs.add(new Object[] {alias, reuse});
            }
        }
        return pairs;
    }

    /** Every concurrent check, in migration-phase order. */
    public static List<NamedCheck> concurrentChecks() {
        return List.of(
                new NamedCheck("SessionRegistry", "no lost write", SessionRegistryConformance::noLostWrite),
                new NamedCheck("SessionRegistry", "putIfAbsent has one winner", SessionRegistryConformance::putIfAbsentOneWinner),
                new NamedCheck("SessionRegistry", "forEach is weakly consistent", SessionRegistryConformance::forEachWeaklyConsistent),
                new NamedCheck("Mailbox", "conservation in producer order", MailboxConformance::conservation),
                new NamedCheck("ActorSystem", "serial and ordered", ActorSystemConformance::serialAndOrdered),
                new NamedCheck("EventBus", "delivered or counted", EventBusConformance::deliveredOrCounted),
                new NamedCheck("ConnectionPool", "ownership storm", ConnectionPoolConformance::ownershipStorm),
                new NamedCheck("ConnectionPool", "ownership storm, LIFO reuse", (v, load) ->
                        ConnectionPoolConformance.ownershipStorm(v, load, ConnectionPool.Reuse.LIFO)),
                new NamedCheck("BufferPool", "no sharing, capped", BufferPoolConformance::noSharingAndCapped),
                new NamedCheck("RequestTracker", "unique message ids", RequestTrackerConformance::uniqueMessageIds),
                new NamedCheck("RequestTracker", "exactly once", RequestTrackerConformance::exactlyOnce),
                new NamedCheck("Dispatch", "exactly once", DispatchConformance::exactlyOnce),
                new NamedCheck("OutboundQueue", "coalesced wake-ups strand nothing", OutboundQueueConformance::coalescedWakeUps));
    }
}
