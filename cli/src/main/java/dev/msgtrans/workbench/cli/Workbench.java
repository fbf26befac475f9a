package dev.msgtrans.workbench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.UncheckedIOException;

/**
 * Entry point of {@code ./workbench}. Exit codes: 0 success, 1 a benchmark or a check failed, 2 bad usage or
 * configuration (unknown matrix or variant, missing jar), with a one-paragraph message instead of a stack trace.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, versionProvider = Workbench.Version.class,
        subcommands = {RunCommand.class, ListCommand.class, MergeCommand.class, CheckResultsCommand.class,
                ReportCommand.class, CompareCommand.class, AaCommand.class, SoakCommand.class, DemoCommand.class,
                ServeCommand.class, LoadCommand.class,
                FootprintCommand.class,
                CommandLine.HelpCommand.class},
        description = {"Runs the MsgTrans JMH matrices and manages their results.",
                "Typical: ./workbench run --profile quick --out runs/today"})
public final class Workbench implements Runnable {

    /** Exit code for bad usage or configuration. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line (also used by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Workbench());
        cl.setExecutionExceptionHandler((ex, line, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException
                    || ex instanceof UncheckedIOException) {
                line.getErr().println("workbench " + line.getCommandName() + ": " + ex.getMessage());
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Version from the jar manifest when packaged. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Workbench.class.getPackage().getImplementationVersion();
            return new String[] {"workbench " + (v == null ? "(development build)" : v)};
        }
    }
}
