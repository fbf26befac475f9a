package dev.msgtrans.workbench.cli;

import dev.msgtrans.workbench.run.RunMerger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code workbench merge}: joins shard run directories into one. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = "Join the run directories of shards (run --shard i/n) into one run directory; warn when the"
                + " shards' CPUs, core counts, JDKs or revisions differ.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard run directories.")
    List<Path> shards;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The merged run directory.")
    Path out;

    @Override
    public Integer call() {
        RunMerger.Merged m = new RunMerger().merge(shards, out);
        for (String w : m.warnings()) {
            System.err.println("warning: " + w);
        }
        System.out.printf("merged %d shard(s): %d entries (%d failed) into %s%n", shards.size(),
                m.run().entries().size(), m.run().failed(), out);
        return 0;
    }
}
