package dev.msgtrans.core.engine;

/**
 * One pooled client connection: a session of the client's node. Immutable; whether it still works is its session's
 * state, which the client checks on every lease.
 */
final class ClientConnection {

    final Session session;

    ClientConnection(Session session) {
        this.session = session;
    }

    boolean isOpen() {
        return session.state.isOpen();
    }

    @Override
    public String toString() {
        return "connection " + session;
    }
}
