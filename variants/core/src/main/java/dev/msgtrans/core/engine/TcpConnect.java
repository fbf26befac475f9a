package dev.msgtrans.core.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connect over TCP, as Netty's clients do it: a non-blocking {@code connect} started on the caller's
 * thread, finished by an {@link NioLoop} when its selector reports {@code OP_CONNECT}, and bounded by the node's
 * timer. Nobody waits for it unless they choose to: {@link #ready} completes with the opened session, or fails with
 * an {@code IOException} naming the target (refused, unreachable, or not connected within the timeout).
 * <p>
 * Threading contract: {@link #start} and {@link #cancel} from any thread, {@link #finish} on the loop's thread, the
 * timeout on the timer's. Exactly one of them wins the {@link #state} (connected, or failed), and only the winner
 * touches the channel afterwards: so a connect that times out is never opened as a session, and a session is never
 * opened on a channel the timeout closed.
 */
final class TcpConnect {

    private static final int CONNECTING = 0;
    private static final int CONNECTED = 1;
    private static final int FAILED = 2;

    private final EngineNode node;
    private final NioLoop loop;
    private final long id;
    private final String target;
    private final InetSocketAddress address;
    private final long timeoutMillis;
    private final SocketChannel channel;
    private final AtomicInteger state = new AtomicInteger(CONNECTING);
    private volatile boolean cancelled;
    /** Set before the connect starts; cancelled once connected, so the timer does not keep every connect 5 s. */
    private volatile ScheduledFuture<?> timeout;
    /** Completes with the open session, or fails; never both. */
    final CompletableFuture<Session> ready = new CompletableFuture<>();

    private TcpConnect(EngineNode node, long id, String target, InetSocketAddress address, SocketChannel channel) {
        this.node = node;
        this.id = id;
        this.loop = (NioLoop) node.loopFor(id);
        this.target = target;
        this.address = address;
        this.timeoutMillis = node.config.connectTimeoutMillis();
        this.channel = channel;
    }

    /**
     * Any thread: starts a connect and returns at once (the address is resolved already). Fails synchronously only
     * when no channel can be made at all (out of descriptors).
     */
    static TcpConnect start(EngineNode node, long id, String target, InetSocketAddress address) throws IOException {
        SocketChannel ch = SocketChannel.open();
        TcpConnect c;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            c = new TcpConnect(node, id, target, address, ch);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        c.begin();
        return c;
    }

    private void begin() {
        try {
            timeout = node.timer.schedule(this::timeOut, timeoutMillis);
        } catch (RejectedExecutionException e) {
            fail("connect to " + target + " abandoned: the client is closing", null); // its timer is gone
            return;
        }
        try {
            if (channel.connect(address)) {
                // Connected at once (loopback may): the selector would not report OP_CONNECT for it.
                if (state.compareAndSet(CONNECTING, CONNECTED)) {
                    open(null);
                }
                return;
            }
            // Registering while the loop selects is allowed (JDK 11+); the wake-up makes the selector see the key.
            channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            loop.wake();
        } catch (IOException | ClosedSelectorException | CancelledKeyException e) {
            fail("connect to " + target + " failed: " + e, e);
        }
    }

    /** Loop thread: the selector reported {@code OP_CONNECT} for {@code key}. */
    void finish(SelectionKey key) {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            fail("connect to " + target + " failed: " + e, e);
            return;
        }
        if (state.compareAndSet(CONNECTING, CONNECTED)) {
            key.interestOps(0);
            open(key);
        }
    }

    /** The winner, after connecting: the channel becomes a session of the node, opened as the server opens its own. */
    private void open(SelectionKey key) {
        timeout.cancel(false);
        NioSession s = new NioSession(id, target, node, loop, channel, node.framing(false));
        try {
            if (key != null) {
                // Reuse the connect's key: a cancelled key cannot be registered again before the next select.
                s.key = key;
                key.attach(s);
            }
            node.lifecycle.open(s);
            if (key != null && key.isValid()) {
                // After open() published ConnectionEstablished: only now may reading start (see NioLoop.service).
                key.interestOps(SelectionKey.OP_READ);
            }
        } catch (CancelledKeyException e) {
            // closed meanwhile (the client is shutting down); the close path reported it
        } catch (RuntimeException e) {
            closeChannel();
            ready.completeExceptionally(new IOException("connection to " + target + " could not be opened: " + e, e));
            return;
        }
        if (s.framing instanceof WebSocketFraming ws) {
            awaitUpgrade(s, ws);
            return;
        }
        ready.complete(s);
    }

    /**
     * A WebSocket connection is ready once the server accepted its upgrade, within the connect timeout again; until
     * then the pool passes it over as connecting. A refused upgrade closes the session with the handshake's
     * {@code TransportError}; a server that never answers, with {@code WS_HANDSHAKE_TIMEOUT}.
     */
    private void awaitUpgrade(NioSession s, WebSocketFraming ws) {
        ScheduledFuture<?> upgradeTimeout;
        try {
            upgradeTimeout = node.timer.schedule(() -> {
                if (!ws.upgraded.isDone()) {
                    node.lifecycle.closeSession(s, dev.msgtrans.core.CloseReason.IO_ERROR, "WS_HANDSHAKE_TIMEOUT",
                            "WebSocket upgrade with " + target + " not answered within " + timeoutMillis + " ms");
                }
            }, timeoutMillis);
        } catch (RejectedExecutionException e) {
            upgradeTimeout = null; // the client is closing: its close ends the session
        }
        ScheduledFuture<?> t = upgradeTimeout;
        ws.upgraded.whenComplete((ok, e) -> {
            if (t != null) {
                t.cancel(false);
            }
            if (e == null) {
                ready.complete(s);
            } else {
                ready.completeExceptionally(new IOException("WebSocket upgrade with " + target + " failed: "
                        + e.getMessage(), e));
            }
        });
    }

    /** Timer thread: fails the connect if it is still pending. */
    private void timeOut() {
        fail("connect to " + target + " timed out after " + timeoutMillis + " ms", null);
    }

    /** Any thread: gives up a pending connect (the client closes, or the pool destroys the connection). */
    void cancel() {
        cancelled = true;
        fail("connect to " + target + " cancelled: the connection was discarded", null);
    }

    /** Whether {@link #cancel} gave it up: a failure nobody needs to hear about. */
    boolean cancelled() {
        return cancelled;
    }

    private void fail(String message, Throwable cause) {
        if (!state.compareAndSet(CONNECTING, FAILED)) {
            return;
        }
        closeChannel();
        ready.completeExceptionally(new IOException(message, cause));
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // best effort: the connect failed either way
        }
        loop.wake(); // a registered channel is only released when its selector next runs
    }

    @Override
    public String toString() {
        return "connect " + id + " to " + target + " (" + new String[]{"connecting", "connected", "failed"}[state.get()]
                + ")";
    }
}
