package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.results.BenchmarkResult;
import dev.msgtrans.workbench.results.Metric;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The results of one report section (one benchmark, or ours beside Netty's), grouped the way the charts need them:
 * configurations (every parameter but the variant), within them series (variants) and thread counts. Immutable.
 *
 * @param title    the section title
 * @param families the benchmark families shown
 * @param configs  one per distinct parameter set, in a stable order
 * @param fixed    parameters with one value across the whole section (stated once, not per chart)
 */
record Section(String title, List<BenchmarkFamily> families, List<Config> configs, SortedMap<String, String> fixed) {

    /** Variants in the order the report shows them: presets in migration order, then strategies, then the rest. */
    static final List<String> ORDER = List.of("baseline", "phase1", "phase2", "phase3", "mutex", "rwlock", "lockfree",
            "cow", "chm", "netty");

    /**
     * One measured point.
     *
     * @param result       the raw result
     * @param family       its family
     * @param series       variant (or implementation, method, {@code netty})
     * @param threads      total threads
     * @param threadsLabel {@code 2} or a group's {@code 1,1}
     * @param value        the headline metric in its base unit ({@code ops/s}, ...)
     * @param alloc        bytes per operation, or null without {@code -prof gc}
     */
    record Point(BenchmarkResult result, BenchmarkFamily family, String series, int threads, String threadsLabel,
                 Metric value, Metric alloc) {
    }

    /**
     * One configuration: every parameter except the variant.
     *
     * @param label  the parameters that vary across the section, e.g. {@code readPercent=90}; empty if none vary
     * @param points its points
     */
    record Config(String label, List<Point> points) {

        List<String> series() {
            Set<String> s = new LinkedHashSet<>();
            points.forEach(p -> s.add(p.series()));
            return sortSeries(s);
        }

        /** Distinct thread counts, ascending, with their labels. */
        SortedMap<Integer, String> threads() {
            SortedMap<Integer, String> t = new TreeMap<>();
            points.forEach(p -> t.merge(p.threads(), p.threadsLabel(),
                    (a, b) -> a.equals(b) ? a : a + " / " + b));
            return t;
        }

        Point point(String series, int threads) {
            return points.stream().filter(p -> p.series().equals(series) && p.threads() == threads).findFirst()
                    .orElse(null);
        }
    }

    static List<String> sortSeries(Set<String> series) {
        List<String> out = new ArrayList<>(series);
        out.sort(Comparator.comparingInt((String s) -> ORDER.contains(s) ? ORDER.indexOf(s) : ORDER.size())
                .thenComparing(Comparator.naturalOrder()));
        return out;
    }

    /** Builds the sections of a page from its results, one per section title in catalog order. */
    static List<Section> of(ReportPage page, List<BenchmarkResult> results, boolean multiJdk) {
        Map<String, List<BenchmarkFamily>> bySection = new LinkedHashMap<>();
        for (BenchmarkFamily f : BenchmarkFamily.ALL) {
            if (f.page() == page) {
                bySection.computeIfAbsent(f.section(), k -> new ArrayList<>()).add(f);
            }
        }
        List<Section> out = new ArrayList<>();
        for (Map.Entry<String, List<BenchmarkFamily>> e : bySection.entrySet()) {
            List<Point> points = new ArrayList<>();
            for (BenchmarkResult r : results) {
                BenchmarkFamily f = BenchmarkFamily.of(r).orElse(null);
                if (f != null && e.getValue().contains(f)) {
                    points.add(new Point(r, f, f.seriesOf(r), r.threads(), r.threadsLabel(), r.headline().inBaseUnit(),
                            r.allocationPerOp().map(Metric::inBaseUnit).orElse(null)));
                }
            }
            out.add(build(e.getKey(), e.getValue(), points, multiJdk));
        }
        return out;
    }

    private static Section build(String title, List<BenchmarkFamily> families, List<Point> points, boolean multiJdk) {
        // params of each point without the variant, plus the JDK when the run used several
        Map<Point, SortedMap<String, String>> keyOf = new LinkedHashMap<>();
        for (Point p : points) {
            SortedMap<String, String> k = new TreeMap<>(p.result().params());
            if (p.family().variantParam() != null) {
                k.remove(p.family().variantParam());
            }
            if (multiJdk) {
                k.put("jdk", p.result().jdk());
            }
            keyOf.put(p, k);
        }
        // which parameters vary: those are the configuration's label; the rest are stated once
        Map<String, Set<String>> values = new TreeMap<>();
        keyOf.values().forEach(k -> k.forEach((name, v) -> values.computeIfAbsent(name, x -> new LinkedHashSet<>())
                .add(v)));
        SortedMap<String, String> fixed = new TreeMap<>();
        values.forEach((name, vs) -> {
            if (vs.size() == 1) {
                // One value: stated once. A parameter some benchmarks of the section lack (the Netty reference has
                // no `reuse`) is stated for those that have it, so it does not split one configuration in two.
                boolean everywhere = keyOf.values().stream().allMatch(k -> k.containsKey(name));
                fixed.put(name, vs.iterator().next() + (everywhere ? "" : " (where the benchmark has it)"));
            }
        });
        Map<String, List<Point>> byLabel = new TreeMap<>(Section::compareLabels);
        for (Map.Entry<Point, SortedMap<String, String>> e : keyOf.entrySet()) {
            List<String> parts = new ArrayList<>();
            e.getValue().forEach((name, v) -> {
                if (!fixed.containsKey(name)) {
                    parts.add(name + "=" + v);
                }
            });
            byLabel.computeIfAbsent(String.join(", ", parts), x -> new ArrayList<>()).add(e.getKey());
        }
        List<Config> configs = new ArrayList<>();
        byLabel.forEach((label, ps) -> configs.add(new Config(label, List.copyOf(ps))));
        return new Section(title, List.copyOf(families), List.copyOf(configs), fixed);
    }

    /** Orders labels with numbers compared as numbers ({@code window=1} before {@code window=16}). */
    private static int compareLabels(String a, String b) {
        String[] x = a.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        String[] y = b.split("(?<=\\D)(?=\\d)|(?<=\\d)(?=\\D)");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = x[i].chars().allMatch(Character::isDigit) && y[i].chars().allMatch(Character::isDigit)
                    && !x[i].isEmpty() && !y[i].isEmpty()
                    ? Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i])) : x[i].compareTo(y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    boolean isEmpty() {
        return configs.isEmpty();
    }

    /** The noun of what is counted (from the first family). */
    String noun() {
        return families.get(0).noun();
    }
}
