package dev.msgtrans.harness.footprint;

import dev.msgtrans.core.spi.Variants;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@code footprint.json}: bytes per idle session per variant and component ({@link SessionFootprint}), with
 * the JDK, the cores, the collector and the command. Run by {@code workbench footprint} and {@code workbench run}
 * in a JVM of the harness jar (which carries every variant):
 * <pre>
 * java -cp harness/target/benchmarks.jar dev.msgtrans.harness.footprint.FootprintMain --out DIR [--sessions N] [--variant a,b]
 * </pre>
 * Exit codes: 0 written, 2 bad usage.
 */
public final class FootprintMain {

    public static final String FILE = "footprint.json";

    private FootprintMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = null;
        int sessions = 10_000;
        List<String> variants = new ArrayList<>(Variants.realAliases());
        String command = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--out" -> out = Path.of(require(a, v));
                case "--sessions" -> sessions = Integer.parseInt(require(a, v));
                case "--variant" -> variants = List.of(require(a, v).split(","));
                case "--command" -> command = require(a, v);
                default -> usage("unknown option " + a);
            }
            i++;
        }
        if (out == null) {
            usage("--out DIR is required");
        }
        if (sessions <= 0) {
            usage("--sessions must be positive");
        }
        for (String alias : variants) {
            Variants.get(alias); // an unknown alias fails before anything is measured, naming the known ones
        }
        if (command == null) {
            command = "java -cp " + System.getProperty("java.class.path") + " " + FootprintMain.class.getName() + " "
                    + String.join(" ", args);
        }
        SessionFootprint footprint = new SessionFootprint(new AllocationMeter());
        Map<String, Map<String, AllocationMeter.PerItem>> results = new LinkedHashMap<>();
        for (String alias : variants) {
            results.put(alias, footprint.measure(Variants.get(alias), sessions));
            System.out.println("footprint " + alias + ": " + String.format(Locale.ROOT, "%.0f",
                    total(results.get(alias)).retained()) + " B retained per idle session");
        }
        Files.createDirectories(out);
        Path file = out.resolve(FILE);
        Files.writeString(file, json(results, sessions, command), StandardCharsets.UTF_8);
        System.out.println("wrote " + file);
    }

    static AllocationMeter.PerItem total(Map<String, AllocationMeter.PerItem> components) {
        double a = 0;
        double r = 0;
        for (AllocationMeter.PerItem p : components.values()) {
            a += p.allocated();
            r += p.retained();
        }
        return new AllocationMeter.PerItem(a, r);
    }

    /** The file's JSON: schema 1, hand-written (the harness carries no JSON library). */
    static String json(Map<String, Map<String, AllocationMeter.PerItem>> results, int sessions, String command) {
        StringBuilder b = new StringBuilder();
        b.append("{\n");
        b.append("  \"schema\": 1,\n");
        b.append("  \"unit\": \"bytes per idle session\",\n");
        b.append("  \"sessions\": ").append(sessions).append(",\n");
        b.append("  \"command\": ").append(quote(command)).append(",\n");
        b.append("  \"jdk\": ").append(quote(System.getProperty("java.vendor") + " "
                + System.getProperty("java.runtime.version"))).append(",\n");
        b.append("  \"vm\": ").append(quote(System.getProperty("java.vm.name"))).append(",\n");
        b.append("  \"gc\": ").append(quote(String.join(",", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(g -> g.getName()).toList()))).append(",\n");
        b.append("  \"maxHeapBytes\": ").append(Runtime.getRuntime().maxMemory()).append(",\n");
        b.append("  \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        b.append("  \"components\": [");
        b.append(String.join(", ", SessionFootprint.COMPONENTS.stream().map(FootprintMain::quote).toList()));
        b.append("],\n");
        b.append("  \"variants\": {");
        boolean firstVariant = true;
        for (Map.Entry<String, Map<String, AllocationMeter.PerItem>> v : results.entrySet()) {
            b.append(firstVariant ? "\n" : ",\n");
            firstVariant = false;
            b.append("    ").append(quote(v.getKey())).append(": {");
            Map<String, AllocationMeter.PerItem> rows = new LinkedHashMap<>(v.getValue());
            rows.put("total", total(v.getValue()));
            boolean first = true;
            for (Map.Entry<String, AllocationMeter.PerItem> c : rows.entrySet()) {
                b.append(first ? "\n" : ",\n");
                first = false;
                b.append("      ").append(quote(c.getKey())).append(": {\"retained\": ")
                        .append(number(c.getValue().retained())).append(", \"allocated\": ")
                        .append(number(c.getValue().allocated())).append('}');
            }
            b.append("\n    }");
        }
        b.append("\n  }\n}\n");
        return b.toString();
    }

    private static String number(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String require(String option, String value) {
        if (value == null) {
            usage(option + " needs a value");
        }
        return value;
    }

    private static void usage(String message) {
        System.err.println("footprint: " + message + "\nusage: FootprintMain --out DIR [--sessions N]"
                + " [--variant a,b] [--command TEXT]");
        System.exit(2);
    }
}
