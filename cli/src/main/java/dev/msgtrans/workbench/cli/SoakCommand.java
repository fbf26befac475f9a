package dev.msgtrans.workbench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code workbench soak}: the bounded loopback soak with end-to-end sequence checks (testkit's SoakRunner). */
@Command(name = "soak", mixinStandardHelpOptions = false,
        description = {"Soak the transport over loopback (or in memory) and check sequence numbers end to end:"
                + " zero loss, zero duplication, per-session order. Exit 0 clean, 1 on any loss/duplicate/reorder,"
                + " 3 if the offered load could not be sent in time.",
                "Options: --clients N --duration D (e.g. 10s) --rate R (messages/s per client) [--variant ALIAS]"
                        + " [--protocol tcp|websocket|memory] [--preset original-500x10s|original-200x30s|ci]",
                "Example: ./workbench soak --preset original-500x10s --variant phase3"})
final class SoakCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        return HarnessMain.run("dev.msgtrans.testkit.reliability.SoakRunner", args);
    }
}
