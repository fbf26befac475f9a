package dev.msgtrans.kernel;

import dev.msgtrans.kernel.exec.JShellCellEvaluator;
import dev.msgtrans.kernel.magic.ClasspathMagics;
import dev.msgtrans.kernel.magic.MagicException;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the kernel, as the kernelspec's {@code argv} says:
 * <pre>
 * java -jar msgtrans-kernel.jar [--classpath CP]... {connection_file}
 * </pre>
 * It makes AWT headless (charts are drawn off screen), puts the start-up class path
 * ({@link KernelArguments}) on the cells' class path, watches the parent process
 * ({@link ParentProcessWatchdog}), connects to Jupyter and serves until a shutdown request.
 */
public final class KernelMain {
    /**
     * Held so that the level sticks (loggers are weakly referenced). The basekernel logs every message at INFO under
     * bare class names ("ShellChannel", "Loop"), so only the root level silences it; the kernel's stderr is the
     * terminal of nbconvert or the notebook server, not a cell.
     */
    private static final Logger ROOT_LOG = Logger.getLogger("");

    private KernelMain() {
    }

    /**
     * Runs the kernel.
     *
     * @param args {@code [--classpath CP]... CONNECTION_FILE}
     * @throws Exception if the connection file cannot be read or the sockets cannot be bound
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        ROOT_LOG.setLevel(Level.WARNING);
        KernelArguments arguments;
        try {
            arguments = KernelArguments.parse(args, System.getenv(KernelArguments.CLASSPATH_ENV));
        } catch (IllegalArgumentException e) {
            System.err.println("msgtrans-kernel: " + e.getMessage());
            System.exit(64);
            return;
        }
        ParentProcessWatchdog.haltWhenParentExits();

        KernelConnectionProperties properties = KernelConnectionProperties.parse(
                Files.readString(arguments.connectionFile()));
        JShellCellEvaluator evaluator = new JShellCellEvaluator();
        addStartupClasspath(evaluator, arguments.classpath());

        JupyterConnection connection = new JupyterConnection(properties);
        JShellKernel kernel = new JShellKernel(evaluator);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        // the socket threads of the messaging library are not daemons
        System.exit(0);
    }

    /** A missing entry is reported and skipped: a kernel that does not start is worse than a missing jar. */
    private static void addStartupClasspath(JShellCellEvaluator evaluator, List<String> entries) {
        for (String entry : entries) {
            try {
                for (Path path : ClasspathMagics.resolve("classpath", List.of(entry), false)) {
                    evaluator.addToClasspath(path.toString());
                }
            } catch (MagicException e) {
                System.err.println("msgtrans-kernel: start-up class path entry skipped: " + e.getMessage());
            }
        }
    }
}
