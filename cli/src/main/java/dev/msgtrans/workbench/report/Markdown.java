package dev.msgtrans.workbench.report;

import java.util.ArrayList;
import java.util.List;

/** A Markdown page under construction. Not thread-safe. */
final class Markdown {

    private final StringBuilder md = new StringBuilder();

    Markdown h(int level, String text) {
        md.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        return this;
    }

    Markdown p(String text) {
        md.append(text).append("\n\n");
        return this;
    }

    Markdown line(String text) {
        md.append(text).append('\n');
        return this;
    }

    Markdown bullet(String text) {
        md.append("- ").append(text).append('\n');
        return this;
    }

    Markdown quote(String text) {
        md.append("> ").append(text).append("\n\n");
        return this;
    }

    Markdown blank() {
        md.append('\n');
        return this;
    }

    /** An image with a link to its SVG. */
    Markdown chart(String name, String alt) {
        md.append("![").append(alt).append("](charts/").append(name).append(".png)  \n");
        md.append("[SVG](charts/").append(name).append(".svg)\n\n");
        return this;
    }

    Markdown table(List<String> header, List<List<String>> rows) {
        md.append("| ").append(String.join(" | ", header)).append(" |\n");
        List<String> sep = new ArrayList<>();
        header.forEach(h -> sep.add("---"));
        md.append("|").append(String.join("|", sep)).append("|\n");
        for (List<String> r : rows) {
            List<String> cells = new ArrayList<>();
            r.forEach(c -> cells.add(cell(c)));
            md.append("| ").append(String.join(" | ", cells)).append(" |\n");
        }
        md.append('\n');
        return this;
    }

    /** Table cells may not hold a pipe or a newline. */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** Inline code, safe for any content. */
    static String code(String s) {
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    @Override
    public String toString() {
        return md.toString();
    }
}
