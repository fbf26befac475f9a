/**
 * The transport engine: TCP over NIO selector loops and an in-memory pipe with the same semantics, both built only
 * from the components of a {@link dev.msgtrans.core.spi.Composition}, so that swapping a phase's variant changes
 * exactly that phase. The engine's own mutable state is statistics counters and per-connection state confined to
 * its I/O thread.
 *
 * <pre>
 *  caller --encode--&gt; [OutboundQueue per session] --coalesced wake--&gt; I/O loop --gathering write--&gt; socket / peer pipe
 *  socket / pipe --&gt; I/O loop --FrameDecoder--&gt; RESPONSE: RequestTracker | ONE_WAY, REQUEST: ActorSystem --&gt; MessageHandler
 * </pre>
 */
package dev.msgtrans.core.engine;
