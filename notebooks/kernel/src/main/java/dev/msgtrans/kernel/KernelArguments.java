package dev.msgtrans.kernel;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The launcher's command line: {@code [--classpath CP]... CONNECTION_FILE}, plus the environment variable
 * {@value #CLASSPATH_ENV}. Both class paths use the platform separator ({@code :}) and may contain globs
 * ({@code /opt/lib/*.jar}); the kernelspec's {@code --classpath} entries come first, then the environment's.
 *
 * @param connectionFile the connection file Jupyter writes for the kernel
 * @param classpath the cells' start-up class path entries, unexpanded, in order
 */
public record KernelArguments(Path connectionFile, List<String> classpath) {
    /** Extra class path for the cells, read when the kernel starts. */
    public static final String CLASSPATH_ENV = "MSGTRANS_KERNEL_CLASSPATH";

    /** The usage line printed with argument errors. */
    public static final String USAGE =
            "usage: java -jar msgtrans-kernel.jar [--classpath PATH" + File.pathSeparator + "PATH...]... CONNECTION_FILE";

    /**
     * Parses the arguments.
     *
     * @param args the command line
     * @param environmentClasspath the value of {@value #CLASSPATH_ENV}, or {@code null}
     * @return the parsed arguments
     * @throws IllegalArgumentException naming the problem, if the arguments are not as {@link #USAGE} says
     */
    public static KernelArguments parse(String[] args, String environmentClasspath) {
        List<String> classpath = new ArrayList<>();
        Path connectionFile = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--classpath") || arg.equals("-cp")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value; " + USAGE);
                }
                classpath.addAll(split(args[++i]));
            } else if (arg.startsWith("--classpath=")) {
                classpath.addAll(split(arg.substring("--classpath=".length())));
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + arg + "; " + USAGE);
            } else if (connectionFile == null) {
                connectionFile = Path.of(arg);
            } else {
                throw new IllegalArgumentException("more than one connection file (" + connectionFile + ", " + arg
                        + "); " + USAGE);
            }
        }
        if (connectionFile == null) {
            throw new IllegalArgumentException("no connection file; " + USAGE);
        }
        classpath.addAll(split(environmentClasspath));
        return new KernelArguments(connectionFile, List.copyOf(classpath));
    }

    private static List<String> split(String classpath) {
        if (classpath == null) {
            return List.of();
        }
        return Arrays.stream(classpath.split(File.pathSeparator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
