package dev.msgtrans.guide.port;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One suite, both implementations: the application's registry before ({@link RwLockPresenceRegistry}) and after
 * ({@link LockFreePresenceRegistry}) its migration must pass the same tests, including the races the lock used to
 * hide. Races are forced by a start latch and checked by invariants, never by timing.
 */
class PresenceRegistryTest {

    // tag::registry-implementations[]
    static Stream<Supplier<PresenceRegistry>> implementations() {
        return Stream.of(named(RwLockPresenceRegistry::new, "before: RwLockPresenceRegistry"),
                named(LockFreePresenceRegistry::new, "after: LockFreePresenceRegistry"));
    }
    // end::registry-implementations[]

    private static Supplier<PresenceRegistry> named(Supplier<PresenceRegistry> s, String name) {
        return new Supplier<>() {
            @Override
            public PresenceRegistry get() {
                return s.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void contractFromOneThread(Supplier<PresenceRegistry> impl) {
        PresenceRegistry r = impl.get();
        assertTrue(r.join(1, "alice"));
        assertFalse(r.join(1, "mallory"), "a session joins once");
        assertTrue(r.join(2, "bob"));
        assertTrue(r.join(3, "alice"), "one user may have several connections");
        assertEquals("alice", r.userOf(1));
        assertEquals(List.of("alice", "bob"), r.online(), "distinct and sorted");
        assertEquals(3, r.size());
        assertFalse(r.leave(2, "alice"), "conditional leave with another user");
        assertEquals("alice", r.leave(1));
        assertNull(r.leave(1));
        assertNull(r.userOf(1));
        assertEquals(2, r.size());
    }

    // tag::equal-not-identical[]
    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void conditionalLeaveWithAnEqualButNotIdenticalUserReportsItsRemoval(Supplier<PresenceRegistry> impl) {
        PresenceRegistry r = impl.get();
        r.join(7, "alice");
        String decoded = new String("alice"); // what decoding a LEAVE packet gives: equal, not identical
        assertTrue(r.leave(7, decoded), "the removal happened and must be reported");
        assertNull(r.userOf(7));
    }
    // end::equal-not-identical[]

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void racingJoinsOfOneSessionHaveExactlyOneWinner(Supplier<PresenceRegistry> impl) throws Exception {
        int threads = 4;
        for (int round = 0; round < 200; round++) {
            PresenceRegistry r = impl.get();
            AtomicInteger winners = new AtomicInteger();
            String[] winner = new String[1];
            runTogether(threads, i -> {
                if (r.join(42, "user" + i)) {
                    winners.incrementAndGet();
                    winner[0] = "user" + i;
                }
            });
            assertEquals(1, winners.get(), "round " + round);
            assertEquals(winner[0], r.userOf(42), "the winner's user is the one mapped");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("implementations")
    void concurrentJoinsAndLeavesLoseNothing(Supplier<PresenceRegistry> impl) throws Exception {
        PresenceRegistry r = impl.get();
        int threads = 4;
        int each = 2_000;
        // Each thread joins its own sessions (interleaved ids, so neighbours belong to different threads) and
        // leaves every second one again; readers' online() must never throw meanwhile.
        runTogether(threads, i -> {
            for (long s = i; s < (long) threads * each; s += threads) {
                assertTrue(r.join(s, "u" + s));
                if (s % 2 == 0) {
                    assertEquals("u" + s, r.leave(s));
                }
                if (s % 97 == 0) {
                    r.online();
                }
            }
        });
        assertEquals(threads * each / 2, r.size());
        Set<Long> seen = new HashSet<>();
        r.forEach((session, user) -> {
            assertEquals("u" + session, user);
            assertTrue(seen.add(session), "forEach visits a session once");
        });
        assertEquals(threads * each / 2, seen.size());
    }

    /** Runs {@code body(i)} on {@code n} threads released together; rethrows the first failure. */
    private static void runTogether(int n, ThreadBody body) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    synchronized (failure) {
                        if (failure[0] == null) {
                            failure[0] = e;
                        }
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    @FunctionalInterface
    private interface ThreadBody {
        void run(int thread) throws Exception;
    }
}
