package dev.msgtrans.workbench.compare;

/** What a comparison concluded for one point. */
public enum Verdict {
    /** The new run is faster: significant after the family's correction. */
    FASTER("faster"),
    /** The new run is slower, by the same test. */
    SLOWER("slower"),
    /** The interval lies within the equivalence margin. */
    EQUIVALENT("equivalent"),
    /** Neither: too few forks for the size of the difference, or no steady state. */
    INCONCLUSIVE("inconclusive"),
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
