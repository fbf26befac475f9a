package dev.msgtrans.workbench.run;

import dev.msgtrans.workbench.matrix.MatrixPoint;

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

    private final Map<String, Set<String>> paramsByBenchmark;

    private JmhBenchmarkList(Map<String, Set<String>> paramsByBenchmark) {
        this.paramsByBenchmark = Collections.unmodifiableMap(paramsByBenchmark);
    }

    /** Parses the output of JMH's {@code -lp}: a "Benchmarks:" header, names, indented param lines. */
    public static JmhBenchmarkList parse(String listOutput) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : listOutput.split("\\R")) {
            Matcher m = PARAM.matcher(line);
            if (m.matches() && current != null) {
                out.get(current).add(m.group(1));
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("Benchmarks:")
                    && !line.startsWith("#") && line.indexOf(' ') < 0) {
                current = line.trim();
                out.put(current, new LinkedHashSet<>());
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
     * Problems with a point, empty when it is fine: a regex that selects nothing, a param that none of the
     * selected benchmarks declares.
     */
    public List<String> problems(MatrixPoint point) {
        List<String> selected = select(point.regex());
        if (selected.isEmpty()) {
            return List.of("benchmark '" + point.benchmark() + "' (regex " + point.regex()
                    + ") selects no benchmark in the jar");
        }
        List<String> out = new ArrayList<>();
        for (String param : point.params().keySet()) {
            boolean declared = false;
            for (String b : selected) {
                declared |= paramsByBenchmark.get(b).contains(param);
            }
            if (!declared) {
                Set<String> known = new LinkedHashSet<>();
                selected.forEach(b -> known.addAll(paramsByBenchmark.get(b)));
                out.add("param '" + param + "' is not declared by " + selected + "; their params: " + known);
            }
        }
        return out;
    }
}
