package dev.msgtrans.kernel.exec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.execution.DirectExecutionControl;

/**
 * A JShell execution engine that runs snippets in the kernel's own JVM and keeps their results as objects.
 *
 * <p>JShell's default engine runs snippets in a remote JVM and returns every value as a string; its built-in
 * "local" engine runs in-process but still stringifies. This engine overrides {@link #invoke(Method)} so that the
 * value JShell sees is only a key ({@code "#17"}), and the real object waits in a map until the evaluator takes it
 * with {@link #takeResult(String)}: a chart stays a chart, so the kernel can render it as an image.
 *
 * <p>Threading: JShell calls {@code invoke} on the thread that called {@code JShell.eval} (the kernel's shell
 * thread). The snippet itself runs on one dedicated worker thread, so that {@link #stop()}, called by JShell from
 * the control thread on an interrupt request, can interrupt it while the shell thread waits. A snippet that ignores
 * interrupts cannot be killed (the JDK has no thread kill); its worker is abandoned (it is a daemon) and later
 * snippets run on a fresh worker, so the kernel stays usable. The results map and the failure slot are written by
 * the shell thread only, but are concurrent/volatile because the worker thread's values are published through them.
 */
public final class InProcessExecutionControl extends DirectExecutionControl {
    /** Stands for a {@code null} result: the map takes no null values. */
    private static final Object NULL = new Object();

    private final Map<String, Object> results = new ConcurrentHashMap<>();
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong workers = new AtomicLong();
    private volatile ExecutorService worker = newWorker();
    private volatile Future<Object> running;
    /** Set by {@link #stop()}, so that a stop that comes between two snippets still stops the next one. */
    private volatile boolean stopped;
    private volatile Throwable lastFailure;

    private ExecutorService newWorker() {
        long n = workers.incrementAndGet();
        return Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jshell-cell-" + n);
            thread.setDaemon(true); // a runaway cell must never keep the JVM alive after the kernel shuts down
            return thread;
        });
    }

    /**
     * Runs a snippet's {@code do_it$} method on the worker thread and returns the key of its result.
     * Called by JShell on the thread that evaluates the snippet.
     */
    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (stopped) {
            throw new StoppedException();
        }
        ExecutorService executor = worker;
        FutureTask<Object> task = new FutureTask<>(() -> {
            // user code that looks things up through the context loader (ServiceLoader: variants added with %jars)
            // must see the snippet class loader, which holds the jars added at run time
            Thread.currentThread().setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
            return doitMethod.invoke(null);
        });
        // published before it can start, so that stop() always finds the task that is running
        running = task;
        if (stopped) {
            task.cancel(true); // stop() came between the check above and the publication
        }
        executor.execute(task);
        try {
            Object value = task.get();
            String key = "#" + keys.incrementAndGet();
            results.put(key, value == null ? NULL : value);
            return key;
        } catch (CancellationException e) {
            abandon(executor);
            throw new StoppedException();
        } catch (InterruptedException e) {
            task.cancel(true);
            abandon(executor);
            Thread.currentThread().interrupt();
            throw new StoppedException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvocationTargetException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            lastFailure = cause;
            throw new UserException(String.valueOf(cause.getMessage()), cause.getClass().getName(), cause.getStackTrace());
        } finally {
            running = null;
        }
    }

    /** Replaces a worker whose task was cancelled: if the task ignores the interrupt, its thread stays busy. */
    private void abandon(ExecutorService executor) {
        executor.shutdownNow();
        if (worker == executor) {
            worker = newWorker();
        }
    }

    /**
     * Interrupts the running snippet, if any, and makes later snippets stop before they start, until
     * {@link #resume()}. Called by JShell ({@code JShell.stop()}) from any thread.
     */
    @Override
    public void stop() {
        stopped = true;
        Future<Object> task = running;
        if (task != null) {
            task.cancel(true);
        }
    }

    /** Lets snippets run again after {@link #stop()}; called by the evaluator before each cell. */
    public void resume() {
        stopped = false;
    }

    /**
     * Takes the object behind a result key returned for an executable snippet.
     *
     * @param key the value JShell reported for the snippet
     * @return the object (possibly {@code null}), or {@code null} if the key is unknown
     */
    public Object takeResult(String key) {
        Object value = results.remove(key);
        return value == NULL ? null : value;
    }

    /**
     * Takes the throwable of the last snippet that failed, so that the kernel reports the real exception (its class,
     * message and cause chain) rather than JShell's copy of it.
     *
     * @return the throwable, or {@code null} if none failed since the last call
     */
    public Throwable takeFailure() {
        Throwable failure = lastFailure;
        lastFailure = null;
        return failure;
    }

    /** Drops results nobody took (values of snippets that were not the last of a cell). */
    public void clearResults() {
        results.clear();
        lastFailure = null;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        super.close();
    }
}
