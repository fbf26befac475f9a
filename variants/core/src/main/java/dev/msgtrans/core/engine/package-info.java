/**
 * The transport engine: TCP (and WebSocket: TCP with a per-session
 * {@link dev.msgtrans.core.engine.LinkFraming}) over NIO selector loops, an in-memory pipe with the same semantics, and QUIC through
 * Netty's QUIC codec, all built only from the components of a {@link dev.msgtrans.core.spi.Composition}, so that
 * swapping a phase's variant changes exactly that phase. Over QUIC only the I/O is Netty's
 * ({@link dev.msgtrans.core.engine.QuicEndpoint}: one event loop and UDP channel per node); a
 * {@link dev.msgtrans.core.engine.QuicLoop} drains each {@link dev.msgtrans.core.engine.QuicSession}'s outbound
 * queue into it, and the connection's event loop feeds the session's decoders. Nothing of Netty is loaded unless QUIC
 * is chosen ({@link dev.msgtrans.core.engine.QuicSupport}). The engine's own mutable state is statistics counters, per-connection state confined to its
 * I/O thread, and on a client the outcome of each pending connect, decided once by a compare-and-set between the
 * loop that finishes it and the timer that times it out ({@link dev.msgtrans.core.engine.TcpConnect}).
 *
 * <pre>
 *  caller --encode--&gt; [OutboundQueue per session] --coalesced wake--&gt; I/O loop --gathering write--&gt; socket / peer pipe
 *  socket / pipe --&gt; I/O loop --FrameDecoder--&gt; RESPONSE: RequestTracker | ONE_WAY, REQUEST: ActorSystem --&gt; MessageHandler
 * </pre>
 * <p>
 * Internal: not API, and may change in any release. A service uses {@link dev.msgtrans.core.Transport}; the few
 * public types here are public only because other packages and the testkit reach them, and {@code ApiSurfaceTest}
 * fails the build when an API signature names one of them or a new one becomes public.
 * <p>
 * Where each path lives: {@link dev.msgtrans.core.engine.EngineNode} is the wiring (it builds the components, the
 * loops and one collaborator per path, exposes them as final fields, and tears them down); the session life cycle
 * (open, close, graceful close, the drain of every session at a node's close) is
 * {@link dev.msgtrans.core.engine.SessionLifecycle}; the inbound path (decode, actors, handler, end of stream, read
 * failures) {@link dev.msgtrans.core.engine.InboundPath}; the outbound path (send, broadcast, requests, write
 * failures) {@link dev.msgtrans.core.engine.OutboundPath}; events and errors
 * {@link dev.msgtrans.core.engine.EngineEvents}; the tick and one-shot timeouts
 * {@link dev.msgtrans.core.engine.EngineTimer}, with the idle, linger and request-expiry
 * ({@link dev.msgtrans.core.engine.RequestExpiry}) deadlines on a {@link dev.msgtrans.core.engine.HashedWheel};
 * accepting {@link dev.msgtrans.core.engine.EngineServer}; the connection pool
 * {@link dev.msgtrans.core.engine.EngineClient}. The JDK Flight Recorder events ({@code dev.msgtrans.*}) are
 * {@link dev.msgtrans.core.engine.JfrEvents}, emitted by the lifecycle and the two paths. How a socket session frames
 * its packets is its {@link dev.msgtrans.core.engine.LinkFraming}: {@link dev.msgtrans.core.engine.RawFraming} or
 * {@link dev.msgtrans.core.engine.WebSocketFraming}, whose close causes docs/robustness.md lists.
 */
package dev.msgtrans.core.engine;
