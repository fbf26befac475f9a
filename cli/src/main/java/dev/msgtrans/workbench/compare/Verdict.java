package dev.msgtrans.workbench.compare;

/** What a comparison concluded for one point. */
public enum Verdict {
    /** The new run is faster: the interval excludes 1 and the change exceeds the threshold. */
    FASTER("faster"),
    /** The new run is slower, by the same test. */
    SLOWER("slower"),
    /** The interval contains 1, or the change is within the threshold. */
    NO_CHANGE("no significant change"),
    /** Too few iterations on a side for an interval: nothing can be concluded. */
    NO_INTERVAL("no interval (too few iterations)"),
    /** Only in the new run. */
    ADDED("added"),
    /** Only in the base run. */
    REMOVED("removed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    /** Human-readable form used in Markdown and JSON. */
    public String label() {
        return label;
    }
}
