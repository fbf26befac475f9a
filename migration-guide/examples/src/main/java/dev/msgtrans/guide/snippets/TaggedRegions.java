package dev.msgtrans.guide.snippets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the tagged regions of a source file: the lines between {@code // tag::name[]} and {@code // end::name[]}
 * (the Asciidoctor tag syntax the Disruptor guide uses), with the marker lines of other, nested or overlapping
 * regions removed, then {@linkplain #normalise normalised}.
 * <p>
 * Stateless; every method may be called from any thread.
 */
public final class TaggedRegions {

    private static final Pattern MARKER = Pattern.compile("^\\s*//\\s*(tag|end)::([A-Za-z0-9_.-]+)\\[]\\s*$");

    private TaggedRegions() {
    }

    /**
     * @return the region's lines, normalised
     * @throws IllegalArgumentException naming the file and tag when the tag is missing, opened twice, or not closed
     */
    public static List<String> region(Path file, String tag) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>();
        boolean inside = false;
        boolean seen = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = MARKER.matcher(lines.get(i));
            if (m.matches()) {
                if (m.group(2).equals(tag)) {
                    if (m.group(1).equals("tag")) {
                        if (seen) {
                            throw new IllegalArgumentException(file + ":" + (i + 1) + ": tag '" + tag + "' opened twice");
                        }
                        inside = true;
                        seen = true;
                    } else {
                        if (!inside) {
                            throw new IllegalArgumentException(file + ":" + (i + 1) + ": end of tag '" + tag + "' without its start");
                        }
                        inside = false;
                    }
                }
                continue; // markers of every region are left out of every region
            }
            if (inside) {
                out.add(lines.get(i));
            }
        }
        if (!seen) {
            throw new IllegalArgumentException(file + ": no region tagged '" + tag + "' (expected // tag::" + tag
                    + "[] ... // end::" + tag + "[])");
        }
        if (inside) {
            throw new IllegalArgumentException(file + ": tag '" + tag + "' is never closed with // end::" + tag + "[]");
        }
        return normalise(out);
    }

    /**
     * Whitespace normalisation used both to compare and to write: trailing whitespace stripped from every line,
     * the indentation common to all non-blank lines removed, leading and trailing blank lines dropped.
     */
    public static List<String> normalise(List<String> lines) {
        List<String> stripped = new ArrayList<>(lines.size());
        int indent = Integer.MAX_VALUE;
        for (String line : lines) {
            String s = line.stripTrailing();
            stripped.add(s);
            if (!s.isEmpty()) {
                int lead = 0;
                while (lead < s.length() && s.charAt(lead) == ' ') {
                    lead++;
                }
                indent = Math.min(indent, lead);
            }
        }
        int from = 0;
        int to = stripped.size();
        while (from < to && stripped.get(from).isEmpty()) {
            from++;
        }
        while (to > from && stripped.get(to - 1).isEmpty()) {
            to--;
        }
        List<String> out = new ArrayList<>(to - from);
        for (String s : stripped.subList(from, to)) {
            out.add(s.isEmpty() ? s : s.substring(indent));
        }
        return out;
    }
}
