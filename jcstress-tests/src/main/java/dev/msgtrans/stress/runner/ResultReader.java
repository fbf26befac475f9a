package dev.msgtrans.stress.runner;

import org.openjdk.jcstress.infra.Status;
import org.openjdk.jcstress.infra.collectors.DiskReadCollector;
import org.openjdk.jcstress.infra.collectors.InProcessCollector;
import org.openjdk.jcstress.infra.collectors.TestResult;
import org.openjdk.jcstress.infra.grading.GradingResult;
import org.openjdk.jcstress.infra.grading.ReportUtils;
import org.openjdk.jcstress.infra.grading.TestGrading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads jcstress's binary result blob and grades every test with jcstress's own {@link TestGrading}.
 * <p>
 * Why the blob: it is the one machine-readable record jcstress keeps of a run (the HTML and text reports are
 * rendered from it, and {@code jcstress -p <blob>} re-renders them). Reading it with the jcstress classes of the
 * same jar that wrote it, merging the per-configuration results by test name as jcstress's reports do, and
 * grading with jcstress's grader means the verdict here is exactly jcstress's {@code [OK]}/{@code [FAILED]}, with
 * no parsing of text meant for people.
 */
public final class ResultReader {

    /** Keep error reports readable: at most this many lines of a forked VM's output per test. */
    private static final int MAX_VM_LINES = 20;

    private ResultReader() {
    }

    /** @return verdicts by test name, for every test present in the blob */
    public static Map<String, TestVerdict> read(Path blob) throws IOException {
        InProcessCollector collector = new InProcessCollector();
        DiskReadCollector reader = new DiskReadCollector(blob.toString(), collector);
        try {
            reader.dump();
        } catch (ClassNotFoundException e) {
            throw new IOException("result blob " + blob + " holds classes of another jcstress version", e);
        } finally {
            reader.close();
        }
        Map<String, TestVerdict> out = new LinkedHashMap<>();
        for (TestResult r : ReportUtils.mergedByName(collector.getTestResults())) {
            out.put(r.getName(), verdict(r));
        }
        return out;
    }

    static TestVerdict verdict(TestResult r) {
        String name = r.getName();
        List<String> messages = new ArrayList<>();
        List<OutcomeCount> outcomes = new ArrayList<>();
        Verdict verdict;
        if (r.status() != Status.NORMAL) {
            verdict = Verdict.ERROR;
        } else if (r.getTotalCount() == 0) {
            verdict = Verdict.NOT_RUN;
            messages.add("jcstress recorded no samples");
        } else {
            TestGrading g = r.grading();
            verdict = g.isPassed ? Verdict.PASS : Verdict.FAIL;
            messages.addAll(g.failureMessages);
        }
        if (r.status() == Status.NORMAL && r.getTotalCount() > 0) {
            for (GradingResult gr : r.grading().gradingResults.values()) {
                outcomes.add(new OutcomeCount(gr.id, gr.expect.name(), gr.count, gr.description));
            }
        } else {
            for (String state : r.getStateKeys()) {
                outcomes.add(new OutcomeCount(state, "UNGRADED", r.getCount(state), ""));
            }
        }
        messages.addAll(r.getMessages());
        addTail(messages, "vm out: ", r.getVmOut());
        addTail(messages, "vm err: ", r.getVmErr());
        return new TestVerdict(name, TestNames.property(name), TestNames.component(name), TestNames.variant(name),
                Selection.description(name), r.getTotalCount(), verdict, r.status().name(), List.copyOf(outcomes),
                List.copyOf(messages));
    }

    private static void addTail(List<String> messages, String prefix, List<String> lines) {
        int from = Math.max(0, lines.size() - MAX_VM_LINES);
        for (String l : lines.subList(from, lines.size())) {
            messages.add(prefix + l);
        }
    }
}
