package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.OverflowPolicy;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.PacketType;
import dev.msgtrans.core.Protocol;
import dev.msgtrans.core.SendResult;
import dev.msgtrans.core.TransportClient;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportException;
import dev.msgtrans.core.TransportServer;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.spi.ConnectionPool;
import dev.msgtrans.core.spi.Variants;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.e2e.EventRecorder;
import dev.msgtrans.testkit.e2e.RawFrames;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static dev.msgtrans.testkit.e2e.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Faults injected into a live transport while other traffic flows, for every target: peers leaving mid-frame (clean
 * FIN and TCP reset, many at once), the server closing sessions under concurrent senders, peers that stop reading,
 * an event subscriber that stops requesting, requests timing out under load, and a connection pool run dry. Each
 * case checks that the fault stays with its own session or subscriber, that every refusal or drop is counted, and
 * that nothing is left behind. Waits are liveness bounds, never speed assertions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FaultInjectionTest {

    private static final Duration PATIENCE = EventRecorder.PATIENCE;
    /** Queues sized for the bursts of the innocent traffic: these cases are about the faults, not overflow. */
    private static final int ROOM = 16_384;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void manyPeersLeavingMidFrameAtOnceDisturbNobodyElse(E2eTarget t) throws Exception {
        int leavers = 48;
        int frames = 5_000;
        // the outcome subscriber must not drop a ConnectionClosed among the echo traffic's MessageReceived events
        try (TransportServer server = t.server().handler(MessageHandler.echo()).mailboxCapacity(ROOM)
                .outboundCapacity(ROOM).eventBufferCapacity(1 << 16).startServer()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            Sequenced good = new Sequenced(frames);
            try (TransportClient client = t.client(server.address()).mailboxCapacity(ROOM).outboundCapacity(ROOM)
                    .handler(good).connect()) {
                List<FaultyPeer> peers = new ArrayList<>();
                List<Long> sessions = new ArrayList<>();
                byte[] half = RawFrames.prefix(RawFrames.oneWay(1, new byte[100]), RawFrames.HEADER_SIZE + 40);
                for (int i = 0; i < leavers; i++) {
                    FaultyPeer p = FaultyPeer.open(t.protocol(), server.address());
                    peers.add(p);
                    sessions.add(p.serverSession(outcomes));
                    p.write(RawFrames.oneWay(1, new byte[]{(byte) i})); // one whole frame first
                    p.write(half);
                }
                Thread sender = new Thread(() -> good.sendAll(client), "good-sender");
                sender.start();
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> closers = new ArrayList<>();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                for (int c = 0; c < 4; c++) {
                    int from = c;
                    closers.add(new Thread(() -> {
                        try {
                            go.await();
                            for (int i = from; i < leavers; i += 4) {
                                if (i % 2 == 0) {
                                    peers.get(i).finish();   // FIN after half a frame
                                } else {
                                    peers.get(i).reset();    // RST (TCP); in memory a FIN as well
                                }
                            }
                        } catch (Throwable e) {
                            failure.compareAndSet(null, e);
                        }
                    }, "leaver-" + c));
                }
                closers.forEach(Thread::start);
                go.countDown();
                for (Thread th : closers) {
                    th.join();
                }
                assertNull(failure.get());
                int midFrame = 0;
                for (int i = 0; i < leavers; i++) {
                    SessionOutcomes.Outcome o = outcomes.awaitClosed(sessions.get(i));
                    if (o.reason() == CloseReason.PEER_CLOSED_MID_FRAME) {
                        assertEquals("TRUNCATED_FRAME", o.firstCause());
                        midFrame++;
                    } else {
                        // a reset may discard bytes the server had not read yet: then it is a plain I/O failure
                        assertTrue(t.protocol() == Protocol.TCP && i % 2 == 1, "session " + sessions.get(i) + ": " + o);
                        assertEquals(CloseReason.IO_ERROR, o.reason(), o.toString());
                        assertEquals("IO", o.firstCause());
                    }
                }
                sender.join();
                good.awaitAll();
                for (FaultyPeer p : peers) {
                    p.close();
                }
                int finished = midFrame;
                eventually(() -> {
                    TransportStats s = server.stats();
                    assertEquals(1, s.sessionsActive());
                    assertEquals(leavers, s.sessionsClosed());
                    assertEquals(0, s.protocolErrors(), "a peer leaving is not a protocol error");
                    assertTrue(s.packetsReceived() >= frames + leavers / 2 && s.packetsReceived() <= frames + leavers,
                            s.packetsReceived() + " packets");
                });
                System.out.printf("[faults] %s: %d peers left mid-frame at once (%d seen mid-frame, %d as resets)"
                        + " while %d frames echoed in order%n", t, leavers, finished, leavers - finished, frames);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void closingSessionsWhileOthersSendToThem(E2eTarget t) throws Exception {
        int connections = 8;
        int tail = 500; // sends after the last close, per sender: every one of them must meet NO_SESSION
        try (TransportServer server = t.server().handler(MessageHandler.echo()).outboundCapacity(ROOM).startServer();
             TransportClient client = t.client(server.address()).connections(connections)
                     .handler((ctx, p) -> {
                         if (p.type() == PacketType.REQUEST) {
                             ctx.reply(p, p.payload());
                         }
                     }).connect()) {
            eventually(() -> assertEquals(connections, server.sessions().size()));
            List<Long> ids = server.sessions();
            Map<SendResult, AtomicLong> results = new EnumMap<>(SendResult.class);
            for (SendResult r : SendResult.values()) {
                results.put(r, new AtomicLong());
            }
            List<CompletableFuture<Packet>> requests = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong progress = new AtomicLong();
            AtomicBoolean allClosed = new AtomicBoolean();
            AtomicInteger closes = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                SplittableRandom rnd = new SplittableRandom(w);
                senders.add(new Thread(() -> {
                    try {
                        // until the closer is done, then a tail; bounded in count whatever happens
                        for (int i = 0, after = 0; after < tail && i < 2_000_000; i++) {
                            if (allClosed.get()) {
                                after++;
                            } else {
                                // at most about 1,000 operations between two closes, so the run stays small
                                while (progress.get() >= (closes.get() + 1) * 1_000L + 500 && !allClosed.get()) {
                                    Thread.yield();
                                }
                            }
                            long id = ids.get(rnd.nextInt(ids.size()));
                            if (i % 10 == 0) {
                                requests.add(server.request(id, Packet.request(1, new byte[]{(byte) i}), PATIENCE));
                            } else {
                                results.get(server.send(id, Packet.oneWay(1, new byte[]{(byte) i}))).incrementAndGet();
                            }
                            progress.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "sender-" + w));
            }
            senders.forEach(Thread::start);
            List<Long> order = new ArrayList<>(ids);
            Collections.shuffle(order, new java.util.Random(42));
            int closedNow = 0;
            for (long id : order) {
                // spread the closes over the senders' run by their progress, not by the clock
                long mark = (closes.get() + 1) * 1_000L;
                while (progress.get() < mark && senders.stream().anyMatch(Thread::isAlive)) {
                    Thread.onSpinWait();
                }
                assertTrue(server.close(id), "session " + id + " closes once");
                closes.incrementAndGet();
                closedNow++;
            }
            allClosed.set(true);
            for (Thread th : senders) {
                th.join();
            }
            assertNull(failure.get(), () -> "an exception escaped a send: " + failure.get());
            assertEquals(0, results.get(SendResult.OUTBOUND_FULL).get() + results.get(SendResult.CLOSED).get(),
                    "only QUEUED or NO_SESSION: " + results);
            assertTrue(results.get(SendResult.NO_SESSION).get() >= 3L * tail * 9 / 10,
                    "the sends after the last close (and the ones racing it) met NO_SESSION: " + results);
            long ok = 0;
            long refused = 0;
            for (CompletableFuture<Packet> f : requests) {
                try {
                    f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    ok++;
                } catch (ExecutionException e) {
                    assertInstanceOf(TransportException.class, e.getCause(), "a request on a closed session fails, never times out");
                    refused++;
                }
            }
            long okRequests = ok;
            long failedRequests = refused;
            long noSession = results.get(SendResult.NO_SESSION).get();
            eventually(() -> {
                TransportStats s = server.stats();
                assertEquals(0, s.sessionsActive());
                assertEquals(connections, s.sessionsClosed());
                assertEquals(0, s.requestsPending(), "no request entry outlives its session");
                assertEquals(okRequests, s.requestsCompleted());
                assertEquals(failedRequests, s.requestsFailed());
                assertEquals(0, s.requestsTimedOut());
                assertTrue(s.sendsToMissingSession() >= noSession
                        && s.sendsToMissingSession() <= noSession + failedRequests, s.toString());
            });
            for (long id : ids) {
                assertEquals(SendResult.NO_SESSION, server.send(id, Packet.oneWay(1, new byte[0])));
            }
            System.out.printf("[faults] %s: %d sessions closed under 3 senders; sends %s; requests %d answered,"
                    + " %d failed with the session%n", t, closedNow, results, ok, refused);
        }
    }

    /**
     * Peers that stop reading: each one's outbound queue fills to its bound and further sends are refused and
     * counted, while a healthy session keeps its round trips; once they read again every frame that was queued
     * arrives, and nothing more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void stalledReadersAreBoundedAndCountedWhileOthersFlow(E2eTarget t) throws Exception {
        int stalled = 6;
        int capacity = 16;
        byte[] payload = new byte[16 * 1024];
        long frameLength = RawFrames.HEADER_SIZE + payload.length;
        try (TransportServer server = t.server().handler(MessageHandler.echo()).outboundCapacity(capacity)
                .overflowPolicy(OverflowPolicy.FAIL_SEND).eventBufferCapacity(1 << 16).startServer();
             TransportClient healthy = t.client(server.address()).connect()) {
            SessionOutcomes outcomes = SessionOutcomes.subscribe(server.events(), PATIENCE);
            List<FaultyPeer> peers = new ArrayList<>();
            try {
                long[] sessions = new long[stalled];
                for (int i = 0; i < stalled; i++) {
                    FaultyPeer p = FaultyPeer.open(t.protocol(), server.address());
                    peers.add(p);
                    p.stopReading();
                    sessions[i] = p.serverSession(outcomes);
                }
                AtomicLong healthyTrips = new AtomicLong();
                AtomicReference<Throwable> failure = new AtomicReference<>();
                Thread pinger = new Thread(() -> {
                    try {
                        for (int i = 0; i < 200; i++) {
                            byte[] q = {(byte) i};
                            assertArrayEquals(q, healthy.request(Packet.request(1, q), PATIENCE)
                                    .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload());
                            healthyTrips.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "healthy-pinger");
                pinger.start();
                long[] queued = new long[stalled];
                long refused = 0;
                for (int i = 0; i < stalled; i++) {
                    int refusedInARow = 0;
                    // the kernel's socket buffers take some frames before the queue fills; the attempts are bounded
                    for (int n = 0; n < 20_000 && refusedInARow < 200; n++) {
                        SendResult r = server.send(sessions[i], Packet.oneWay(1, payload));
                        if (r == SendResult.QUEUED) {
                            queued[i]++;
                            refusedInARow = 0;
                        } else {
                            assertEquals(SendResult.OUTBOUND_FULL, r);
                            refused++;
                            refusedInARow++;
                            Thread.onSpinWait();
                        }
                    }
                    assertEquals(200, refusedInARow, "sends to a peer that does not read end up refused");
                    if (t.protocol() == Protocol.MEMORY) {
                        assertEquals(capacity, queued[i], "in memory nothing drains a stalled pipe: exactly the bound");
                    } else {
                        assertTrue(queued[i] < 1_000, queued[i] + " frames of 16 KiB taken for a peer that never reads");
                    }
                }
                pinger.join();
                assertNull(failure.get(), () -> "the healthy session suffered: " + failure.get());
                assertEquals(200, healthyTrips.get());
                TransportStats s = server.stats();
                assertEquals(refused, s.sendsRefused(), "every refusal counted");
                assertEquals(stalled + 1, s.sessionsActive(), "FAIL_SEND keeps the sessions");
                for (int i = 0; i < stalled; i++) {
                    long want = queued[i] * frameLength;
                    assertEquals(want, peers.get(i).drain(want, PATIENCE), "stalled peer " + i + " gets every queued frame");
                }
                for (int i = 0; i < stalled; i++) {
                    assertNull(outcomes.closedOrNull(sessions[i]), "still open");
                }
                System.out.printf("[faults] %s: %d stalled readers, %d sends refused and counted, queued per peer %s;"
                        + " healthy session 200/200 round trips%n", t, stalled, refused, java.util.Arrays.toString(queued));
            } finally {
                for (FaultyPeer p : peers) {
                    p.close();
                }
            }
        }
    }

    /**
     * A subscriber that requests 8 events and then nothing: it gets exactly 8 (the first is the replayed
     * {@code ServerStarted}, which is not on the bus and so neither published nor dropped), the rest is buffered up to the bound
     * and dropped beyond it, every drop counted; a subscriber that keeps requesting loses nothing meanwhile. When the
     * stalled one requests again it gets at most the bound, so delivered + dropped accounts for every event.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aStalledSubscriberLosesOnlyItsOwnEventsAndCountsThem(E2eTarget t) throws Exception {
        int capacity = 64;
        int trips = 1_000;
        try (TransportServer server = t.server().handler(MessageHandler.echo()).eventBufferCapacity(capacity)
                .startServer()) {
            // Both subscribe before the client connects, so the session's ConnectionEstablished is their first
            // event. (Subscribing once sessions() lists the session raced it: the session is registered just
            // before its event is published, so the event could land after the subscriptions and skew the counts.)
            CountingSubscriber stalled = new CountingSubscriber(8);
            CountingSubscriber keen = new CountingSubscriber(Long.MAX_VALUE);
            server.events().subscribe(stalled);
            server.events().subscribe(keen);
            stalled.awaitSubscribed();
            keen.awaitSubscribed();
            keen.awaitReceived(1); // ServerStarted, replayed to each subscriber
            stalled.awaitReceived(1);
            long before = server.stats().eventsPublished();
            long events = trips + 1; // ConnectionEstablished, then one MessageReceived per request
            try (TransportClient client = t.client(server.address()).connect()) {
                keen.awaitReceived(2);
                stalled.awaitReceived(2);
                for (int i = 0; i < trips; i++) {
                    byte[] q = {(byte) i};
                    client.request(Packet.request(1, q), PATIENCE).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    // Lock step with the deliveries (each request is one MessageReceived on the server): the keen
                    // subscriber never has more than one event outstanding, so its buffer cannot overflow however
                    // the event thread is scheduled, and the stalled one's drops are exact.
                    keen.awaitReceived(i + 3);
                    stalled.awaitReceived(Math.min(i + 3, 8));
                }
                assertEquals(events, server.stats().eventsPublished() - before);
                assertEquals(events + 1, keen.received.get(), "the keen subscriber lost nothing");
                assertEquals(8, stalled.received.get(), "a stalled subscriber gets what it asked for, no more");
                assertEquals(events - 7 - capacity, server.stats().eventsDropped(),
                        "everything beyond its demand and its buffer of " + capacity + " dropped, and counted");
                stalled.subscription.request(Long.MAX_VALUE);
                stalled.awaitReceived(8 + capacity);
                assertEquals(events, stalled.received.get() - 1 + server.stats().eventsDropped(),
                        "delivered + dropped = published");
                System.out.printf("[faults] %s: stalled subscriber: %d events published, %d dropped and counted, %d"
                        + " held for it (bound %d); keen subscriber got all%n", t, events,
                        server.stats().eventsDropped(), stalled.received.get() - 8, capacity);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void requestTimeoutsUnderLoadLeaveNoEntries(E2eTarget t) throws Exception {
        int threads = 4;
        int perThread = 300;
        Duration timeout = Duration.ofMillis(50);
        // even first byte: answered; odd: never answered. One-way packets are echoed as load.
        MessageHandler halfDeaf = (ctx, p) -> {
            if (p.type() != PacketType.REQUEST) {
                ctx.send(p);
            } else if ((p.payload()[0] & 1) == 0) {
                ctx.reply(p, p.payload());
            }
        };
        try (TransportServer server = t.server().handler(halfDeaf).mailboxCapacity(ROOM).outboundCapacity(ROOM)
                .startServer();
             TransportClient client = t.client(server.address()).connections(2).requestTickMillis(5)
                     .mailboxCapacity(ROOM).outboundCapacity(ROOM).connect()) {
            List<CompletableFuture<Packet>> futures = Collections.synchronizedList(new ArrayList<>());
            List<Boolean> answered = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> ts = new ArrayList<>();
            ts.add(new Thread(() -> {
                for (int i = 0; i < 5_000; i++) {
                    client.send(Packet.oneWay(1, new byte[64])); // load; its results do not matter here
                }
            }, "load"));
            for (int w = 0; w < threads; w++) {
                ts.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < perThread; i++) {
                            byte[] q = {(byte) i, 7};
                            CompletableFuture<Packet> f = client.request(Packet.request(1, q), timeout);
                            synchronized (futures) {
                                futures.add(f);
                                answered.add((i & 1) == 0);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "requester-" + w));
            }
            ts.forEach(Thread::start);
            for (Thread th : ts) {
                th.join();
            }
            assertNull(failure.get());
            long ok = 0;
            long timedOut = 0;
            long lateAnswered = 0;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    futures.get(i).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                    assertTrue(answered.get(i), "an unanswered request cannot complete");
                    ok++;
                } catch (ExecutionException e) {
                    assertInstanceOf(TimeoutException.class, e.getCause(), "the only failure here is the deadline");
                    timedOut++;
                    if (answered.get(i)) {
                        lateAnswered++;
                    }
                }
            }
            long total = (long) threads * perThread;
            assertEquals(total, ok + timedOut);
            assertTrue(timedOut >= total / 2, "every unanswered request timed out");
            long okF = ok;
            long toF = timedOut;
            long lateF = lateAnswered;
            eventually(() -> {
                TransportStats s = client.stats();
                assertEquals(0, s.requestsPending(), "no entry left behind");
                assertEquals(okF, s.requestsCompleted());
                assertEquals(toF, s.requestsTimedOut());
                assertEquals(0, s.requestsFailed());
                assertEquals(lateF, s.unmatchedResponses(), "answers after the deadline are counted as unmatched");
            });
            System.out.printf("[faults] %s: %d requests under load, %d answered, %d timed out (%d of them answered"
                    + " late), 0 pending after%n", t, total, ok, timedOut, lateAnswered);
        }
    }

    /** The pool component itself, per variant: a pool of one, held, times out naming its size. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realVariants")
    void anExhaustedPoolTimesOutNamingItsSize(String alias) throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (ConnectionPool<Integer> pool = Variants.get(alias).newConnectionPool(new ConnectionPool.Factory<>() {
            @Override
            public Integer create() {
                return made.incrementAndGet();
            }

            @Override
            public void destroy(Integer connection) {
                // nothing to release
            }
        }, 1)) {
            ConnectionPool.Lease<Integer> held = pool.acquire(1, TimeUnit.SECONDS);
            TimeoutException e = assertThrows(TimeoutException.class, () -> pool.acquire(20, TimeUnit.MILLISECONDS));
            assertTrue(e.getMessage().contains("maximum of 1 connection"), e.getMessage());
            assertEquals(1, pool.total());
            pool.release(held);
            pool.release(pool.acquire(1, TimeUnit.SECONDS));
            assertEquals(1, made.get(), "one connection, reused");
        }
    }

    static List<String> realVariants() {
        return Variants.realAliases();
    }

    /**
     * Through the client: one pooled connection, several threads sending frames and requests whose encoding holds
     * the lease for a while, a 1 ms acquire timeout. The losers get a TransportException naming the pool size
     * (thrown by send, failing the request's future), each counted once in poolAcquireTimeouts, the requests also in
     * requestsFailed; the client works on.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void aClientWhosePoolIsExhaustedSaysSo(E2eTarget t) throws Exception {
        byte[] payload = new byte[192 * 1024];
        new SplittableRandom(1).nextBytes(payload); // incompressible: deflating it keeps the lease for a while
        Packet heavy = Packet.oneWay(1, payload).withCompression(dev.msgtrans.core.Compression.ZLIB);
        Packet heavyRequest = Packet.request(1, payload).withCompression(dev.msgtrans.core.Compression.ZLIB);
        MessageHandler answerBriefly = (ctx, p) -> {
            if (p.type() == PacketType.REQUEST) {
                ctx.reply(p, new byte[0]);
            }
        };
        try (TransportServer server = t.server().handler(answerBriefly).startServer();
             TransportClient client = t.client(server.address()).connections(1).acquireTimeoutMillis(1).connect()) {
            AtomicReference<TransportException> seen = new AtomicReference<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger sendTimeouts = new AtomicInteger();
            List<CompletableFuture<Packet>> requests = new CopyOnWriteArrayList<>();
            List<Thread> ts = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                boolean requester = w % 2 == 1;
                ts.add(new Thread(() -> {
                    try {
                        for (int i = 0; i < 100 && seen.get() == null; i++) {
                            if (requester) {
                                CompletableFuture<Packet> f = client.request(heavyRequest, PATIENCE);
                                requests.add(f);
                                f.exceptionally(e -> {
                                    if (e instanceof TransportException te) {
                                        seen.compareAndSet(null, te);
                                    }
                                    return null;
                                });
                            } else {
                                try {
                                    client.send(heavy);
                                } catch (TransportException e) {
                                    sendTimeouts.incrementAndGet();
                                    seen.compareAndSet(null, e);
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "contender-" + w));
            }
            ts.forEach(Thread::start);
            for (Thread th : ts) {
                th.join();
            }
            assertNull(failure.get());
            TransportException e = seen.get();
            assertNotNull(e, "four threads contending for one connection with a 1 ms acquire timeout");
            assertTrue(e.getMessage().contains("pool size 1") && e.getMessage().contains("1 ms"), e.getMessage());
            int requestTimeouts = 0;
            for (CompletableFuture<Packet> f : requests) {
                try {
                    f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException x) {
                    assertInstanceOf(TransportException.class, x.getCause(), "only the acquire fails a request here");
                    requestTimeouts++;
                }
            }
            TransportStats s = client.stats();
            assertEquals(sendTimeouts.get() + requestTimeouts, s.poolAcquireTimeouts(), "every acquire timeout counted once");
            assertEquals(requestTimeouts, s.requestsFailed(), "a request failed by the pool is a failed request too");
            assertEquals(1, s.poolTotal());
            assertEquals(0, s.poolInUse(), "every lease released");
            byte[] q = {42};
            try (TransportServer echo = t.server().handler(MessageHandler.echo()).startServer();
                 TransportClient c = t.client(echo.address()).connections(1).acquireTimeoutMillis(1).connect()) {
                assertArrayEquals(q, c.request(Packet.request(1, q), PATIENCE)
                        .get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS).payload(), "uncontended, 1 ms is plenty");
            }
            assertEquals(SendResult.QUEUED, client.send(Packet.oneWay(1, q)), "the client works on");
            System.out.printf("[faults] %s: pool of 1 exhausted (%d sends, %d requests): %s%n", t, sendTimeouts.get(),
                    requestTimeouts, e.getMessage());
        }
    }

    /** Sends numbered one-way frames and checks the echoes arrive complete and in order (the handler side). */
    private static final class Sequenced implements MessageHandler {
        private final int frames;
        private final CountDownLatch all = new CountDownLatch(1);
        private int next; // the client's actor calls onMessage serially
        private volatile String error;

        Sequenced(int frames) {
            this.frames = frames;
        }

        void sendAll(TransportClient client) {
            for (int i = 0; i < frames; i++) {
                SendResult r = client.send(Packet.oneWay(1, ByteBuffer.allocate(4).putInt(i).array()));
                if (r != SendResult.QUEUED) {
                    error = "send " + i + " was " + r;
                    all.countDown();
                    return;
                }
            }
        }

        @Override
        public void onMessage(dev.msgtrans.core.MessageContext ctx, Packet p) {
            int seq = ByteBuffer.wrap(p.payload()).getInt();
            if (seq != next && error == null) {
                error = "echo " + seq + " arrived when " + next + " was due";
            }
            next++;
            if (next == frames) {
                all.countDown();
            }
        }

        void awaitAll() throws InterruptedException {
            if (!all.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("echoes: " + next + " of " + frames + " within " + PATIENCE);
            }
            assertNull(error);
        }
    }

    /** Requests {@code initial} events up front and then only when told; counts what it is delivered. */
    private static final class CountingSubscriber implements Flow.Subscriber<TransportEvent> {
        private final long initial;
        private final CountDownLatch subscribed = new CountDownLatch(1);
        final AtomicLong received = new AtomicLong();
        volatile Flow.Subscription subscription;

        CountingSubscriber(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(initial);
            subscribed.countDown();
        }

        @Override
        public void onNext(TransportEvent item) {
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable throwable) {
            // counted by the assertions: a failed stream delivers no more
        }

        @Override
        public void onComplete() {
            // idem
        }

        /** Waits (a liveness bound) until {@code n} events have been delivered; yields, as the wait is short. */
        void awaitReceived(long n) {
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (received.get() < n) {
                if (System.nanoTime() > deadline) {
                    fail(received.get() + " of " + n + " events delivered within " + PATIENCE);
                }
                Thread.yield();
            }
        }

        void awaitSubscribed() throws InterruptedException {
            assertTrue(subscribed.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), "onSubscribe called");
        }
    }
}
