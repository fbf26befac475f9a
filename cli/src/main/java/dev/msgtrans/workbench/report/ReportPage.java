package dev.msgtrans.workbench.report;

import java.util.List;

/**
 * The pages of a report. The file names are fixed: the migration guide links to them.
 */
public enum ReportPage {
    PHASE_1("phase-1-sessions.md", "Phase 1: the session table", "rwlock", "lockfree", List.of("sessions")),
    PHASE_2("phase-2-actors-events.md", "Phase 2: actors and event broadcast", "mutex", "lockfree",
            List.of("actors", "events")),
    PHASE_3_1("phase-3.1-pools.md", "Phase 3.1: connection and buffer pools", "mutex", "lockfree", List.of("pools")),
    PHASE_3_2("phase-3.2-requests-dispatch.md", "Phase 3.2: request tracker, dispatch and codec", "mutex",
            "lockfree", List.of("requests")),
    PHASE_3_3("phase-3.3-outbound-io.md", "Phase 3.3: outbound I/O", "mutex", "lockfree", List.of("outbound")),
    SHOOTOUT("shootout.md", "The queue and channel shoot-out", null, null, List.of()),
    END_TO_END("end-to-end.md", "End to end: echo round trips and the Netty ratio", "baseline", "phase3",
            List.of("sessions", "actors", "events", "pools", "requests", "outbound")),
    SEED("seed.md", "The seed's claims beside our measurements", null, null, List.of());

    private final String file;
    private final String title;
    private final String baseline;
    private final String candidate;
    private final List<String> components;

    ReportPage(String file, String title, String baseline, String candidate, List<String> components) {
        this.file = file;
        this.title = title;
        this.baseline = baseline;
        this.candidate = candidate;
        this.components = components;
    }

    /** The Markdown file name, e.g. {@code phase-1-sessions.md}. */
    public String file() {
        return file;
    }

    /** The HTML twin's file name, e.g. {@code phase-1-sessions.html}. */
    public String htmlFile() {
        return stem() + ".html";
    }

    public String title() {
        return title;
    }

    /**
     * The variant speed-ups are measured against: the {@code baseline} preset's choice for the phase ({@code rwlock}
     * sessions, {@code mutex} elsewhere), the {@code baseline} preset end to end; null where there is none.
     */
    public String baseline() {
        return baseline;
    }

    /** The variant the recommendation is about ({@code lockfree}, or {@code phase3} end to end); null if none. */
    public String candidate() {
        return candidate;
    }

    /** The jcstress components ({@code stress-summary.json}'s {@code component}) whose verdicts this page shows. */
    public List<String> components() {
        return components;
    }

    /** The file name without {@code .md}, used to prefix chart files. */
    public String stem() {
        return file.substring(0, file.length() - 3);
    }
}
