package dev.msgtrans.core.engine;

import dev.msgtrans.core.CloseReason;

import java.util.concurrent.CompletableFuture;

/**
 * One pooled client connection: a session of the client's node once connected. The pool's factory makes it at once
 * and the connect finishes in the background ({@link TcpConnect}); so a lease can find it connecting, open, closed or
 * failed, which the client checks on every lease.
 * <p>
 * Threading contract: any thread. {@link #ready} completes once; {@link #cancel} is the pool's destroy.
 */
final class ClientConnection {

    /** Completes with the open session, or fails with the connect's {@code IOException}. */
    final CompletableFuture<Session> ready;
    private final Runnable cancelConnect;

    /** A connection whose connect finishes later; {@code cancelConnect} gives it up if it is still pending. */
    ClientConnection(CompletableFuture<Session> ready, Runnable cancelConnect) {
        this.ready = ready;
        this.cancelConnect = cancelConnect;
    }

    /** A connection open already (in memory, there is no network connect to wait for). */
    ClientConnection(Session session) {
        this(CompletableFuture.completedFuture(session), () -> { });
    }

    /** @return the session if connected and still open, else {@code null} */
    Session openSession() {
        if (!ready.isDone() || ready.isCompletedExceptionally()) {
            return null;
        }
        Session s = ready.join();
        return s.state.isOpen() ? s : null;
    }

    boolean isConnecting() {
        return !ready.isDone();
    }

    /** The pool destroys it: a pending connect is given up, a session closed now or as soon as it opens. */
    void destroy(EngineNode node) {
        cancelConnect.run();
        ready.thenAccept(s -> node.lifecycle.closeSession(s, CloseReason.LOCAL, null, null));
    }

    @Override
    public String toString() {
        return "connection " + (ready.isDone() ? ready : "connecting");
    }
}
