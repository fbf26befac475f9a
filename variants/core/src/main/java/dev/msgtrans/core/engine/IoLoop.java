package dev.msgtrans.core.engine;

import dev.msgtrans.core.spi.OutboundQueue;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * One I/O thread and the sessions assigned to it. Writers on any thread queue frames in a session's
 * {@link OutboundQueue}; the wake-ups are coalesced twice by the same component: once per session (its queue's
 * flush flag) and once per loop (the loop's own {@code OutboundQueue<Session>} of sessions that need a flush), so a
 * burst of sends from many threads to many sessions costs at most one wake-up of the loop.
 *
 * <pre>
 *   writer:  if (session.offerAndRequestFlush(frame) == WAKE
 *                &amp;&amp; loop.offerAndRequestFlush(session) == WAKE) wake();
 *   loop:    do { loop.drain(this::service) } while (!loop.flushDone());   // then sleep until woken
 * </pre>
 *
 * Besides sessions the loop runs tasks handed to it by {@link #execute}: work that must happen on the thread that
 * owns a session (a node's graceful close starts each session's drain on the thread that reads it).
 * <p>
 * Threading contract: {@link #schedule}, {@link #execute} and {@link #wake} from any thread; everything else on the
 * loop thread.
 */
abstract class IoLoop implements Runnable {

    /** Frames per gathering write: enough to amortise the system call, few enough to keep the loop fair. */
    static final int BATCH = 64;
    /** Batches per service of one session before it yields to the others (it stays scheduled). */
    static final int ROUNDS = 16;
    /** Sessions taken from the loop queue per drain call. */
    private static final int LOOP_DRAIN = 1024;

    final EngineNode node;
    final Thread thread;
    private final OutboundQueue<Session> needsFlush;
    /** Tasks to run on this thread: at most one per session served or fed by this loop, as a node's close sends. */
    private final OutboundQueue<Runnable> tasks;
    private final Consumer<Runnable> taskSink = this::runTask;
    /** Loop-confined: sessions to service on the next pass (scheduled from the loop thread itself, or yielding). */
    private final ArrayDeque<Session> again = new ArrayDeque<>();
    private final Consumer<Session> serviceSink = this::service;
    private volatile boolean running = true;

    /** Loop-confined batch of one gathering write. */
    final ByteBuffer[] batch = new ByteBuffer[BATCH];
    int batchCount;
    final Consumer<ByteBuffer> batchSink = b -> batch[batchCount++] = b;

    IoLoop(EngineNode node, String threadName, int maxSessions) {
        this.node = node;
        // One entry per session at most (a session's own flag admits it once until flushDone), so the live
        // sessions of this loop bound it; the slack covers sessions closed while still queued.
        this.needsFlush = node.newOutboundQueue(maxSessions + 64);
        // A loop owns its sessions and, in memory, feeds the peers of those sessions: two tasks per session at most.
        this.tasks = node.newOutboundQueue(2 * maxSessions + 64);
        this.thread = new Thread(this, threadName);
        this.thread.setDaemon(true);
    }

    final void start() {
        thread.start();
    }

    /**
     * Any thread, after {@code session.outbound.requestFlush()} returned {@code true}: makes the loop service the
     * session. On the loop thread itself it only notes the session (the loop checks before sleeping), which also
     * keeps the loop from ever waiting on its own queue.
     */
    final void schedule(Session session) {
        if (Thread.currentThread() == thread) {
            again.add(session);
            return;
        }
        OutboundQueue.Offer offered;
        while ((offered = needsFlush.offerAndRequestFlush(session)) == OutboundQueue.Offer.FULL) {
            // Only reachable if far more sessions closed while queued than the slack allows; the loop is
            // draining, so the room comes back shortly. A stopped loop services nothing: give up.
            if (!running) {
                return;
            }
            Thread.onSpinWait();
        }
        if (offered == OutboundQueue.Offer.WAKE) {
            wake();
        }
    }

    /**
     * Any thread: runs {@code task} on this loop's thread on its next pass (at once if called from that thread).
     *
     * @return {@code false} if the loop has stopped or its task queue is full: the task will not run
     */
    final boolean execute(Runnable task) {
        if (!running) {
            return false;
        }
        if (Thread.currentThread() == thread) {
            runTask(task);
            return true;
        }
        OutboundQueue.Offer offered = tasks.offerAndRequestFlush(task);
        if (offered == OutboundQueue.Offer.FULL) {
            return false;
        }
        if (offered == OutboundQueue.Offer.WAKE) {
            wake();
        }
        return true;
    }

    /** Loop thread: a failing task is reported; it does not take the loop and its other sessions with it. */
    private void runTask(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            node.events.publishError(-1, "IO_LOOP_TASK", thread.getName() + ": a task failed: " + e, e);
        }
    }

    /** Any thread: makes the loop return from its wait (a no-op cost when it is not waiting). */
    abstract void wake();

    /** Loop thread: waits for I/O or a wake-up; {@code poll} means do not block (work is pending). */
    abstract void await(boolean poll) throws Exception;

    /** Loop thread: flushes the session's queue, or finishes it if closed. */
    abstract void service(Session session);

    /** Loop thread, after the loop stopped: releases what the loop owns. */
    abstract void onExit();

    @Override
    public final void run() {
        try {
            while (running) {
                await(!again.isEmpty());
                do {
                    tasks.drain(taskSink, LOOP_DRAIN);
                } while (!tasks.flushDone());
                do {
                    needsFlush.drain(serviceSink, LOOP_DRAIN);
                } while (!needsFlush.flushDone());
                for (int n = again.size(); n > 0; n--) {
                    service(again.poll());
                }
            }
        } catch (Throwable t) {
            die(t);
        } finally {
            try {
                // Sessions queued at the end still get their last service (the in-memory FIN of a closed session).
                do {
                    needsFlush.drain(serviceSink, LOOP_DRAIN);
                } while (!needsFlush.flushDone());
                for (Session s; (s = again.poll()) != null; ) {
                    service(s);
                }
            } catch (Throwable t) {
                die(t);
            } finally {
                onExit();
            }
        }
    }

    /** Any thread: {@code false} once the loop was told to stop or has died; it takes no new sessions then. */
    final boolean running() {
        return running;
    }

    /**
     * Loop thread, when the loop fails: marks it stopped first (so {@link #schedule} gives up on it and
     * {@code EngineNode.loopFor} passes it by), then reports it and closes its sessions, whose I/O nobody would do
     * any more. The last pass and {@link #onExit()} that follow release their descriptors.
     */
    private void die(Throwable t) {
        running = false;
        try {
            node.events.loopFailed(this, t);
        } finally {
            node.lifecycle.closeSessionsOf(this, t);
        }
    }

    /** Any thread: stops the loop and waits for its thread to finish. */
    final void stop() throws InterruptedException {
        running = false;
        wake();
        if (Thread.currentThread() != thread) {
            thread.join();
        }
    }

    /** Loop thread: keeps the session scheduled and revisits it on the next pass. */
    final void serviceAgain(Session session) {
        again.add(session);
    }

    final void clearBatch() {
        Arrays.fill(batch, 0, batchCount, null);
        batchCount = 0;
    }
}
