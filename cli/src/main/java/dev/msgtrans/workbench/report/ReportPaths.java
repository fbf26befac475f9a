package dev.msgtrans.workbench.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a report names files, so that it can be committed and opened anywhere: never an absolute path. Immutable.
 * <p>
 * Links and images are relative to the report directory. Text that names a file (commands, provenance) is relative
 * to the workbench repository when the report lies in one (the nearest directory above the report holding the
 * {@code workbench} script and {@code harness/}; {@code ./workbench} runs from there), else relative to the report
 * directory. Both only below a <em>base</em>: the repository, or else the deepest directory holding both the report
 * and the run; a file outside it is named by its file name alone, since a path up to the file-system root would
 * describe only the machine that wrote the report.
 */
final class ReportPaths {

    private final Path out;
    private final Path run;
    private final Path repository;
    private final Path base;

    /**
     * @param out    the report directory
     * @param runDir the run directory the report is drawn from
     */
    ReportPaths(Path out, Path runDir) {
        this.out = out.toAbsolutePath().normalize();
        this.run = runDir.toAbsolutePath().normalize();
        this.repository = findRepository(this.out);
        Path common = commonAncestor(this.out, this.run);
        // the file-system root as a base would turn every absolute path into ../../.., just as machine-bound
        this.base = repository != null ? repository : common != null && common.getNameCount() > 0 ? common : null;
    }

    /** The nearest directory at or above {@code from} that holds {@code workbench} and {@code harness/}, or null. */
    static Path findRepository(Path from) {
        for (Path d = from; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("workbench")) && Files.isDirectory(d.resolve("harness"))) {
                return d;
            }
        }
        return null;
    }

    private static Path commonAncestor(Path a, Path b) {
        Path d = a;
        while (d != null && !b.startsWith(d)) {
            d = d.getParent();
        }
        return d;
    }

    /** Whether command paths are repository-relative (run {@code ./workbench} from the repository root). */
    boolean fromRepository() {
        return repository != null && run.startsWith(repository);
    }

    /** The run directory. */
    Path run() {
        return run;
    }

    /** The run directory as a command argument (see {@link #arg(Path)}). */
    String runArg() {
        return arg(run);
    }

    /** The report directory as a command argument. */
    String outArg() {
        return arg(out);
    }

    /**
     * A path for text and commands: repository-relative in a repository, else relative to the report directory;
     * {@code .} for the directory itself; the file name alone when the path lies outside the base.
     */
    String arg(Path p) {
        Path a = p.toAbsolutePath().normalize();
        if (base == null || !a.startsWith(base)) {
            return a.getFileName() == null ? "." : a.getFileName().toString();
        }
        Path rel = (repository != null ? repository : out).relativize(a);
        return slashes(rel);
    }

    /** Whether a link to the path can be written (it lies below the base). */
    boolean linkable(Path p) {
        return base != null && p.toAbsolutePath().normalize().startsWith(base);
    }

    /** The link target of a path: relative to the report directory, {@code /}-separated, spaces escaped. */
    String link(Path p) {
        if (!linkable(p)) {
            throw new IllegalArgumentException(p.getFileName() + " lies outside the report's base directory");
        }
        return slashes(out.relativize(p.toAbsolutePath().normalize())).replace(" ", "%20");
    }

    /**
     * A file named in prose: the {@link #arg(Path) text form} as code, linked when it can be and exists, with a
     * note when it lies outside the base (so the reader knows the name is not a path).
     */
    String mention(Path p) {
        String code = Markdown.code(arg(p));
        if (linkable(p) && Files.exists(p)) {
            return "[" + code + "](" + link(p) + ")";
        }
        return linkable(p) ? code : code + " (outside the report's directory tree)";
    }

    /** How the run directory is named in text, when it is not repository-relative: a note, else empty. */
    String runNote() {
        if (fromRepository()) {
            return "";
        }
        return linkable(run) ? " (the run directory relative to this report's directory)"
                : " (the run directory by its name alone: it lies outside the report's directory tree)";
    }

    /**
     * Rewrites every absolute path in free text (an entry's failure message, a jcstress problem, a JVM argument)
     * that lies below the report, the run or the base, by {@link #arg(Path)}.
     */
    String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Set<Path> prefixes = new LinkedHashSet<>(List.of(run, out));
        if (base != null) {
            prefixes.add(base);
        }
        List<String> alternatives = new ArrayList<>();
        prefixes.stream().map(Path::toString).filter(s -> !s.equals("/")).sorted(Comparator
                .comparingInt(String::length).reversed()).forEach(s -> alternatives.add(Pattern.quote(s)));
        if (alternatives.isEmpty()) {
            return text;
        }
        // a prefix that starts a path token, then the rest of the token (not across spaces, quotes or brackets)
        Pattern token = Pattern.compile("(?<![\\w./-])(?:" + String.join("|", alternatives)
                + ")(?=$|[/\\s`'\"()\\[\\],;:])(?:/[^\\s`'\"()\\[\\],;:]*)?");
        Matcher m = token.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String found = m.group();
            String trailing = "";
            // a full stop after a path ends the sentence, not the path
            while (found.length() > 1 && found.endsWith(".") && !found.endsWith("/.") && !found.endsWith("..")) {
                found = found.substring(0, found.length() - 1);
                trailing += ".";
            }
            m.appendReplacement(b, Matcher.quoteReplacement(arg(Path.of(found)) + trailing));
        }
        m.appendTail(b);
        return b.toString();
    }

    private static String slashes(Path rel) {
        String s = rel.toString().replace(rel.getFileSystem().getSeparator(), "/");
        return s.isEmpty() ? "." : s;
    }
}
