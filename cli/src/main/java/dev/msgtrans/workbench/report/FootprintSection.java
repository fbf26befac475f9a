package dev.msgtrans.workbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The report's "bytes per idle session" table, from the run's {@code footprint.json} (written by
 * {@code workbench footprint} and by every {@code workbench run}): per variant, the heap each per-session component
 * retains after a full collection, with what building it allocated in brackets. Absent file, no section. Stateless.
 */
final class FootprintSection {

    /** The file a run directory holds. */
    static final String FILE = "footprint.json";

    private FootprintSection() {
    }

    /** Appends the section when {@code runDir} holds a footprint; says so when the file cannot be read. */
    static void write(Markdown md, Path runDir, ReportPaths paths) {
        Path file = runDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return;
        }
        md.h(2, "Bytes per idle session");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            md.p("`" + FILE + "` could not be read: " + paths.scrub(String.valueOf(e.getMessage())));
            return;
        }
        List<String> components = new ArrayList<>();
        root.path("components").forEach(c -> components.add(c.asText()));
        components.add("total");
        List<String> header = new ArrayList<>();
        header.add("variant");
        components.forEach(header::add);
        List<List<String>> rows = new ArrayList<>();
        Iterator<String> variants = root.path("variants").fieldNames();
        while (variants.hasNext()) {
            String v = variants.next();
            JsonNode byComponent = root.path("variants").path(v);
            List<String> row = new ArrayList<>();
            row.add(v);
            for (String c : components) {
                row.add(cell(byComponent.path(c)));
            }
            rows.add(row);
        }
        md.table(header, rows);
        md.p(String.format(Locale.ROOT, "Measured, not estimated: each variant's per-session component state built for"
                        + " %,d sessions with the transport's default bounds, heap retained after a full collection"
                        + " per session (in brackets: bytes the building thread allocated per session, garbage such"
                        + " as a table's old arrays included). registry: one entry; actor: an actor with its mailbox"
                        + " after its first run; outbound: one outbound queue; requests: one request tracker. The"
                        + " engine's own per-session objects are the same for every variant and not counted. %s, %s"
                        + " cores, collector %s. Command: %s.",
                root.path("sessions").asInt(), root.path("jdk").asText("unknown JDK"), root.path("cores").asText("?"),
                root.path("gc").asText("?"), Markdown.code(paths.scrub(root.path("command").asText("?")))));
    }

    private static String cell(JsonNode n) {
        if (!n.has("retained")) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,.0f B (%,.0f B)", n.path("retained").asDouble(),
                n.path("allocated").asDouble());
    }
}
