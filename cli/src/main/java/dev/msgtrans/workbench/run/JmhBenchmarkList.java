package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.matrix.MatrixPoint;
import dev.msgtrans.workbench.matrix.VariantCatalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmarks a {@code benchmarks.jar} contains and the {@code @Param}s each declares, parsed from
 * {@code java -jar benchmarks.jar -lp}. Used before a run to reject points whose regex selects nothing or whose
 * params no selected benchmark declares: JMH itself silently ignores an unknown {@code -p}, so a typo would
 * otherwise produce numbers for the wrong configuration. Immutable.
 */
public final class JmhBenchmarkList {

    private static final Pattern PARAM = Pattern.compile("^\\s+param \"([^\"]+)\" = \\{(.*)}\\s*$");

    /** Benchmark name to {@code @Param} name to its declared values. */
    private final Map<String, Map<String, List<String>>> paramsByBenchmark;

    private JmhBenchmarkList(Map<String, Map<String, List<String>>> paramsByBenchmark) {
        this.paramsByBenchmark = Collections.unmodifiableMap(paramsByBenchmark);
    }

    /** Parses the output of JMH's {@code -lp}: a "Benchmarks:" header, names, indented param lines. */
    public static JmhBenchmarkList parse(String listOutput) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : listOutput.split("\\R")) {
            Matcher m = PARAM.matcher(line);
            if (m.matches() && current != null) {
                List<String> values = new ArrayList<>();
                for (String v : m.group(2).split(",")) {
                    if (!v.isBlank()) {
                        values.add(v.trim());
                    }
                }
                out.get(current).put(m.group(1), values);
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("Benchmarks:")
                    && !line.startsWith("#") && line.indexOf(' ') < 0) {
                current = line.trim();
                out.put(current, new LinkedHashMap<>());
            }
        }
        return new JmhBenchmarkList(out);
    }

    public Set<String> benchmarks() {
        return paramsByBenchmark.keySet();
    }

    /** Benchmarks the regex selects, as JMH does ({@code find}, not {@code matches}). */
    public List<String> select(String regex) {
        Pattern p = Pattern.compile(regex);
        List<String> out = new ArrayList<>();
        for (String b : paramsByBenchmark.keySet()) {
            if (p.matcher(b).find()) {
                out.add(b);
            }
        }
        return out;
    }

    /**
     * Problems with a point, empty when it is fine: a regex that selects nothing; a param that none of the selected
     * benchmarks declares; a variant param value that is neither among a selected benchmark's declared values nor
     * a variant of {@code catalog} (e.g. a preset handed to a benchmark that takes only a variant).
     */
    public List<String> problems(MatrixPoint point, VariantCatalog catalog) {
        if (!point.isJmh()) {
            // not a JMH benchmark: its params were validated when the matrix was read (LatencyEntry)
            return List.of();
        }
        List<String> selected = select(point.regex());
        if (selected.isEmpty()) {
            return List.of("benchmark '" + point.benchmark() + "' (regex " + point.regex()
                    + ") selects no benchmark in the jar");
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> param : point.params().entrySet()) {
            String name = param.getKey();
            Set<String> declaredValues = new LinkedHashSet<>();
            Set<String> known = new LinkedHashSet<>();
            boolean declared = false;
            for (String b : selected) {
                Map<String, List<String>> params = paramsByBenchmark.get(b);
                known.addAll(params.keySet());
                if (params.containsKey(name)) {
                    declared = true;
                    declaredValues.addAll(params.get(name));
                }
            }
            if (!declared) {
                out.add("param '" + name + "' is not declared by " + selected + "; their params: " + known);
            } else if (VariantCatalog.VARIANT_PARAMS.contains(name) && !declaredValues.contains(param.getValue())
                    && !catalog.variants().contains(param.getValue())
                    && !(param.getValue().contains("=") && resolvesCompositions(declaredValues))) {
                out.add("param '" + name + "' value '" + param.getValue() + "' is neither declared by " + selected
                        + " " + declaredValues + " nor a variant " + catalog.variants());
            }
        }
        return out;
    }

    /** A benchmark that declares a preset resolves its param through Composition, so it takes explicit specs too. */
    private static boolean resolvesCompositions(Set<String> declaredValues) {
        return declaredValues.stream().anyMatch(dev.msgtrans.core.spi.Composition.PRESETS::containsKey);
    }
}
