package dev.msgtrans.kernel;

import dev.msgtrans.kernel.display.XChartPngRenderer;
import dev.msgtrans.kernel.exec.CellCompilationException;
import dev.msgtrans.kernel.exec.CellErrorException;
import dev.msgtrans.kernel.exec.CellInterruptedException;
import dev.msgtrans.kernel.exec.CellStreams;
import dev.msgtrans.kernel.exec.IncompleteCellException;
import dev.msgtrans.kernel.exec.JShellCellEvaluator;
import dev.msgtrans.kernel.magic.ClasspathMagics;
import dev.msgtrans.kernel.magic.MagicException;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.JupyterIO;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Suggestion;

/**
 * The Jupyter kernel: each execute request runs the cell's magics ({@link ClasspathMagics}), then its code
 * ({@link JShellCellEvaluator}), and answers with the rendered value of the last expression ({@code text/plain},
 * or {@code image/png} for an XChart chart). Compile errors, exceptions thrown by the cell, incomplete cells and
 * magic errors become Jupyter error outputs, so a headless run (nbconvert) fails on them.
 *
 * <p>Threading: the basekernel calls {@link #eval}, {@link #complete} and {@link #isComplete} on its shell thread,
 * one request at a time, and {@link #interrupt()} on its control thread, possibly while {@link #eval} runs; the
 * evaluator runs the cell's code on its own worker thread, so the interrupt can reach it. Cell output is published
 * from the worker thread; the basekernel serialises sends on each socket.
 */
public final class JShellKernel extends BaseKernel {
    private final JShellCellEvaluator evaluator;
    private final ClasspathMagics magics;
    private final LanguageInfo languageInfo;

    /**
     * @param evaluator the shell that runs the cells; the kernel closes it on shutdown
     */
    public JShellKernel(JShellCellEvaluator evaluator) {
        this.evaluator = evaluator;
        this.magics = new ClasspathMagics(evaluator::addToClasspath, evaluator::classpath);
        this.languageInfo = new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".java")
                .pygments("java")
                .codemirror("java")
                .build();
        XChartPngRenderer.register(getRenderer());
        // the evaluator switches System.out/err itself, per cell, and flushes them in order with the results
        setShouldReplaceStdStreams(false);
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: MsgTrans workbench kernel (jshell, in-process)";
    }

    @Override
    public DisplayData eval(String cell) throws Exception {
        JupyterIO io = getIO();
        String code = magics.apply(cell, io.out);
        Object value = evaluator.evaluate(code, new CellStreams(io.out, io.err, io.in, shown -> display(render(shown))));
        return value == null ? null : render(value);
    }

    private DisplayData render(Object value) {
        return value instanceof DisplayData data ? data : getRenderer().render(value);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        int[] anchor = new int[1];
        List<Suggestion> suggestions = evaluator.sourceCodeAnalysis().completionSuggestions(code, at, anchor);
        if (suggestions.isEmpty()) {
            return null;
        }
        List<String> options = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(Suggestion::continuation)
                .distinct()
                .toList();
        return new ReplacementOptions(options, anchor[0], at);
    }

    @Override
    public String isComplete(String cell) {
        String code;
        try {
            code = ClasspathMagics.parse(cell).code();
        } catch (MagicException e) {
            return IS_COMPLETE_BAD;
        }
        SourceCodeAnalysis analysis = evaluator.sourceCodeAnalysis();
        CompletionInfo info = analysis.analyzeCompletion(code);
        while (info.completeness().isComplete()) {
            info = analysis.analyzeCompletion(info.remaining());
        }
        return switch (info.completeness()) {
            case EMPTY -> IS_COMPLETE_YES;
            case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> ""; // incomplete: the front end adds a line
            default -> IS_COMPLETE_MAYBE;
        };
    }

    @Override
    public void interrupt() {
        evaluator.interrupt();
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        evaluator.close();
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellCompilationException compilation) {
            return compilation.report();
        }
        if (e instanceof IncompleteCellException || e instanceof MagicException
                || e instanceof CellInterruptedException) {
            return List.of(e.getMessage());
        }
        // cell exceptions arrive with their traces already cut to the cell's frames (JShellCellEvaluator)
        Throwable thrown = e instanceof CellErrorException && e.getCause() != null ? e.getCause() : e;
        StringWriter text = new StringWriter();
        try (PrintWriter writer = new PrintWriter(text)) {
            thrown.printStackTrace(writer);
        }
        return text.toString().lines().toList();
    }
}
