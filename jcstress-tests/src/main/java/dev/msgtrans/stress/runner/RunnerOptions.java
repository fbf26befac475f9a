package dev.msgtrans.stress.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Command-line options of {@link dev.msgtrans.stress.StressRunner}, and the jcstress arguments they translate to.
 * <p>
 * Two jcstress passes are run: the real variants with the mode's budget, and the broken control with a budget of
 * its own (at least {@link #controlTimeMs} per iteration, {@link #controlIters} iterations), because a race that
 * the control must lose has to be given time to show even in the shortest CI mode.
 */
public final class RunnerOptions {

    /**
     * Properties whose broken-control binding must be reported FAILED by jcstress: each is a race the unsynchronized
     * control loses in at least 1% of the samples of the ci control pass (measured: 3% to 100%, over 1.5 million
     * samples each), so a PASS means the harness lost its power to detect it. The control's other verdicts
     * ({@code RequestTrackerCompleteExpire}: under 0.1%; {@code SessionRegistryRemoveGet}: a plain map does not break
     * there) are reported for information.
     */
    public static final Set<String> DEFAULT_MUST_FAIL = Set.of(
            "SessionRegistryPutIfAbsent", "SessionRegistryPutGet", "CowMapNoLostWrite",
            "MailboxConservation", "ActorSerialExecution", "EventBusExactlyOnce", "EventBusBufferGrowth",
            "ConnectionPoolSingleOwner", "ConnectionPoolDoubleRelease", "BufferPoolCap", "BufferPoolSingleOwner",
            "OutboundQueueConservation", "OutboundQueueFlushFlag");

    /**
     * The one JVM configuration of the short modes: C2 only, so that the races are run in optimized code from the
     * first iteration on (jcstress's detected set, about eight configurations here, multiplies the run time).
     */
    public static final String SHORT_MODE_JVM_ARGS = "-XX:-TieredCompilation";

    /** Selects every property of this module: the components' and the engine's. */
    public static final String DEFAULT_TESTS = "^dev\\.msgtrans\\.(stress|core\\.engine)\\.";

    String mode = "ci";
    String tests = DEFAULT_TESTS;
    Path out = Path.of("target", "stress-results");
    Integer timeMs;
    Integer iters;
    Integer forks;
    int controlTimeMs = 500;
    int controlIters = 3;
    Integer cpus;
    String jvmArgs;
    Boolean splitCompilation;
    boolean inProcess;
    Set<String> mustFail = DEFAULT_MUST_FAIL;
    List<String> passThrough = List.of();

    private RunnerOptions() {
    }

    /** @throws IllegalArgumentException with a message naming the bad option */
    public static RunnerOptions parse(String... args) {
        RunnerOptions o = new RunnerOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--mode" -> o.mode = mode(value(args, ++i, a));
                case "--tests", "-t" -> o.tests = value(args, ++i, a);
                case "--out", "-o" -> o.out = Path.of(value(args, ++i, a));
                case "--time" -> o.timeMs = positive(value(args, ++i, a), a, true);
                case "--iters" -> o.iters = positive(value(args, ++i, a), a, false);
                case "--forks" -> o.forks = positive(value(args, ++i, a), a, false);
                case "--control-time" -> o.controlTimeMs = positive(value(args, ++i, a), a, false);
                case "--control-iters" -> o.controlIters = positive(value(args, ++i, a), a, false);
                case "--cpus" -> o.cpus = positive(value(args, ++i, a), a, false);
                case "--jvm-args" -> o.jvmArgs = value(args, ++i, a);
                case "--split-compilation" -> o.splitCompilation = Boolean.parseBoolean(value(args, ++i, a));
                case "--in-process" -> o.inProcess = true;
                case "--must-fail" -> o.mustFail = new LinkedHashSet<>(
                        Arrays.asList(value(args, ++i, a).split("\\s*,\\s*")));
                case "--" -> {
                    o.passThrough = List.of(Arrays.copyOfRange(args, i + 1, args.length));
                    i = args.length;
                }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'");
            }
        }
        return o;
    }

    public static String usage() {
        return String.join("\n",
                "usage: java -cp jcstress-tests/target/jcstress.jar dev.msgtrans.stress.StressRunner [options] [-- jcstress args]",
                "  --mode M             sanity | ci | quick | default | tough (default ci)",
                "                       sanity: jcstress -m sanity (API checks, a few samples per test)",
                "                       ci:     jcstress -m quick -time 100 -iters 3",
                "                       (sanity and ci: -sc false -jvmArgs " + SHORT_MODE_JVM_ARGS + ", one JVM configuration)",
                "                       quick, default, tough: the jcstress presets of that name",
                "  --tests REGEX        jcstress test selection, find() semantics (default " + DEFAULT_TESTS + ")",
                "  --out DIR            where stress-summary.json, TEST-jcstress.xml and jcstress's files go",
                "                       (default target/stress-results)",
                "  --time MS, --iters N, --forks N   override the mode's budget for the real variants",
                "  --control-time MS    per-iteration time of the broken-control pass, at least (default 500)",
                "  --control-iters N    iterations of the broken-control pass, at least (default 3)",
                "  --must-fail P,Q      properties whose broken binding must FAIL (default "
                        + String.join(",", new java.util.TreeSet<>(DEFAULT_MUST_FAIL)) + ")",
                "  --cpus N             jcstress -c: CPUs to use (tests needing more are reported NOT_RUN)",
                "  --jvm-args \"...\"     jcstress -jvmArgs: one JVM configuration instead of the detected set",
                "                       (sanity and ci default to " + SHORT_MODE_JVM_ARGS + ")",
                "  --split-compilation B  jcstress -sc (default false for sanity and ci, jcstress's default otherwise)",
                "  --in-process         run jcstress's driver in this JVM (tests still run in forked VMs)",
                "exit status: 0 all verdicts as required; 1 a real variant failed or errored, a selected test did",
                "not run, or the broken control was not caught; 2 bad usage or no jcstress results at all");
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException("option " + option + " needs a value");
        }
        return args[i];
    }

    private static int positive(String v, String option, boolean zeroAllowed) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || (n == 0 && !zeroAllowed)) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " needs a " + (zeroAllowed ? "non-negative" : "positive")
                    + " integer, got '" + v + "'");
        }
    }

    private static String mode(String m) {
        String s = m.toLowerCase(Locale.ROOT);
        if (!List.of("sanity", "ci", "quick", "default", "tough").contains(s)) {
            throw new IllegalArgumentException("unknown mode '" + m + "'; known modes: sanity, ci, quick, default, tough");
        }
        return s;
    }

    public String mode() {
        return mode;
    }

    public String tests() {
        return tests;
    }

    public Path out() {
        return out;
    }

    public Integer cpus() {
        return cpus;
    }

    public boolean inProcess() {
        return inProcess;
    }

    public Set<String> mustFail() {
        return mustFail;
    }

    /** jcstress arguments of the pass over the real variants, selecting with {@code regex}. */
    public List<String> realPassArgs(String regex, Path resultsDir) {
        List<String> a = common(regex, resultsDir);
        switch (mode) {
            case "sanity" -> a.addAll(List.of("-m", "sanity"));
            case "ci" -> a.addAll(List.of("-m", "quick", "-time", "100", "-iters", "3"));
            default -> a.addAll(List.of("-m", mode));
        }
        if (timeMs != null) {
            a.addAll(List.of("-time", timeMs.toString()));
        }
        if (iters != null) {
            a.addAll(List.of("-iters", iters.toString()));
        }
        if (forks != null) {
            a.addAll(List.of("-f", forks.toString()));
        }
        a.addAll(passThrough);
        return a;
    }

    /** jcstress arguments of the broken-control pass: the mode's budget, raised to the control minimum. */
    public List<String> controlPassArgs(String regex, Path resultsDir) {
        List<String> a = common(regex, resultsDir);
        int[] budget = modeBudget();
        String jcstressMode = shortMode() ? "quick" : mode;
        a.addAll(List.of("-m", jcstressMode,
                "-time", Integer.toString(Math.max(controlTimeMs, budget[0])),
                "-iters", Integer.toString(Math.max(controlIters, budget[1]))));
        if (forks != null) {
            a.addAll(List.of("-f", forks.toString()));
        }
        a.addAll(passThrough);
        return a;
    }

    /** {time ms, iterations} of the real pass. */
    private int[] modeBudget() {
        int t = switch (mode) {
            case "sanity" -> 0;
            case "ci" -> 100;
            case "quick" -> 200;
            default -> 1000;
        };
        int n = switch (mode) {
            case "sanity" -> 1;
            case "ci" -> 3;
            case "tough" -> 10;
            default -> 5;
        };
        return new int[] {timeMs != null ? timeMs : t, iters != null ? iters : n};
    }

    /** sanity and ci: one JVM configuration, no split compilation, so that the suite fits a CI job. */
    private boolean shortMode() {
        return mode.equals("sanity") || mode.equals("ci");
    }

    private List<String> common(String regex, Path resultsDir) {
        List<String> a = new ArrayList<>(List.of("-t", regex, "-r", resultsDir.toString()));
        Boolean sc = splitCompilation != null ? splitCompilation : (shortMode() ? Boolean.FALSE : null);
        if (sc != null) {
            a.addAll(List.of("-sc", sc.toString()));
        }
        if (cpus != null) {
            a.addAll(List.of("-c", cpus.toString()));
        }
        String vm = jvmArgs != null ? jvmArgs : (shortMode() ? SHORT_MODE_JVM_ARGS : null);
        if (vm != null) {
            a.addAll(List.of("-jvmArgs", vm));
        }
        return a;
    }
}
