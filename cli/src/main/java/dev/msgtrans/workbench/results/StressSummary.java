package dev.msgtrans.workbench.results;

import com.fasterxml.jackson.databind.JsonNode;
import dev.msgtrans.workbench.run.RunLayout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The correctness verdicts of a jcstress run, as the jcstress-tests runner writes them to
 * {@code stress-summary.json} (one result per property and variant, plus the broken control's). Immutable.
 *
 * @param file     the file read
 * @param mode     the runner's mode (e.g. {@code ci}, {@code quick})
 * @param tests    the test filter the runner used
 * @param ok       the runner's own verdict: every real variant passed and the control was caught
 * @param problems why it is not ok
 * @param verdicts one per test (property x variant)
 */
public record StressSummary(Path file, String mode, String tests, boolean ok, List<String> problems,
                            List<Verdict> verdicts) {

    /** The file name the jcstress-tests runner writes. */
    public static final String FILE_NAME = "stress-summary.json";

    public StressSummary {
        problems = List.copyOf(problems);
        verdicts = List.copyOf(verdicts);
    }

    /**
     * One property checked against one variant.
     *
     * @param test         the jcstress test class
     * @param property     e.g. {@code SessionRegistryPutIfAbsent}
     * @param component    the harness package: {@code sessions}, {@code actors}, {@code events}, {@code pools},
     *                     {@code requests}, {@code outbound}
     * @param variant      the variant alias ({@code broken} for the control)
     * @param control      whether this is the deliberately broken control
     * @param description  what the property states
     * @param samples      how many times jcstress ran the scenario
     * @param verdict      {@code PASS}, {@code FAIL}, {@code NOT_RUN} or {@code ERROR}
     * @param controlCheck for the control: {@code CAUGHT}, {@code NOT_CAUGHT}, {@code UNPROVEN},
     *                     {@code INFORMATIONAL}; null for real variants
     */
    public record Verdict(String test, String property, String component, String variant, boolean control,
                          String description, long samples, String verdict, String controlCheck) {

        public boolean passed() {
            return "PASS".equals(verdict);
        }

        public boolean failed() {
            return "FAIL".equals(verdict);
        }
    }

    /** The verdicts of real variants (not the control) for one component. */
    public List<Verdict> forComponent(String component) {
        return verdicts.stream().filter(v -> !v.control() && v.component().equals(component)).toList();
    }

    /** Reads {@code stress-summary.json}. */
    public static StressSummary read(Path file) {
        JsonNode root;
        try {
            root = RunLayout.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("results").isArray()) {
            throw new IllegalArgumentException(file + " is not a stress summary (no \"results\" array)");
        }
        List<String> problems = new ArrayList<>();
        root.path("problems").forEach(p -> problems.add(p.asText()));
        List<Verdict> verdicts = new ArrayList<>();
        for (JsonNode r : root.path("results")) {
            verdicts.add(new Verdict(r.path("test").asText(), r.path("property").asText(),
                    r.path("component").asText(), r.path("variant").asText(), r.path("control").asBoolean(),
                    r.path("description").asText(""), r.path("samples").asLong(), r.path("verdict").asText(),
                    r.hasNonNull("controlCheck") ? r.path("controlCheck").asText() : null));
        }
        return new StressSummary(file, root.path("mode").asText(""), root.path("tests").asText(""),
                root.path("ok").asBoolean(), problems, verdicts);
    }

    /** {@code stress-summary.json} in a run directory, or in its {@code stress/} subdirectory, if present. */
    public static Optional<StressSummary> find(Path runDir) {
        for (Path p : List.of(runDir.resolve(FILE_NAME), runDir.resolve("stress").resolve(FILE_NAME))) {
            if (java.nio.file.Files.isRegularFile(p)) {
                return Optional.of(read(p));
            }
        }
        return Optional.empty();
    }
}
