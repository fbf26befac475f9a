package dev.msgtrans.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.msgtrans.kernel.exec.CellStreams;
import dev.msgtrans.kernel.exec.JShellCellEvaluator;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicArgs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and running {@code %jars} and {@code %classpath}, down to a cell using a class from an added jar. */
class ClasspathMagicsTest {
    @TempDir
    Path dir;

    private final List<String> added = new ArrayList<>();
    private final ClasspathMagics magics = new ClasspathMagics(added::add, () -> List.copyOf(added));
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void parsesMagicLinesWithQuotedArgumentsAndBlanksThemInTheCode() throws MagicException {
        String cell = "%jars lib/a.jar \"dir with blanks/*.jar\"\nint x = 1;\n%classpath\nx";

        ClasspathMagics.ParsedCell parsed = ClasspathMagics.parse(cell);

        List<LineMagicArgs> found = parsed.magics();
        assertEquals(2, found.size());
        assertEquals("jars", found.get(0).getName());
        assertEquals(List.of("lib/a.jar", "dir with blanks/*.jar"), found.get(0).getArgs());
        assertEquals("classpath", found.get(1).getName());
        assertEquals(List.of(), found.get(1).getArgs());
        assertEquals("\nint x = 1;\n\nx", parsed.code(), "magic lines blanked, line numbers kept");
    }

    @Test
    void leavesACellWithoutMagicsAlone() throws MagicException {
        String cell = "int percent = 7 % 3;\nString s = \"%jars\";";

        ClasspathMagics.ParsedCell parsed = ClasspathMagics.parse(cell);

        assertTrue(parsed.magics().isEmpty());
        assertEquals(cell, parsed.code());
    }

    @Test
    void jarsExpandsGlobsToAbsoluteFilesInOrder() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.createFile(lib.resolve("b.jar"));
        Files.createFile(lib.resolve("a.jar"));
        Files.createFile(lib.resolve("notes.txt"));

        String code = magics.apply("%jars " + lib + "/*.jar\n1 + 1", out);

        assertEquals(List.of(lib.resolve("a.jar").toString(), lib.resolve("b.jar").toString()), added);
        assertEquals("\n1 + 1", code);
    }

    @Test
    void classpathAddsDirectoriesAndPrintsWhatWasAdded() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classes"));

        magics.apply("%classpath " + classes, out);
        magics.apply("%classpath", out);

        assertEquals(List.of(classes.toString()), added);
        assertEquals(classes + System.lineSeparator(), printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rejectsWhatMatchesNothingUnknownMagicsAndCellMagics() throws IOException {
        Path onlyADirectory = Files.createDirectories(dir.resolve("lib"));

        MagicException missing = assertThrows(MagicException.class,
                () -> magics.apply("%jars " + dir.resolve("missing/*.jar"), out));
        assertTrue(missing.getMessage().startsWith("%jars: nothing matches"), missing.getMessage());
        assertThrows(MagicException.class, () -> magics.apply("%jars " + onlyADirectory, out), "directories are not jars");
        assertThrows(MagicException.class, () -> magics.apply("%jars", out));
        MagicException unknown = assertThrows(MagicException.class, () -> magics.apply("%maven a:b:1", out));
        assertTrue(unknown.getMessage().contains("%jars and %classpath"), unknown.getMessage());
        assertThrows(MagicException.class, () -> magics.apply("%%bash\necho hi", out));
        assertTrue(added.isEmpty());
    }

    @Test
    void aCellUsesAClassFromAJarAddedWithJars() throws Exception {
        Path jar = greeterJar();
        try (JShellCellEvaluator evaluator = new JShellCellEvaluator()) {
            ClasspathMagics kernelMagics = new ClasspathMagics(evaluator::addToClasspath, evaluator::classpath);
            CellStreams streams = new CellStreams(out, out, value -> { });

            String code = kernelMagics.apply("%jars " + jar.getParent() + "/*.jar\nnew demo.Greeter().greet(\"jar\")", out);

            assertEquals("hello, jar", evaluator.evaluate(code, streams));
            assertEquals(List.of(jar.toString()), evaluator.classpath());
        }
    }

    /** Compiles {@code demo.Greeter} and packs it into a jar. */
    private Path greeterJar() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/demo"));
        Path classes = Files.createDirectories(dir.resolve("greeter-classes"));
        Files.writeString(src.resolve("Greeter.java"), "package demo;\npublic class Greeter {\n"
                + "    public String greet(String who) { return \"hello, \" + who; }\n}\n");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        OutputStream quiet = OutputStream.nullOutputStream();
        int status = javac.run(null, quiet, quiet, "-d", classes.toString(), src.resolve("Greeter.java").toString());
        assertEquals(0, status, "javac");
        Path jar = Files.createDirectories(dir.resolve("jars")).resolve("greeter.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/Greeter.class"));
            out.write(Files.readAllBytes(classes.resolve("demo/Greeter.class")));
            out.closeEntry();
        }
        return jar;
    }
}
