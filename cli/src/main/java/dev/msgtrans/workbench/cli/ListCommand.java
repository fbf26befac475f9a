package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.run.EtaClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code workbench list}: the expanded entries a {@code run} with the same options would execute, and its estimate. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Print the expanded entries (benchmark x params x threads x JDK) and the expected duration.")
final class ListCommand implements Callable<Integer> {

    @Mixin
    PlanOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PlanOptions.Planned p = options.plan();
        PrintWriter out = spec.commandLine().getOut();
        PlanOptions.describe(p.plan()).forEach(out::println);
        out.printf("%d of %d entries (matrix %s, shard %s); %s; expected %s before adaptive rounds%n", p.plan().selected().size(),
                p.plan().totalPlanned(), p.selection().name(), options.shard(), p.settings().describe(),
                EtaClock.format(p.plan().expectedSeconds(p.settings(), Runtime.getRuntime().availableProcessors())));
        out.flush();
        return 0;
    }
}
