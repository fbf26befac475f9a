package dev.msgtrans.guide.pitfalls;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.locks.ReentrantLock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Why the lock-free event bus is not a {@link SubmissionPublisher}: its {@code offer} takes one lock per publisher,
 * shared by every publishing thread. In JDK 17.0.15 (the project's release) it is a {@link ReentrantLock} field
 * named {@code lock}; older builds used the publisher's monitor. Shown directly: while this test holds that lock,
 * an {@code offer} on another thread queues on it. Needs {@code --add-opens java.base/java.util.concurrent} (set
 * in this module's surefire configuration) to reach the field.
 */
class SubmissionPublisherPitfallTest {

    @Test
    void offerTakesThePublishersLock() throws Exception {
        try (SubmissionPublisher<String> publisher = new SubmissionPublisher<>()) {
            Thread offerer = new Thread(() -> publisher.offer("event", null));
            Field field = lockField();
            if (field != null) {
                ReentrantLock lock = (ReentrantLock) field.get(publisher);
                lock.lock();
                try {
                    offerer.start();
                    // Wait for a state, not a duration: the offerer queued on the lock (or, wrongly, finished).
                    while (!lock.hasQueuedThread(offerer) && offerer.isAlive()) {
                        Thread.onSpinWait();
                    }
                    assertTrue(lock.hasQueuedThread(offerer), "offer queues on the publisher's lock");
                } finally {
                    lock.unlock();
                }
            } else {
                synchronized (publisher) {
                    offerer.start();
                    while (offerer.getState() != Thread.State.BLOCKED && offerer.isAlive()) {
                        Thread.onSpinWait();
                    }
                    assertEquals(Thread.State.BLOCKED, offerer.getState(), "offer waits for the publisher's monitor");
                }
            }
            offerer.join();
        }
    }

    /** The publisher's ReentrantLock field, or {@code null} on a JDK that locks the monitor instead. */
    private static Field lockField() {
        for (Field f : SubmissionPublisher.class.getDeclaredFields()) {
            if (f.getType() == ReentrantLock.class) {
                f.setAccessible(true);
                return f;
            }
        }
        return null;
    }
}
