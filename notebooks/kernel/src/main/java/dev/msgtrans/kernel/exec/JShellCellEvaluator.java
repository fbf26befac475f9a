package dev.msgtrans.kernel.exec;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Evaluates notebook cells with {@code jdk.jshell} and the {@link InProcessExecutionControl}: a cell is split into
 * snippets ({@link SnippetSplitter}), each is evaluated in turn, and the value of the last one is returned as the
 * real object, for the kernel to render.
 *
 * <p>What a cell sees: the imports of the {@code jshell} tool's default start-up ({@code java.util.*},
 * {@code java.util.stream.*}, ...), a top-level {@code display(Object)} method ({@link CellRuntime}), and the
 * class path added with {@link #addToClasspath(String)}. Which snippets have a value follows IJava: an expression
 * ({@code 1 + 1}, {@code chart}, {@code list.size()}) has one, a declaration or statement does not, and
 * {@code null} counts as no value.
 *
 * <p>Errors: a snippet that does not compile throws {@link CellCompilationException} (diagnostics with cell line,
 * column and a caret), an exception thrown by the cell is rethrown as itself, its stack trace cut to the cell's frames (an
 * {@link Error} wrapped in {@link CellErrorException}), an incomplete cell throws {@link IncompleteCellException} before anything runs, and
 * an interrupted cell throws {@link CellInterruptedException}. Snippets before the failing one keep their effects.
 *
 * <p>Threading: one cell at a time. {@link #evaluate}, {@link #addToClasspath}, {@link #sourceCodeAnalysis} and
 * {@link #close} are called on one thread (the kernel's shell thread: a JShell is not thread-safe);
 * {@link #interrupt()} may be called from any other thread while a cell runs. {@code System.out}, {@code System.err}
 * and {@code System.in} are process-wide: they are switched for the duration of a cell and restored after it, so a
 * thread a cell leaves running prints to the kernel's own output once the cell ends.
 */
public final class JShellCellEvaluator implements AutoCloseable {
    /** The {@code jshell} tool's default imports, and the {@code display} helper IJava notebooks call. */
    private static final String STARTUP = String.join("\n",
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "void display(Object value) { " + CellRuntime.class.getName() + ".display(value); }");

    private final InProcessExecutionControlProvider provider = new InProcessExecutionControlProvider();
    private final JShell shell;
    private final List<String> classpath = new CopyOnWriteArrayList<>();
    private volatile boolean interrupted;

    /**
     * Starts a shell with the kernel's own class path visible to cells (XChart, the display helper).
     *
     * @throws IllegalStateException if the start-up snippets fail (a broken JDK, a missing {@code jdk.jshell})
     */
    public JShellCellEvaluator() {
        this.shell = JShell.builder().executionEngine(provider, Map.of()).build();
        // the compiler does not see the application class path by default; cells need it for XChart and CellRuntime.
        // Not as a --class-path compiler option: that would override the entries addToClasspath adds later.
        // The snippet class loader delegates to the application loader first, so no class is loaded twice.
        shell.addToClasspath(System.getProperty("java.class.path"));
        try {
            String startup = STARTUP;
            for (CellSnippet snippet : SnippetSplitter.split(shell.sourceCodeAnalysis(), startup).snippets()) {
                evaluateSnippet(startup, snippet, provider.control());
            }
        } catch (Exception e) {
            shell.close();
            throw new IllegalStateException("the shell's start-up snippets failed: " + e.getMessage(), e);
        }
    }

    /**
     * Adds a jar or a class directory to the class path of the following cells (compiler and class loader).
     *
     * @param path an existing jar or directory, absolute or relative to the kernel's working directory
     */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
        classpath.add(path);
    }

    /**
     * The entries added with {@link #addToClasspath(String)}, in order.
     *
     * @return an unmodifiable snapshot
     */
    public List<String> classpath() {
        return Collections.unmodifiableList(new ArrayList<>(classpath));
    }

    /**
     * The shell's source analysis, for completion and completeness checks. Shell thread only.
     *
     * @return the analysis
     */
    public SourceCodeAnalysis sourceCodeAnalysis() {
        return shell.sourceCodeAnalysis();
    }

    /**
     * Runs a cell.
     *
     * @param cell the cell's source, magics already removed
     * @param streams where the cell's output goes
     * @return the value of the cell's last snippet, or {@code null} if it has none
     * @throws CellCompilationException if a snippet does not compile
     * @throws IncompleteCellException if the cell ends with incomplete code
     * @throws CellInterruptedException if the cell was interrupted
     * @throws Exception what the cell threw
     */
    public Object evaluate(String cell, CellStreams streams) throws Exception {
        SnippetSplitter.Split split = SnippetSplitter.split(shell.sourceCodeAnalysis(), cell);
        if (split.isIncomplete()) {
            throw new IncompleteCellException(split.incomplete());
        }
        InProcessExecutionControl control = provider.control();
        interrupted = false;
        control.resume();
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        System.setOut(streams.out());
        System.setErr(streams.err());
        System.setIn(streams.in());
        CellRuntime.attach(streams.display());
        try {
            Object last = null;
            for (CellSnippet snippet : split.snippets()) {
                if (interrupted) {
                    throw new CellInterruptedException();
                }
                last = evaluateSnippet(cell, snippet, control);
                // flush per snippet so that output and errors keep their order in the notebook
                streams.out().flush();
                streams.err().flush();
            }
            if (interrupted) {
                throw new CellInterruptedException();
            }
            return last;
        } finally {
            streams.out().flush();
            streams.err().flush();
            System.setOut(savedOut);
            System.setErr(savedErr);
            System.setIn(savedIn);
            CellRuntime.detach();
            control.clearResults();
        }
    }

    /**
     * Interrupts the running cell: the running snippet's thread is interrupted and no further snippet starts.
     * Any thread.
     */
    public void interrupt() {
        interrupted = true;
        shell.stop();
    }

    /** Closes the shell and its worker thread. Shell thread. */
    @Override
    public void close() {
        shell.close();
    }

    private Object evaluateSnippet(String cell, CellSnippet snippet, InProcessExecutionControl control)
            throws Exception {
        List<SnippetEvent> events = shell.eval(snippet.source());
        Object value = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // an earlier declaration re-checked because this one changed it: not this snippet's outcome
            }
            Snippet evaluated = event.snippet();
            JShellException exception = event.exception();
            if (exception != null) {
                throw failure(exception, control);
            }
            if (!event.status().isDefined()) {
                throw compilationFailure(cell, snippet, evaluated);
            }
            String key = event.value();
            if (key != null && evaluated.subKind().isExecutable()) {
                Object result = control.takeResult(key);
                switch (evaluated.subKind()) {
                    case VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND -> value = result;
                    default -> value = null;
                }
            }
        }
        return value;
    }

    private Exception failure(JShellException exception, InProcessExecutionControl control) {
        if (exception instanceof EvalException) {
            Throwable thrown = control.takeFailure();
            if (thrown != null) {
                trimToCellFrames(thrown, Collections.newSetFromMap(new IdentityHashMap<>()));
            }
            if (thrown instanceof Exception cellException) {
                return cellException;
            }
            if (thrown instanceof Error error) {
                return new CellErrorException(error);
            }
            return exception;
        }
        if (exception instanceof UnresolvedReferenceException unresolved) {
            DeclarationSnippet declaration = unresolved.getSnippet();
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            String message = "'" + declaration.name() + "' cannot be used until " + String.join(", ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " declared";
            return new CellCompilationException(List.of(message));
        }
        return exception;
    }

    private CellCompilationException compilationFailure(String cell, CellSnippet snippet, Snippet evaluated) {
        List<String> report = new ArrayList<>();
        boolean any = false;
        for (Diag diag : shell.diagnostics(evaluated).toList()) {
            if (!diag.isError()) {
                continue;
            }
            List<String> message = diag.getMessage(Locale.ROOT).lines()
                    .filter(line -> !line.strip().startsWith("location:")) // the cell line says where
                    .toList();
            long start = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            long end = Math.max(diag.getEndPosition(), start + 1);
            CellPosition at = CellPosition.of(cell, start < 0 ? snippet.offset() : snippet.offset() + (int) start);
            report.add(at.label() + ": " + (message.isEmpty() ? "error" : message.get(0).strip()));
            any = true;
            message.stream().skip(1).forEach(line -> report.add("    " + line.strip()));
            report.addAll(at.excerpt((int) Math.max(1, end - start)));
        }
        if (evaluated instanceof DeclarationSnippet declaration) {
            List<String> missing = shell.unresolvedDependencies(declaration).toList();
            if (!missing.isEmpty()) {
                report.add("'" + declaration.name() + "' needs " + String.join(", ", missing) + ", not declared yet");
                any = true;
            }
        }
        if (!any) {
            report.add(CellPosition.of(cell, snippet.offset()).label() + ": snippet rejected by the compiler");
        }
        return new CellCompilationException(report);
    }

    /**
     * Cuts each stack trace in a throwable's chain (causes, suppressed) after its last frame in cell code (JShell's
     * {@code REPL.} classes): below it are only the kernel's reflection and worker frames. A trace without cell
     * frames (thrown on a thread the cell started) is left whole.
     */
    private static void trimToCellFrames(Throwable thrown, Set<Throwable> seen) {
        if (thrown == null || !seen.add(thrown)) {
            return;
        }
        StackTraceElement[] frames = thrown.getStackTrace();
        int last = -1;
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith("REPL.")) {
                last = i;
            }
        }
        if (last >= 0 && last < frames.length - 1) {
            thrown.setStackTrace(Arrays.copyOf(frames, last + 1));
        }
        trimToCellFrames(thrown.getCause(), seen);
        for (Throwable suppressed : thrown.getSuppressed()) {
            trimToCellFrames(suppressed, seen);
        }
    }

    /** A position in a cell as a 1-based line and column, with the line's text for an excerpt. */
    private record CellPosition(int line, int column, String text) {
        static CellPosition of(String cell, int index) {
            int at = Math.max(0, Math.min(index, cell.length()));
            int lineStart = cell.lastIndexOf('\n', at - 1) + 1;
            int lineEnd = cell.indexOf('\n', at);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            int line = 1;
            for (int i = 0; i < lineStart; i++) {
                if (cell.charAt(i) == '\n') {
                    line++;
                }
            }
            return new CellPosition(line, at - lineStart + 1, cell.substring(lineStart, lineEnd));
        }

        String label() {
            return "line " + line + ", column " + column;
        }

        List<String> excerpt(int width) {
            String gutter = String.format("%5d | ", line);
            StringBuilder caret = new StringBuilder(" ".repeat(gutter.length() - 2)).append("| ");
            for (int i = 0; i < column - 1 && i < text.length(); i++) {
                caret.append(text.charAt(i) == '\t' ? '\t' : ' '); // keep tabs so the caret lines up
            }
            int room = Math.max(1, text.length() - (column - 1));
            caret.append("^".repeat(Math.min(width, room)));
            return List.of(gutter + text, caret.toString());
        }
    }
}
