package dev.msgtrans.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's command line and the class path environment variable. */
class KernelArgumentsTest {
    private static final String SEP = File.pathSeparator;

    @Test
    void takesTheConnectionFileAndClasspathsFromArgumentsThenEnvironment() {
        KernelArguments parsed = KernelArguments.parse(
                new String[] {"--classpath", "a.jar" + SEP + "lib/*.jar", "--classpath=b.jar", "/tmp/kernel-1.json"},
                "env.jar" + SEP + SEP + " ");

        assertEquals(Path.of("/tmp/kernel-1.json"), parsed.connectionFile());
        assertEquals(List.of("a.jar", "lib/*.jar", "b.jar", "env.jar"), parsed.classpath());
    }

    @Test
    void acceptsAnEmptyClasspathAsTheKernelspecWritesIt() {
        KernelArguments parsed = KernelArguments.parse(new String[] {"--classpath", "", "conn.json"}, null);

        assertEquals(List.of(), parsed.classpath());
    }

    @Test
    void rejectsMissingOrExtraConnectionFilesAndUnknownOptions() {
        assertThrows(IllegalArgumentException.class, () -> KernelArguments.parse(new String[] {}, null));
        assertThrows(IllegalArgumentException.class, () -> KernelArguments.parse(new String[] {"a.json", "b.json"}, null));
        assertThrows(IllegalArgumentException.class, () -> KernelArguments.parse(new String[] {"--verbose", "a.json"}, null));
        assertThrows(IllegalArgumentException.class, () -> KernelArguments.parse(new String[] {"a.json", "--classpath"}, null));
    }
}
