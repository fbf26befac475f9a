package dev.msgtrans.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.kernel.exec.CellCompilationException;
import dev.msgtrans.kernel.exec.JShellCellEvaluator;
import dev.msgtrans.kernel.magic.MagicException;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel without a Jupyter connection: what an execute request would answer (the rendered last value) and how
 * errors are formatted for the error output. Cells here print nothing, since no Jupyter stream is attached.
 */
class JShellKernelTest {
    private static JShellKernel kernel;

    @BeforeAll
    static void startKernel() {
        kernel = new JShellKernel(new JShellCellEvaluator());
    }

    @AfterAll
    static void stopKernel() {
        kernel.onShutdown(false);
    }

    @Test
    void answersAnExpressionWithTextAndAChartWithAPng() throws Exception {
        assertEquals("42", kernel.eval("6 * 7").getData(MIMEType.TEXT_PLAIN));
        assertNull(kernel.eval("int quiet = 1;"));

        DisplayData chart = kernel.eval(String.join("\n",
                "import org.knowm.xchart.*;",
                "var smokeChart = new XYChartBuilder().width(200).height(150).build();",
                "smokeChart.addSeries(\"s\", new double[] {1, 2}, new double[] {3, 4});",
                "smokeChart"));

        assertTrue(String.valueOf(chart.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"), "base64 of a PNG");
        // the portable form for notebooks that must also run on IJava, which has no chart renderer
        DisplayData image = kernel.eval("BitmapEncoder.getBufferedImage(smokeChart)");
        assertTrue(String.valueOf(image.getData(MIMEType.IMAGE_PNG)).startsWith("iVBORw0KGgo"), "base64 of a PNG");
    }

    @Test
    void formatsCompileErrorsAsTheirReportAndCellExceptionsAsCellFramesOnly() {
        CellCompilationException compile = assertThrows(CellCompilationException.class,
                () -> kernel.eval("int wrong = \"text\";"));
        assertEquals(compile.report(), kernel.formatError(compile));

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> kernel.eval("void fail() { throw new IllegalStateException(\"bad state\"); }\nfail();"));
        List<String> trace = kernel.formatError(thrown);
        assertEquals("java.lang.IllegalStateException: bad state", trace.get(0));
        assertTrue(trace.stream().skip(1).allMatch(line -> line.contains("REPL.")), trace.toString());

        MagicException magic = assertThrows(MagicException.class, () -> kernel.eval("%nosuchmagic"));
        assertEquals(List.of(magic.getMessage()), kernel.formatError(magic));
    }

    @Test
    void tellsFrontEndsWhetherACellIsComplete() {
        assertEquals("complete", kernel.isComplete("int a = 1;\na + 1"));
        assertEquals("", kernel.isComplete("void f() {"), "incomplete: an indent, here none");
    }
}
