package dev.msgtrans.workbench.matrix;

import dev.msgtrans.core.spi.Composition;
import dev.msgtrans.core.spi.Phase;
import dev.msgtrans.core.spi.Variant;
import dev.msgtrans.core.spi.Variants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The variant aliases a matrix may name, so that a typo fails when the matrix is read rather than minutes later
 * inside a JMH fork. Immutable; safe to share.
 * <p>
 * The workbench depends only on the core SPI, so the aliases come from what will actually run: the
 * {@link ServiceLoader} entries of the harness's shaded {@code benchmarks.jar} (loaded in a child class loader whose
 * parent supplies the core interfaces), plus any variant on the workbench's own class path. Parameters named in
 * {@link #VARIANT_PARAMS} take what {@link Composition#resolve} accepts without a comma (a variant alias, a preset
 * such as {@code phase2}, a spec with its parts joined by {@code ;}), or a reference implementation the matrix entry declares in its
 * {@code references} (e.g. the harness's bare {@code chm} session map). Which of these a given benchmark accepts
 * is checked later, against the jar's {@code @Param} declarations, by
 * {@code dev.msgtrans.workbench.run.JmhBenchmarkList}.
 */
public final class VariantCatalog {

    /** {@code @Param} names whose values name a variant or a composition of variants. */
    public static final Set<String> VARIANT_PARAMS = Set.of("variant", "dispatch", "preset", "composition");

    private final SortedSet<String> variants;
    private final String source;

    private VariantCatalog(Collection<String> variants, String source) {
        this.variants = Collections.unmodifiableSortedSet(new TreeSet<>(variants));
        this.source = source;
    }

    /** A catalog of exactly these aliases (for tests and for callers that know better). */
    public static VariantCatalog of(Collection<String> variants, String source) {
        return new VariantCatalog(variants, source);
    }

    /**
     * Variants on the class path plus those registered in {@code benchmarksJar} (ignored when absent).
     *
     * @throws IllegalStateException when the jar's variants cannot be loaded
     */
    public static VariantCatalog discover(Path benchmarksJar) {
        SortedSet<String> found = new TreeSet<>(Variants.all().keySet());
        String source = "the workbench class path";
        if (benchmarksJar != null && Files.isRegularFile(benchmarksJar)) {
            source = benchmarksJar + " and " + source;
            URL url;
            try {
                url = benchmarksJar.toUri().toURL();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // parent-first delegation: the jar's copy of the core SPI is shadowed by ours, so Variant is one type
            try (URLClassLoader loader = new URLClassLoader(new URL[] {url}, VariantCatalog.class.getClassLoader())) {
                for (Variant v : ServiceLoader.load(Variant.class, loader)) {
                    found.add(v.alias());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the class loader of " + benchmarksJar, e);
            } catch (ServiceConfigurationError e) {
                throw new IllegalStateException("cannot load the variants registered in " + benchmarksJar + ": "
                        + e.getMessage(), e);
            }
        }
        return new VariantCatalog(found, source);
    }

    public SortedSet<String> variants() {
        return variants;
    }

    /** Where the aliases came from, for messages. */
    public String source() {
        return source;
    }

    /**
     * @throws IllegalArgumentException naming the known aliases when {@code value} is not valid for {@code param}
     */
    public void check(String param, String value, Set<String> references, String where) {
        if (VARIANT_PARAMS.contains(param)) {
            if (Composition.PRESETS.containsKey(value) || references.contains(value)) {
                return;
            }
            if (value.contains("=")) {
                // a spec's parts are joined with ';' in a JMH param (JMH splits -p values on commas)
                for (String part : value.split(";")) {
                    String[] kv = part.split("=", 2);
                    if (kv.length != 2) {
                        throw new IllegalArgumentException(where + ": param \"" + param + "\" value \"" + value
                                + "\": '" + part + "' is not phase=variant");
                    }
                    try {
                        Phase.fromKey(kv[0]);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": param \"" + param + "\": " + e.getMessage(), e);
                    }
                    requireKnown(kv[1], param, value, where);
                }
                return;
            }
            if (!variants.contains(value)) {
                throw new IllegalArgumentException(where + ": param \"" + param + "\" value \"" + value
                        + "\": unknown variant '" + value + "'; known variants: " + known() + "; known presets: "
                        + String.join(", ", Composition.PRESETS.keySet())
                        + (references.isEmpty() ? "" : "; this entry's references: " + references)
                        + " (list a harness-local reference implementation in the entry's \"references\")");
            }
        }
    }

    private void requireKnown(String alias, String param, String value, String where) {
        if (!variants.contains(alias)) {
            throw new IllegalArgumentException(where + ": param \"" + param + "\" value \"" + value
                    + "\": unknown variant '" + alias + "'; known variants: " + known());
        }
    }

    private String known() {
        return variants.isEmpty()
                ? "none found in " + source + " (build the harness: ./mvnw -B -q -pl harness -am package -DskipTests)"
                : String.join(", ", variants) + " (from " + source + ")";
    }
}
