package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.demo.EchoDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code workbench demo}: an echo server and client that print what they did (the demo package's EchoDemo). */
@Command(name = "demo", mixinStandardHelpOptions = false,
        description = {"Start an echo server on 127.0.0.1, connect a client, send requests and one-way packets,"
                + " print both sides' stats.",
                "Options: [--variant ALIAS] [--messages N] [--protocol tcp|websocket|quic|memory]",
                "Example: ./workbench demo --variant phase3 --protocol tcp"})
final class DemoCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        // the demo is workbench code; the variants it needs come from the harness jar, first on the class path
        return HarnessMain.runWithWorkbench(Workspace.locate(null), EchoDemo.class.getName(), args);
    }
}
