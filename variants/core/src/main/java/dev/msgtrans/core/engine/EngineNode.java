package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.ErrorSink;
import dev.msgtrans.core.Packet;
import dev.msgtrans.core.TransportConfig;
import dev.msgtrans.core.TransportEvent;
import dev.msgtrans.core.TransportStats;
import dev.msgtrans.core.codec.CodecLimits;
import dev.msgtrans.core.codec.FrameDecoder;
import dev.msgtrans.core.codec.PacketCodec;
import dev.msgtrans.core.spi.ActorSystem;
import dev.msgtrans.core.spi.BufferPool;
import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Dispatch;
import dev.msgtrans.core.spi.EventBus;
import dev.msgtrans.core.spi.FailureHandler;
import dev.msgtrans.core.spi.OutboundQueue;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.core.spi.RequestTracker;
import dev.msgtrans.core.spi.SessionRegistry;
import dev.msgtrans.core.spi.Variant;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a server and a client share: the wiring that builds the components of one {@link Composition}, the I/O loops,
 * the counters and one collaborator per path, and that tears them down again ({@link #shutdown}). {@link EngineServer}
 * adds accepting; {@link EngineClient} adds the connection pool. Each path is a final field, called directly, so that
 * the path shows at the call site ({@code node.inbound.receive(s, bytes)}):
 * <ul>
 *   <li>{@link #events} ({@link EngineEvents}): publishing events, and every error to the error sink;</li>
 *   <li>{@link #lifecycle} ({@link SessionLifecycle}): open, close, and the graceful close of one session or of
 *       all;</li>
 *   <li>{@link #outbound} ({@link OutboundPath}): send, broadcast, requests;</li>
 *   <li>{@link #inbound} ({@link InboundPath}): decode what a loop read, hand packets to the actors, run the
 *       handler;</li>
 *   <li>{@link #timer} ({@link EngineTimer}): the tick (the wheel of idle and linger deadlines and of each session's
 *       request expiry) and one-shot tasks.</li>
 * </ul>
 * Each depends only on those before it in this list (the inbound path on the outbound one only for the request key,
 * {@link OutboundPath#key}), and on the components it is given, with one loop: the life cycle arms each session's
 * deadlines on the timer, whose deadlines close sessions through the life cycle (made first, the timer is bound to
 * the life cycle before anything can open). A session's request expiry, which the outbound path arms when it registers
 * a request, is made by the timer with the session.
 * <p>
 * Every piece of shared mutable state is a component, taken from the variant of its phase: the session registry
 * (phase 1), the actor system and event bus (2), the buffer pool (3.1), the request trackers and both dispatches
 * (3.2), the outbound queues of sessions and loops (3.3). Besides them the node holds only {@link EngineCounters},
 * a session-id counter, and state confined to one I/O thread.
 * <p>
 * Errors: every {@code TransportError} is published and handed to the configuration's {@link ErrorSink}, with the
 * {@code Throwable} behind it ({@link EngineEvents}), so that none vanishes when nobody subscribes. Failures the
 * components catch (a subscriber that threw, or the engine's own code run by an actor) reach the same sink through
 * the {@link FailureHandler} both dispatches are built with.
 * <p>
 * Threading contract: every non-private method may be called from any thread unless it says otherwise.
 */
final class EngineNode {

    /** Thread names start with this, so tests and operators can find (and count) the engine's threads. */
    static final String THREAD_PREFIX = "msgtrans-";
    /** Queue bound of the event dispatch: at most one pending delivery run per subscriber, and few subscribers. */
    private static final int EVENT_DISPATCH_QUEUE = 1024;
    private static final AtomicInteger NODE_SEQ = new AtomicInteger();

    final TransportConfig config;
    final String name;
    final EngineCounters counters = new EngineCounters();
    final SessionRegistry<Session> sessions;
    final BufferPool buffers;
    private final PacketCodec codec;
    private final CodecLimits limits;
    private final Variant requestsVariant;
    private final Variant outboundVariant;
    private final Dispatch actorDispatch;
    private final ActorSystem<Object> actors;
    private final Dispatch eventDispatch;
    private final EventBus<TransportEvent> bus;
    /** Every loop of the node, of every kind; {@link #loopsByKind} holds the same loops by kind. */
    private final IoLoop[] loops;
    /** The loops of each {@link LoopKind} the node's protocols need, indexed by ordinal; null for a kind unused. */
    private final IoLoop[][] loopsByKind = new IoLoop[LoopKind.values().length][];
    /** The events and errors path: every other path, and the loops, report through it. */
    final EngineEvents events;
    /** The session life cycle: open, close, and the graceful close between them. */
    final SessionLifecycle lifecycle;
    /** The outbound path: send, broadcast, requests. */
    final OutboundPath outbound;
    /** The inbound path: decode, deliver to the actors, run the handler; end of stream and read failures. */
    final InboundPath inbound;
    /** The timer: the periodic tick (the wheel of idle, linger and request-expiry deadlines) and one-shot tasks. */
    final EngineTimer timer;
    private final AtomicLong nextSessionId = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param role  "server" or "client", for thread names
     * @param loopCount I/O loops to start
     */
    EngineNode(TransportConfig config, String role, int loopCount) throws IOException {
        this.config = config;
        this.name = THREAD_PREFIX + role + "-" + NODE_SEQ.incrementAndGet();
        ErrorSink errorSink = config.errorSink();
        Composition c = config.composition();
        Variant sessionsVariant = c.variant(Phase.SESSIONS);
        Variant actorsVariant = c.variant(Phase.ACTORS_EVENTS);
        Variant poolsVariant = c.variant(Phase.POOLS);
        this.requestsVariant = c.variant(Phase.REQUESTS_DISPATCH);
        this.outboundVariant = c.variant(Phase.OUTBOUND_IO);
        this.limits = new CodecLimits(config.maxPayload(), config.maxExtHeader());
        this.codec = new PacketCodec(limits);
        this.sessions = sessionsVariant.newSessionRegistry(Math.min(config.maxSessions(), 4096));
        this.buffers = poolsVariant.newBufferPool(BufferPool.DEFAULT_CLASS_SIZES, BufferPool.DEFAULT_CLASS_CAPS, true);
        // The actor system keeps at most one run queued per actor that has work, so the live sessions bound the
        // queue; the slack covers actors stopped while a run of theirs is still queued. A full queue would make
        // an I/O thread wait, which is why it is sized from the session limit and not guessed.
        int actorQueue = config.maxSessions() + Math.max(64, config.maxSessions() / 8);
        this.actorDispatch = newDispatch(name + "-actors", config.dispatchWorkers(), actorQueue);
        try {
            this.actors = actorsVariant.newActorSystem(actorDispatch, config.mailboxCapacity());
            // Events get their own single worker so that a slow subscriber delays only event delivery, never actors.
            this.eventDispatch = newDispatch(name + "-events", 1, EVENT_DISPATCH_QUEUE);
            this.bus = actorsVariant.newEventBus(eventDispatch, config.eventBufferCapacity());
            this.events = new EngineEvents(counters, bus, eventDispatch, errorSink, closed);
            this.timer = new EngineTimer(name + "-timer", config, counters, events);
            this.lifecycle = new SessionLifecycle(config, sessions, actors, counters, events, timer, closed);
            timer.bind(lifecycle);
            this.outbound = new OutboundPath(config, codec, counters, sessions, lifecycle, events, closed);
            this.inbound = new InboundPath(config, counters, actors, events, lifecycle);
            // One family of loops per kind of I/O this node's protocols need (a server may listen on several):
            // TCP and WebSocket share the NIO selector loops.
            java.util.Set<LoopKind> kinds = java.util.EnumSet.of(LoopKind.of(config.protocol()));
            if (role.equals("server")) {
                config.alsoListen().forEach(e -> kinds.add(LoopKind.of(e.protocol())));
            }
            this.loops = new IoLoop[loopCount * kinds.size()];
            int made = 0;
            for (LoopKind kind : kinds) {
                IoLoop[] family = new IoLoop[loopCount];
                for (int i = 0; i < loopCount; i++) {
                    String threadName = name + "-io-" + (kind == LoopKind.of(config.protocol()) ? "" : kind.tag) + i;
                    family[i] = switch (kind) {
                        case NIO -> new NioLoop(this, threadName, config.maxSessions());
                        case MEMORY -> new MemoryLoop(this, threadName, config.maxSessions());
                        case QUIC -> new QuicLoop(this, threadName, config.maxSessions());
                    };
                    loops[made++] = family[i];
                }
                loopsByKind[kind.ordinal()] = family;
            }
            for (IoLoop loop : loops) {
                loop.start();
            }
            timer.start();
        } catch (Throwable e) {
            // Whatever failed (a selector without descriptors, a component, a thread that could not start), the
            // threads and selectors made so far would otherwise outlive the constructor that nobody can close.
            abandon(e);
            throw e;
        }
    }

    /**
     * Constructor only, after it failed: releases what it made, in the order {@link #shutdown} would. Fields not yet
     * assigned read as {@code null}; failures here are added to {@code failure} rather than hiding it.
     */
    private void abandon(Throwable failure) {
        IoLoop[] made = loops;
        if (made != null) {
            for (IoLoop loop : made) {
                if (loop == null) {
                    continue;
                }
                try {
                    if (loop.thread.getState() == Thread.State.NEW) {
                        loop.onExit(); // never started: only its selector to release
                    } else if (stopLoop(loop)) {
                        Thread.currentThread().interrupt();
                    }
                } catch (Throwable e) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (timer != null) {
            timer.abandon();
        }
        // Each component before the dispatch it runs on, as in closeComponents(); nulls were never made.
        for (AutoCloseable component : new AutoCloseable[]{actors, actorDispatch, bus, eventDispatch}) {
            try {
                if (component != null) {
                    component.close();
                }
            } catch (Throwable e) {
                failure.addSuppressed(e);
            }
        }
    }

    // ---- factories for sessions and loops -----------------------------------------------------------------------

    /**
     * A dispatch of the requests phase's variant, with the transport's idle policy (the same for every variant), whose
     * failures, and those of the actors and subscribers running on it, become errors of this node.
     */
    private Dispatch newDispatch(String dispatchName, int workers, int queueCapacity) {
        return requestsVariant.newDispatch(dispatchName, workers, queueCapacity, config.dispatchSpins(),
                config.dispatchYields(), this::componentFailed);
    }

    /**
     * {@link EngineEvents#componentFailed}, through the node: the dispatches are made before the event bus that
     * {@link #events} needs, so they are handed this method rather than a collaborator that does not exist yet.
     */
    private void componentFailed(Thread thread, Throwable failure) {
        events.componentFailed(thread, failure);
    }

    <T> OutboundQueue<T> newOutboundQueue(int capacity) {
        return outboundVariant.newOutboundQueue(capacity);
    }

    OutboundQueue<ByteBuffer> newOutboundQueue() {
        return outboundVariant.newOutboundQueue(config.outboundCapacity());
    }

    RequestTracker<Packet> newRequestTracker() {
        return requestsVariant.newRequestTracker();
    }

    FrameDecoder newDecoder() {
        return new FrameDecoder(limits);
    }

    /**
     * How a new socket session frames its packets around its decoder: raw msgtrans frames over TCP, WebSocket
     * messages over WebSocket.
     */
    java.util.function.Function<FrameDecoder, LinkFraming> framing(boolean server) {
        return framing(config.protocol(), server);
    }

    /** As {@link #framing(boolean)}, for a session of {@code protocol} (a server's listeners may differ). */
    java.util.function.Function<FrameDecoder, LinkFraming> framing(dev.msgtrans.core.Protocol protocol, boolean server) {
        if (protocol == dev.msgtrans.core.Protocol.WEBSOCKET) {
            String host = config.host() + ":" + config.port();
            return server ? d -> WebSocketFraming.server(d, limits) : d -> WebSocketFraming.client(d, limits, host);
        }
        return RawFraming::new;
    }

    long nextSessionId() {
        return nextSessionId.incrementAndGet();
    }

    /**
     * Round robin by session id: ids are consecutive, so consecutive connections land on different loops. A loop
     * that has died is passed by; if all have, the id's own loop is returned, and the caller must refuse the
     * session ({@link IoLoop#running()} is false).
     */
    IoLoop loopFor(long sessionId) {
        return loopFor(config.protocol(), sessionId);
    }

    /** As {@link #loopFor(long)}, among the loops that serve {@code protocol}. */
    IoLoop loopFor(dev.msgtrans.core.Protocol protocol, long sessionId) {
        IoLoop[] family = loopsByKind[LoopKind.of(protocol).ordinal()];
        if (family == null) {
            throw new IllegalStateException(protocol + " is not a protocol of " + this);
        }
        int first = (int) (sessionId % family.length);
        for (int i = 0; i < family.length; i++) {
            IoLoop loop = family[(first + i) % family.length];
            if (loop.running()) {
                return loop;
            }
        }
        return family[first];
    }

    /** The kinds of I/O loop: each protocol is served by one. */
    private enum LoopKind {
        NIO("nio-"), MEMORY("mem-"), QUIC("quic-");

        /** In the thread names of a family that is not the primary protocol's. */
        final String tag;

        LoopKind(String tag) {
            this.tag = tag;
        }

        static LoopKind of(dev.msgtrans.core.Protocol p) {
            return switch (p) {
                case TCP, WEBSOCKET -> NIO;
                case MEMORY -> MEMORY;
                case QUIC -> QUIC;
            };
        }
    }

    boolean isClosed() {
        return closed.get();
    }

    // ---- stats --------------------------------------------------------------------------------------------------

    /**
     * @param poolInUse the client's leased pooled connections (0 on a server)
     * @param poolTotal the client's pooled connections (0 on a server)
     */
    TransportStats stats(int poolInUse, int poolTotal) {
        long[] pending = {0};
        sessions.forEach(s -> pending[0] += s.requests.pending());
        EngineCounters c = counters;
        // Markers and held refusals first: each is counted by the actor system before it is counted here, so this
        // order never subtracts a refusal whose drop the actor system's figure does not contain yet.
        long markers = c.markersDiscarded.sum() + c.refusalsHeld.sum();
        long mailboxDrops = Math.max(0, actors.dropped() - markers) + c.heldDiscarded.sum();
        return new TransportStats(
                c.sessionsOpened.sum(), c.sessionsClosed.sum(), sessions.size(),
                c.packetsReceived.sum(), c.packetsSent.sum(), c.bytesReceived.sum(), c.bytesSent.sum(),
                c.sendsRefused.sum(), c.sendsToMissingSession.sum(), mailboxDrops, c.inboundPauses.sum(),
                c.unwritableEpisodes.sum(),
                c.packetsDiscardedClosing.sum(),
                c.eventsPublished.sum(), bus.dropped(), c.protocolErrors.sum(),
                c.requestsCompleted.sum(), c.requestsTimedOut.sum(), c.requestsFailed.sum(), pending[0],
                c.unmatchedResponses.sum(),
                c.poolAcquireTimeouts.sum(), c.sendsWithoutConnection.sum(), poolInUse, poolTotal,
                buffers.misses(), buffers.drops());
    }

    List<Long> sessionIds() {
        List<Long> ids = new ArrayList<>(sessions.size());
        sessions.forEach(s -> ids.add(s.id));
        return ids;
    }

    // ---- shutdown -----------------------------------------------------------------------------------------------

    /** @return {@code true} for the one call that starts closing the node */
    boolean beginClose() {
        return closed.compareAndSet(false, true);
    }

    /**
     * After {@link #beginClose()} (and after the owner stopped making sessions), and
     * {@link SessionLifecycle#drainSessions} if the close is graceful: refuses sends from now on, closes every
     * session left with {@code SHUTDOWN}, publishes {@code stopped} if given, completes the event bus after what it
     * buffered, and stops and joins every thread the node started.
     */
    void shutdown(TransportEvent stopped) {
        outbound.refuseSends();
        sessions.forEach(s -> lifecycle.closeSession(s, CloseReason.SHUTDOWN, null, null));
        boolean interrupted = timer.stop();
        // Loops stop after the sessions closed, so their last pass delivers the in-memory FINs.
        for (IoLoop loop : loops) {
            interrupted |= stopLoop(loop);
        }
        if (stopped != null) {
            events.publish(stopped);
        }
        closeComponents();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean stopLoop(IoLoop loop) {
        boolean interrupted = false;
        while (true) {
            try {
                loop.stop();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true; // finish the join: a half-stopped loop would leak its thread
            }
        }
    }

    /**
     * Actors first: closing their dispatch lets the queued runs finish, among them the {@code onStop} of every
     * session closed by {@link #shutdown}, so every handler's {@code onClose} has run, and whatever it published is
     * on the bus, before the bus completes its subscribers after delivering what is buffered. Each component before
     * the dispatch it runs on.
     */
    private void closeComponents() {
        actors.close();
        actorDispatch.close();
        bus.close();
        eventDispatch.close();
    }

    @Override
    public String toString() {
        return name + " (" + config.composition() + ", " + config.protocol() + ")";
    }
}
