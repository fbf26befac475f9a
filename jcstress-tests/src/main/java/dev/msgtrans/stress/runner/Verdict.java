package dev.msgtrans.stress.runner;

/** The verdict of one jcstress test (one property bound to one variant). */
public enum Verdict {
    /** Ran, and no forbidden outcome was observed. */
    PASS,
    /** Ran, and jcstress observed a forbidden outcome (for the broken control this is the expected verdict). */
    FAIL,
    /** Selected but absent from the results, or run with no samples (jcstress skips tests it cannot schedule). */
    NOT_RUN,
    /** jcstress reported an error: the test threw, timed out, crashed its VM or did not match its API. */
    ERROR
}
