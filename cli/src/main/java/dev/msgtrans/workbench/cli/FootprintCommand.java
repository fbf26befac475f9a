package dev.msgtrans.workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code workbench footprint}: bytes per idle session per variant and component, measured in a JVM of the harness
 * jar (which carries every variant) and written to {@code OUT/footprint.json}; {@code workbench report} shows it.
 * {@code workbench run} runs it too, into the run directory, unless told {@code --no-footprint}.
 */
@Command(name = "footprint", mixinStandardHelpOptions = true,
        description = {"Measure bytes per idle session per variant and component (registry entry, actor with its"
                + " mailbox, outbound queue, request tracker): heap retained after a full GC and bytes allocated,"
                + " per session. Writes OUT/footprint.json, which the report renders. Takes seconds.",
                "Example: ./workbench footprint --out runs/today"})
final class FootprintCommand implements Callable<Integer> {

    /** The harness's main class that measures and writes the file. */
    static final String MAIN = "dev.msgtrans.harness.footprint.FootprintMain";

    /** Sessions per measurement by default: the transport's default session limit. */
    static final int DEFAULT_SESSIONS = 10_000;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write footprint.json into"
            + " (a run directory, so that its report shows it).")
    Path out;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "" + DEFAULT_SESSIONS,
            description = "Idle sessions built per variant and component. Default: ${DEFAULT-VALUE}")
    int sessions;

    @Option(names = "--variant", paramLabel = "ALIAS", split = ",",
            description = "Variants to measure, comma-separated. Default: every real variant.")
    List<String> variants = new ArrayList<>();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String command = "workbench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        return measure(Workspace.locate(null), out, sessions, variants, command);
    }

    /** Runs the measurement into {@code dir}; returns the child's exit code. */
    static int measure(Workspace ws, Path dir, int sessions, List<String> variants, String command) {
        List<String> args = new ArrayList<>(List.of("--out", dir.toAbsolutePath().normalize().toString(),
                "--sessions", Integer.toString(sessions), "--command", command));
        if (!variants.isEmpty()) {
            args.add("--variant");
            args.add(String.join(",", variants));
        }
        return HarnessMain.run(ws, MAIN, args);
    }
}
