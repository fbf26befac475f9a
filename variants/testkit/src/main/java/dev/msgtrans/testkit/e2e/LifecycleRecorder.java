package dev.msgtrans.testkit.e2e;

import dev.msgtrans.core.CloseReason;
import dev.msgtrans.core.MessageContext;
import dev.msgtrans.core.MessageHandler;
import dev.msgtrans.core.Packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MessageHandler} that logs every call it gets per session ({@code open}, {@code message},
 * {@code close(REASON)}), checks that no two calls of one session overlap, and passes each call on to a delegate.
 * Cases then check each session's log against the handler contract: {@code open}, the messages, {@code close},
 * each lifecycle call exactly once.
 * <p>
 * Threading contract: the handler methods are called by the transport (serially per session, sessions in
 * parallel); the query methods from any thread. Each session's log is guarded by its own monitor.
 */
public final class LifecycleRecorder implements MessageHandler {

    /** Log entry of {@link MessageHandler#onOpen}. */
    public static final String OPEN = "open";
    /** Log entry of {@link MessageHandler#onMessage}. */
    public static final String MESSAGE = "message";

    private final MessageHandler delegate;
    private final Map<Long, Log> sessions = new ConcurrentHashMap<>();
    /** Calls that found another call of the same session still running: must stay zero. */
    private final AtomicInteger overlaps = new AtomicInteger();

    public LifecycleRecorder(MessageHandler delegate) {
        this.delegate = delegate;
    }

    /** Log entry of {@link MessageHandler#onClose} with {@code reason}. */
    public static String close(CloseReason reason) {
        return "close(" + reason + ")";
    }

    @Override
    public void onOpen(MessageContext ctx) {
        Log log = log(ctx.session());
        log.enter(OPEN);
        try {
            delegate.onOpen(ctx);
        } finally {
            log.exit();
        }
    }

    @Override
    public void onMessage(MessageContext ctx, Packet packet) {
        Log log = log(ctx.session());
        log.enter(MESSAGE);
        try {
            delegate.onMessage(ctx, packet);
        } finally {
            log.exit();
        }
    }

    @Override
    public void onClose(MessageContext ctx, CloseReason reason) {
        Log log = log(ctx.session());
        log.enter(close(reason));
        try {
            delegate.onClose(ctx, reason);
        } finally {
            log.exit();
        }
    }

    /** The calls of one session so far, in call order. */
    public List<String> of(long session) {
        Log log = sessions.get(session);
        return log == null ? List.of() : log.snapshot();
    }

    /** Sessions that got any call. */
    public List<Long> sessions() {
        return new ArrayList<>(sessions.keySet());
    }

    /** Sessions whose {@code onClose} has been called. */
    public List<Long> closedSessions() {
        List<Long> out = new ArrayList<>();
        sessions.forEach((id, log) -> {
            if (log.isClosed()) {
                out.add(id);
            }
        });
        return out;
    }

    /** Waits until {@code session}'s {@code onClose} has been called; returns its whole log. */
    public List<String> awaitClosed(long session) throws InterruptedException {
        return log(session).awaitClosed(session);
    }

    /** Calls that overlapped another call of their session; the contract says none. */
    public int overlaps() {
        return overlaps.get();
    }

    private Log log(long session) {
        return sessions.computeIfAbsent(session, k -> new Log());
    }

    private final class Log {
        private final List<String> calls = new ArrayList<>(); // guarded by this
        private final AtomicInteger inside = new AtomicInteger();
        private boolean closed; // guarded by this

        void enter(String call) {
            if (inside.getAndIncrement() != 0) {
                overlaps.incrementAndGet();
            }
            synchronized (this) {
                calls.add(call);
                if (call.startsWith("close(")) {
                    closed = true;
                    notifyAll();
                }
            }
        }

        void exit() {
            inside.decrementAndGet();
        }

        synchronized boolean isClosed() {
            return closed;
        }

        synchronized List<String> snapshot() {
            return new ArrayList<>(calls);
        }

        synchronized List<String> awaitClosed(long session) throws InterruptedException {
            long deadline = System.nanoTime() + EventRecorder.PATIENCE.toNanos();
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no onClose for session " + session + " within " + EventRecorder.PATIENCE
                            + "; its calls so far: " + calls);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return new ArrayList<>(calls);
        }
    }
}
