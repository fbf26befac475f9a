package dev.msgtrans.core.engine;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/**
 * Property: a reader paused for room in the mailbox is resumed exactly once.
 * <p>
 * Actor 1 is the session's reading thread: the mailbox refused a packet, so it pauses and asks to be resumed once
 * the actor has processed one more message. Actor 2 is the session's actor processing that message. Either the reader
 * learns that the actor got there first and goes on by itself, or the actor learns that it must resume the reader;
 * never neither (the session would stop reading for good: a stalled connection) and never both (the held packets
 * would be delivered twice over).
 * <p>
 * Result: {@code r1} 1 if the reader waits for the actor; {@code r2} 1 if the actor resumes the reader.
 * <p>
 * Run: {@code java -jar jcstress-tests/target/jcstress.jar -t InputResumeHandshake}
 */
@Description("InputResume: a paused reader is resumed by itself or by the actor, exactly once")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "the actor got there first: the reader goes on by itself")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader waits, and the actor resumes it")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "lost resume: the reader waits and nobody resumes it")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "double resume: both go on")
public abstract class InputResumeHandshake {

    private final InputResume resume = new InputResume();

    protected final void reader(II_Result r) {
        r.r1 = resume.awaitProcessed(0) ? 1 : 0; // noted 0 before a refused tell: wants the actor at 1
    }

    protected final void actor(II_Result r) {
        r.r2 = resume.advance(1) ? 1 : 0;
    }

    @JCStressTest
    @State
    public static class Engine extends InputResumeHandshake {
        @Actor public void actor1(II_Result r) { reader(r); }
        @Actor public void actor2(II_Result r) { actor(r); }
    }
}
