package dev.msgtrans.workbench.matrix;

import java.nio.file.Path;

/** Where the tests find the repository (surefire sets {@code workbench.home}) and its variants. */
public final class TestCatalogs {

    private TestCatalogs() {
    }

    public static Path home() {
        return Path.of(System.getProperty("workbench.home", "..")).toAbsolutePath().normalize();
    }

    public static Path matricesDir() {
        return home().resolve("harness/matrices");
    }

    public static Path benchmarksJar() {
        return home().resolve("harness/target/benchmarks.jar");
    }

    /** The variants on the test class path (the variant modules are test dependencies) and in the jar, if built. */
    public static VariantCatalog discovered() {
        return VariantCatalog.discover(benchmarksJar());
    }
}
