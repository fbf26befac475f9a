package dev.msgtrans.workbench.compare;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The real JMH runs under {@code src/test/resources/compare} (see the README there for how they were made). */
public final class Fixtures {

    private Fixtures() {
    }

    /** A run directory: {@code run-a}, {@code run-b} (a second honest run), {@code run-a-slow2x} (derived). */
    public static Path run(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/compare/" + name + "/run.json").toURI()).getParent();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture " + name, e);
        }
    }
}
