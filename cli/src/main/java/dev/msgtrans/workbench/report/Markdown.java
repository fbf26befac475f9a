package dev.msgtrans.workbench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report page under construction: a list of blocks (headings, paragraphs, bullets, charts, tables) whose text uses
 * Markdown's inline syntax (code spans, bold, links). The blocks are the one source of both outputs:
 * {@link #toString()} renders them as Markdown, {@link HtmlPage} as HTML, so the two cannot drift apart.
 * Not thread-safe.
 */
final class Markdown {

    /** One block of a page, in the order the page shows them. */
    sealed interface Block permits Heading, Paragraph, Line, Bullet, Quote, Blank, Chart, Table {
    }

    record Heading(int level, String text) implements Block {
    }

    record Paragraph(String text) implements Block {
    }

    /** A line of its own, ended by the next {@link Blank}; the provenance header's {@code - Machine: ...} lines. */
    record Line(String text) implements Block {
    }

    record Bullet(String text) implements Block {
    }

    record Quote(String text) implements Block {
    }

    record Blank() implements Block {
    }

    /** A chart drawn as {@code charts/NAME.png} and {@code charts/NAME.svg}. */
    record Chart(String name, String alt) implements Block {
    }

    /** Cells hold raw inline text; escaping for the output format is the renderer's. */
    record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    Markdown h(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    Markdown p(String text) {
        blocks.add(new Paragraph(text));
        return this;
    }

    Markdown line(String text) {
        blocks.add(new Line(text));
        return this;
    }

    Markdown bullet(String text) {
        blocks.add(new Bullet(text));
        return this;
    }

    Markdown quote(String text) {
        blocks.add(new Quote(text));
        return this;
    }

    Markdown blank() {
        blocks.add(new Blank());
        return this;
    }

    /** An image with a link to its SVG. */
    Markdown chart(String name, String alt) {
        blocks.add(new Chart(name, alt));
        return this;
    }

    Markdown table(List<String> header, List<List<String>> rows) {
        List<List<String>> copy = new ArrayList<>();
        rows.forEach(r -> copy.add(List.copyOf(r.stream().map(c -> c == null ? "" : c).toList())));
        blocks.add(new Table(List.copyOf(header), List.copyOf(copy)));
        return this;
    }

    /** The blocks so far, in order. */
    List<Block> blocks() {
        return List.copyOf(blocks);
    }

    /** Table cells may not hold a pipe or a newline. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Inline code, safe for any content. */
    static String code(String s) {
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    /** The page as Markdown. */
    @Override
    public String toString() {
        StringBuilder md = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Paragraph p) {
                md.append(p.text()).append("\n\n");
            } else if (b instanceof Line l) {
                md.append(l.text()).append('\n');
            } else if (b instanceof Bullet l) {
                md.append("- ").append(l.text()).append('\n');
            } else if (b instanceof Quote q) {
                md.append("> ").append(q.text()).append("\n\n");
            } else if (b instanceof Blank) {
                md.append('\n');
            } else if (b instanceof Chart c) {
                md.append("![").append(c.alt()).append("](charts/").append(c.name()).append(".png)  \n");
                md.append("[SVG](charts/").append(c.name()).append(".svg)\n\n");
            } else if (b instanceof Table t) {
                table(md, t);
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Table t) {
        md.append("| ").append(String.join(" | ", t.header())).append(" |\n");
        List<String> sep = new ArrayList<>();
        t.header().forEach(h -> sep.add("---"));
        md.append("|").append(String.join("|", sep)).append("|\n");
        for (List<String> r : t.rows()) {
            List<String> cells = new ArrayList<>();
            r.forEach(c -> cells.add(cell(c)));
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
    }
}
