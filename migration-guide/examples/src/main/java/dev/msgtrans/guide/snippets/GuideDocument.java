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
 * One Markdown file of the guide, read as lines, with its fenced {@code java} blocks and the include marker that
 * precedes each (if any):
 *
 * <pre>
 * &lt;!-- include: dev/msgtrans/guide/port/MigrationStep.java#step-baseline --&gt;
 * ```java
 * ...the region, as GuideSync writes it...
 * ```
 * </pre>
 *
 * Not thread-safe (it is a document being edited); {@link #withBody} returns a new document.
 */
public final class GuideDocument {

    private static final Pattern INCLUDE = Pattern.compile("^\\s*<!--\\s*include:\\s*([^#\\s]+)#([A-Za-z0-9_.-]+)\\s*-->\\s*$");
    private static final Pattern FENCE = Pattern.compile("^\\s*```+\\s*([A-Za-z0-9_+-]*)\\s*$");

    /**
     * A fenced java block.
     *
     * @param openLine  0-based index of the opening fence
     * @param closeLine 0-based index of the closing fence
     * @param source    the include's source path (relative to a source root), or {@code null} when not marked
     * @param tag       the include's tag, or {@code null}
     * @param body      the lines between the fences
     */
    public record JavaBlock(int openLine, int closeLine, String source, String tag, List<String> body) {

        public boolean isInclude() {
            return source != null;
        }

        /** "README.md:42 (dev/msgtrans/guide/x/Y.java#tag)", for messages. */
        public String describe(Path markdown) {
            return markdown.getFileName() + ":" + (openLine + 1) + (isInclude() ? " (" + source + "#" + tag + ")" : "");
        }
    }

    private final Path path;
    private final List<String> lines;

    private GuideDocument(Path path, List<String> lines) {
        this.path = path;
        this.lines = lines;
    }

    public static GuideDocument read(Path markdown) throws IOException {
        return new GuideDocument(markdown, Files.readAllLines(markdown, StandardCharsets.UTF_8));
    }

    public Path path() {
        return path;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * @throws IllegalArgumentException naming the file and line of a fence that is never closed
     */
    public List<JavaBlock> javaBlocks() {
        List<JavaBlock> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            int close = i + 1;
            while (close < lines.size() && !isClosingFence(lines.get(close))) {
                close++;
            }
            if (close == lines.size()) {
                throw new IllegalArgumentException(path.getFileName() + ":" + (i + 1) + ": fenced block never closed");
            }
            if (open.group(1).equals("java")) {
                String source = null;
                String tag = null;
                if (i > 0) {
                    Matcher inc = INCLUDE.matcher(lines.get(i - 1));
                    if (inc.matches()) {
                        source = inc.group(1);
                        tag = inc.group(2);
                    }
                }
                out.add(new JavaBlock(i, close, source, tag, List.copyOf(lines.subList(i + 1, close))));
            }
            i = close; // a fence inside a block (e.g. in a text block) does not open a new one
        }
        return out;
    }

    private static boolean isClosingFence(String line) {
        Matcher m = FENCE.matcher(line);
        return m.matches() && m.group(1).isEmpty();
    }

    /** A copy of this document with {@code block}'s body replaced by {@code body}. */
    public GuideDocument withBody(JavaBlock block, List<String> body) {
        List<String> out = new ArrayList<>(lines.subList(0, block.openLine() + 1));
        out.addAll(body);
        out.addAll(lines.subList(block.closeLine(), lines.size()));
        return new GuideDocument(path, out);
    }

    public void write() throws IOException {
        Files.write(path, lines, StandardCharsets.UTF_8);
    }
}
