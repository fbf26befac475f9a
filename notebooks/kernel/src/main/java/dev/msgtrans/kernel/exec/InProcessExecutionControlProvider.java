package dev.msgtrans.kernel.exec;

import java.util.Map;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Hands one {@link InProcessExecutionControl} to one JShell and remembers it, so that the evaluator can take the
 * real result objects from the engine JShell is using.
 *
 * <p>Threading: JShell calls {@link #generate} while it is being built (and again only if it restarts its engine);
 * the evaluator reads {@link #control()} afterwards on the shell thread. The field is volatile for that hand-over.
 */
public final class InProcessExecutionControlProvider implements ExecutionControlProvider {
    private volatile InProcessExecutionControl control;

    @Override
    public String name() {
        return "msgtrans-in-process";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
        InProcessExecutionControl generated = new InProcessExecutionControl();
        control = generated;
        return generated;
    }

    /**
     * The engine generated for the JShell.
     *
     * @return the engine
     * @throws IllegalStateException if no JShell was built with this provider
     */
    public InProcessExecutionControl control() {
        InProcessExecutionControl current = control;
        if (current == null) {
            throw new IllegalStateException("no JShell was built with this provider");
        }
        return current;
    }
}
