package dev.msgtrans.kernel.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluator with the in-process engine: real result objects, captured output, errors as exceptions, the
 * display helper and interrupts. One shell serves the class (starting one compiles the start-up snippets), so
 * tests use their own variable names.
 */
class JShellCellEvaluatorTest {
    private static JShellCellEvaluator evaluator;

    @BeforeAll
    static void startEvaluator() {
        evaluator = new JShellCellEvaluator();
    }

    @AfterAll
    static void closeEvaluator() {
        evaluator.close();
    }

    /** One cell's captured output. */
    private static final class Capture {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final List<Object> displayed = new ArrayList<>();

        CellStreams streams() {
            return new CellStreams(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), displayed::add);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    private static Object run(String cell) throws Exception {
        return evaluator.evaluate(cell, new Capture().streams());
    }

    @Test
    void returnsTheLastExpressionAsTheRealObject() throws Exception {
        Object value = run("var builder = new StringBuilder(\"ab\");\nbuilder.append('c');\nbuilder");

        StringBuilder builder = assertInstanceOf(StringBuilder.class, value);
        assertEquals("abc", builder.toString());
        assertSame(builder, run("builder"), "the same object, not a copy or a string");
    }

    @Test
    void keepsStateBetweenCells() throws Exception {
        run("int kept = 20;");
        assertEquals(42, run("kept * 2 + 2"));
    }

    @Test
    void declarationsAndStatementsHaveNoValue() throws Exception {
        assertNull(run("int declared = 3;"));
        assertNull(run("if (declared > 0) { declared = 5; }"));
        assertNull(run("void helper() { }"));
        assertNull(run("Object nothing = null;\nnothing"), "null is shown as nothing");
    }

    @Test
    void capturesStandardOutputAndErrorAndRestoresThem() throws Exception {
        PrintStream before = System.out;
        Capture capture = new Capture();

        Object value = evaluator.evaluate(
                "System.out.println(\"to out\");\nSystem.err.print(\"to err\");\n\"done\"", capture.streams());

        assertEquals("done", value);
        assertEquals("to out" + System.lineSeparator(), capture.out());
        assertEquals("to err", capture.err());
        assertSame(before, System.out);
    }

    @Test
    void readsStandardInputFromTheCellsStreams() throws Exception {
        Capture capture = new Capture();
        CellStreams streams = new CellStreams(capture.streams().out(), capture.streams().err(),
                new ByteArrayInputStream("typed".getBytes(StandardCharsets.UTF_8)), value -> { });

        assertEquals("typed", evaluator.evaluate("new String(System.in.readAllBytes())", streams));
    }

    @Test
    void reportsCompileErrorsWithCellLineColumnAndCaret() {
        CellCompilationException error = assertThrows(CellCompilationException.class,
                () -> run("int fine = 1;\nint broken = noSuchVariable + fine;"));

        assertTrue(error.report().get(0).startsWith("line 2, column 14: cannot find symbol"), error.getMessage());
        assertTrue(error.report().contains("    2 | int broken = noSuchVariable + fine;"), error.getMessage());
        assertTrue(error.report().contains("      |              ^^^^^^^^^^^^^^"), error.getMessage());
        assertEquals(0, error.getStackTrace().length, "no kernel frames");
    }

    @Test
    void rethrowsTheCellsExceptionWithOnlyCellFrames() {
        ArithmeticException error = assertThrows(ArithmeticException.class,
                () -> run("int zeroDivisor = 0;\nint quotient = 1 / zeroDivisor;"));

        StackTraceElement[] frames = error.getStackTrace();
        assertTrue(frames.length > 0);
        assertTrue(frames[0].getClassName().startsWith("REPL."), frames[0].toString());
        assertTrue(frames[frames.length - 1].getClassName().startsWith("REPL."), frames[frames.length - 1].toString());
    }

    @Test
    void wrapsErrorsThrownByTheCell() {
        CellErrorException error = assertThrows(CellErrorException.class,
                () -> run("throw new AssertionError(\"expected failure\");"));

        AssertionError cause = assertInstanceOf(AssertionError.class, error.getCause());
        assertEquals("expected failure", cause.getMessage());
    }

    @Test
    void runsNothingFromAnIncompleteCell() {
        Capture capture = new Capture();

        assertThrows(IncompleteCellException.class, () -> evaluator.evaluate(
                "System.out.println(\"must not run\");\nvoid unfinished() {", capture.streams()));

        assertEquals("", capture.out());
    }

    @Test
    void displayHandsValuesToTheSinkWhileTheCellRuns() throws Exception {
        Capture capture = new Capture();

        evaluator.evaluate("display(List.of(1, 2));\ndisplay(\"second\");", capture.streams());

        assertEquals(List.of(List.of(1, 2), "second"), capture.displayed);
    }

    @Test
    void interruptStopsABlockedCellAndTheShellCarriesOn() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        PrintStream signalling = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                started.countDown();
            }
        }, true, StandardCharsets.UTF_8);
        CellStreams streams = new CellStreams(signalling, signalling, value -> { });

        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                return evaluator.evaluate("System.out.println(\"started\");\nThread.sleep(600_000);", streams);
            } catch (Exception e) {
                return e;
            }
        });
        started.await();
        evaluator.interrupt();

        assertInstanceOf(CellInterruptedException.class, cell.join());
        assertEquals(2, run("1 + 1"));
    }

    @Test
    void interruptAbandonsACellThatIgnoresItAndLaterCellsRunOnAFreshThread() throws Exception {
        run("class Gate { static volatile boolean open; static volatile String spinner; }");
        CountDownLatch started = new CountDownLatch(1);
        PrintStream signalling = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                started.countDown();
            }
        }, true, StandardCharsets.UTF_8);
        CellStreams streams = new CellStreams(signalling, signalling, value -> { });

        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> {
            try {
                // one snippet, so that the interrupt finds it running
                return evaluator.evaluate("{ Gate.spinner = Thread.currentThread().getName();\n"
                        + "System.out.println(\"spinning\");\nwhile (!Gate.open) { Thread.onSpinWait(); } }", streams);
            } catch (Exception e) {
                return e;
            }
        });
        started.await();
        evaluator.interrupt();
        assertInstanceOf(CellInterruptedException.class, cell.join());

        try {
            Object thread = run("Thread.currentThread().getName()");
            assertTrue(!thread.equals(run("Gate.spinner")), "later cells run on another worker: " + thread);
        } finally {
            run("Gate.open = true;"); // lets the abandoned worker finish
        }
    }
}
