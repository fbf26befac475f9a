package dev.msgtrans.workbench.report;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders a page's {@link Markdown} blocks as one self-contained HTML file: the style and the scripts inline, charts
 * as relative images beside the page, links to the other pages rewritten from {@code .md} to their {@code .html}
 * twins. Nothing is fetched from a network, so the report opens from disk. Stateless.
 * <p>
 * Block structure comes from the model, never from parsing Markdown; only the inline spans the writers put into text
 * (code spans, {@code **bold**}, {@code *emphasis*}, links) are read, by {@link #inline(String)}. The markup is
 * well-formed XML as well as HTML (void elements closed, only the five XML entities, scripts in CDATA), so tests
 * can read it with the JDK's XML parser.
 */
final class HtmlPage {

    /** The HTML index of a report, beside {@code README.md}. */
    static final String INDEX = "report.html";

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /**
     * How the sorting script reads a cell as a number (JavaScript and Java read this pattern alike): up to two leading
     * signs such as {@code ±}, the number with optional thousands commas and exponent (groups 1 and 2), and a
     * {@link ReadableScale} prefix standing alone before the unit (group 3: {@code 53.7 M msgs/s}).
     */
    static final String SORT_NUMBER = "^[^\\d.-]{0,2}?(-?(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?|-?\\.\\d+)"
            + "(?:[eE]([-+]?\\d+))?(?:\\s*([kMGT])(?![A-Za-z]))?";

    /**
     * Sorts a table by the clicked column (again: the other way), numbers as numbers ({@code 1,062 B},
     * {@code 53.7 M msgs/s}, {@code 2.07x}), text after them in natural order; and, once the page has loaded, writes
     * on {@code <body>} whether every image loaded, for readers and for the headless-browser check in CI; in a frame,
     * it also posts its rendered DOM to the parent, so that the check renders every page in one browser start.
     */
    static final String SCRIPT = """
            (function () {
              var scale = {k: 1e3, M: 1e6, G: 1e9, T: 1e12};
              var number = /@NUMBER@/;
              var text = new Intl.Collator(undefined, {numeric: true, sensitivity: 'base'});
              function key(cell) {
                var t = cell.textContent.trim();
                var m = number.exec(t);
                if (!m) { return {t: t}; }
                var v = parseFloat(m[1].replace(/,/g, '')) * Math.pow(10, m[2] ? parseInt(m[2], 10) : 0);
                return {n: m[3] ? v * scale[m[3]] : v, t: t};
              }
              function compare(a, b) {
                var an = a.n !== undefined, bn = b.n !== undefined;
                if (an && bn && a.n !== b.n) { return a.n - b.n; }
                if (an !== bn) { return an ? -1 : 1; }
                return text.compare(a.t, b.t);
              }
              function sortBy(table, th, col) {
                var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
                var heads = table.tHead.rows[0].cells;
                for (var i = 0; i < heads.length; i++) { heads[i].removeAttribute('aria-sort'); }
                th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows).map(function (r) { return {r: r, k: key(r.cells[col] || r)}; });
                rows.sort(function (a, b) { return dir * compare(a.k, b.k); });
                rows.forEach(function (x) { body.appendChild(x.r); });
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                if (!table.tHead || !table.tBodies.length) { return; }
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
                  th.setAttribute('title', 'sort by this column');
                  th.addEventListener('click', function () { sortBy(table, th, col); });
                });
              });
              window.addEventListener('load', function () {
                var broken = [];
                Array.prototype.forEach.call(document.images, function (img) {
                  if (!(img.complete && img.naturalWidth > 0)) {
                    broken.push(img.getAttribute('src'));
                    img.classList.add('broken');
                  }
                });
                document.body.setAttribute('data-images', String(document.images.length));
                document.body.setAttribute('data-broken-images', broken.join(' '));
                document.body.setAttribute('data-images-status', broken.length ? 'broken' : 'ok');
                if (window.parent !== window) {
                  window.parent.postMessage({page: location.pathname.split('/').pop(),
                    dom: document.documentElement.outerHTML}, '*');
                }
              });
            })();
            """.replace("@NUMBER@", SORT_NUMBER);

    static final String STYLE = """
            body { font: 15px/1.45 system-ui, sans-serif; color: #1b1b1b; margin: 0; }
            nav { background: #f2f2f2; border-bottom: 1px solid #ccc; padding: .4em 1em; font-size: 13px; }
            nav a { margin-right: 1em; white-space: nowrap; }
            main { max-width: 1200px; margin: 0 auto; padding: 0 1em 3em; }
            code { font: 13px ui-monospace, monospace; background: #f4f4f4; padding: 0 .2em; }
            blockquote { border-left: 4px solid #d9a400; background: #fff8e1; margin: 1em 0; padding: .2em 1em; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 13px; }
            th, td { border: 1px solid #ccc; padding: .25em .5em; text-align: left; vertical-align: top; }
            thead th { background: #eee; cursor: pointer; user-select: none; }
            th[aria-sort=ascending]::after { content: " \\25B2"; }
            th[aria-sort=descending]::after { content: " \\25BC"; }
            tbody tr:nth-child(even) { background: #fafafa; }
            figure { margin: 1em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            img.broken { outline: 3px solid #c00; }
            figcaption { font-size: 13px; color: #555; }
            """;

    private HtmlPage() {
    }

    /**
     * @param page   the blocks
     * @param source the Markdown twin's file name, linked from the navigation
     * @param nav    link text by target ({@code .md} names, rewritten like every other link)
     * @param pages  the report's Markdown pages by their HTML twins' names ({@code README.md} -> {@code report.html})
     */
    static String render(Markdown page, String source, Map<String, String> nav, Map<String, String> pages) {
        List<Markdown.Block> blocks = page.blocks();
        String title = blocks.stream().filter(b -> b instanceof Markdown.Heading h && h.level() == 1)
                .map(b -> plain(((Markdown.Heading) b).text())).findFirst().orElse("MsgTrans Workbench report");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n")
                .append("<body data-images-status=\"pending\">\n<nav>");
        nav.forEach((target, text) -> h.append("<a href=\"").append(escape(href(target, pages))).append("\">")
                .append(escape(text)).append("</a>\n"));
        h.append("<a href=\"").append(escape(source)).append("\">this page as Markdown</a></nav>\n<main>\n");
        body(h, blocks, pages);
        h.append("</main>\n<script>//<![CDATA[\n").append(SCRIPT).append("//]]></script>\n</body>\n</html>\n");
        return h.toString();
    }

    private enum Open { NONE, LIST, LINES }

    private static void body(StringBuilder h, List<Markdown.Block> blocks, Map<String, String> pages) {
        Map<String, Integer> ids = new HashMap<>();
        Open open = Open.NONE;
        for (Markdown.Block b : blocks) {
            boolean item = b instanceof Markdown.Bullet
                    || b instanceof Markdown.Line l && l.text().startsWith("- ");
            Open next = item ? Open.LIST : b instanceof Markdown.Line ? Open.LINES : Open.NONE;
            if (open != next || next == Open.NONE) {
                h.append(open == Open.LIST ? "</ul>\n" : open == Open.LINES ? "</p>\n" : "");
                h.append(next == Open.LIST ? "<ul>\n" : next == Open.LINES ? "<p>" : "");
            } else if (next == Open.LINES) {
                h.append("<br/>\n");
            }
            open = next;
            if (b instanceof Markdown.Heading x) {
                h.append("<h").append(x.level()).append(" id=\"").append(escape(id(x.text(), ids))).append("\">")
                        .append(inline(x.text(), pages)).append("</h").append(x.level()).append(">\n");
            } else if (b instanceof Markdown.Paragraph x) {
                h.append("<p>").append(inline(x.text(), pages)).append("</p>\n");
            } else if (b instanceof Markdown.Line x) {
                h.append(item ? "<li>" + inline(x.text().substring(2), pages) + "</li>\n" : inline(x.text(), pages));
            } else if (b instanceof Markdown.Bullet x) {
                h.append("<li>").append(inline(x.text(), pages)).append("</li>\n");
            } else if (b instanceof Markdown.Quote x) {
                h.append("<blockquote><p>").append(inline(x.text(), pages)).append("</p></blockquote>\n");
            } else if (b instanceof Markdown.Chart x) {
                String png = "charts/" + x.name() + ".png";
                h.append("<figure><a href=\"").append(escape(png)).append("\"><img src=\"").append(escape(png))
                        .append("\" alt=\"").append(escape(x.alt())).append("\"/>")
                        .append("</a><figcaption>").append(escape(x.alt())).append(" (<a href=\"charts/")
                        .append(escape(x.name())).append(".svg\">SVG</a>)</figcaption></figure>\n");
            } else if (b instanceof Markdown.Table x) {
                table(h, x, pages);
            }
        }
        h.append(open == Open.LIST ? "</ul>\n" : open == Open.LINES ? "</p>\n" : "");
    }

    private static void table(StringBuilder h, Markdown.Table t, Map<String, String> pages) {
        h.append("<table class=\"sortable\">\n<thead><tr>");
        t.header().forEach(c -> h.append("<th>").append(inline(c, pages)).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            row.forEach(c -> h.append("<td>").append(inline(c, pages)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    /** A heading's anchor as GitHub makes it, so {@code README.md#environment} and its HTML twin agree. */
    static String id(String heading, Map<String, Integer> seen) {
        String base = plain(heading).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
        int n = seen.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "-" + (n - 1);
    }

    /** The text of inline Markdown without its markup. */
    static String plain(String text) {
        return inline(text, Map.of()).replaceAll("<[^>]*>", "").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    }

    /** Inline Markdown as HTML: the subset the report writers produce (code spans, bold, emphasis, links). */
    static String inline(String text, Map<String, String> pages) {
        StringBuilder h = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && isPunct(text.charAt(i + 1))) {
                h.append(escape(String.valueOf(text.charAt(i + 1))));
                i += 2;
                continue;
            }
            if (c == '`') {
                int end = codeEnd(text, i);
                if (end > 0) {
                    int n = run(text, i, '`');
                    String code = text.substring(i + n, end - n);
                    if (n > 1 && code.length() > 1 && code.startsWith(" ") && code.endsWith(" ")) {
                        code = code.substring(1, code.length() - 1);
                    }
                    h.append("<code>").append(escape(code)).append("</code>");
                    i = end;
                    continue;
                }
            }
            if (text.startsWith("**", i)) {
                int end = text.indexOf("**", i + 2);
                if (end > i + 2) {
                    h.append("<strong>").append(inline(text.substring(i + 2, end), pages)).append("</strong>");
                    i = end + 2;
                    continue;
                }
            }
            if (c == '*' && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
                int end = text.indexOf('*', i + 1);
                if (end > i + 1 && !Character.isWhitespace(text.charAt(end - 1))) {
                    h.append("<em>").append(inline(text.substring(i + 1, end), pages)).append("</em>");
                    i = end + 1;
                    continue;
                }
            }
            if (c == '[') {
                int close = closingBracket(text, i);
                if (close > 0 && close + 1 < text.length() && text.charAt(close + 1) == '(') {
                    int paren = text.indexOf(')', close + 2);
                    if (paren > 0) {
                        h.append("<a href=\"").append(escape(href(text.substring(close + 2, paren), pages)))
                                .append("\">").append(inline(text.substring(i + 1, close), pages)).append("</a>");
                        i = paren + 1;
                        continue;
                    }
                }
            }
            h.append(escape(String.valueOf(c)));
            i++;
        }
        return h.toString();
    }

    /**
     * A link target for the HTML page: a report page's {@code .md} becomes its {@code .html} twin (anchor kept);
     * every other target, relative or not, is left as the Markdown had it.
     */
    static String href(String target, Map<String, String> pages) {
        if (SCHEME.matcher(target).find() || target.startsWith("#") || target.startsWith("/")) {
            return target;
        }
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String html = pages.get(path);
        return html == null ? target : html + (hash < 0 ? "" : target.substring(hash));
    }

    /** The report's Markdown pages by their HTML twins: {@code README.md} is {@link #INDEX}. */
    static Map<String, String> twins() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("README.md", INDEX);
        for (ReportPage p : ReportPage.values()) {
            m.put(p.file(), p.htmlFile());
        }
        return m;
    }

    private static int run(String text, int from, char c) {
        int n = 0;
        while (from + n < text.length() && text.charAt(from + n) == c) {
            n++;
        }
        return n;
    }

    /** The index after a code span's closing backticks, or -1 if the span is not closed. */
    private static int codeEnd(String text, int start) {
        int n = run(text, start, '`');
        int i = start + n;
        while (i < text.length()) {
            int j = text.indexOf('`', i);
            if (j < 0) {
                return -1;
            }
            int m = run(text, j, '`');
            if (m == n) {
                return j + m;
            }
            i = j + m;
        }
        return -1;
    }

    /** The {@code ]} that closes the {@code [} at {@code open}, skipping code spans; -1 if none. */
    private static int closingBracket(String text, int open) {
        int depth = 0;
        int i = open;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '`') {
                int end = codeEnd(text, i);
                if (end > 0) {
                    i = end;
                    continue;
                }
            }
            if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    private static boolean isPunct(char c) {
        return "\\`*_{}[]()#+-.!|<>".indexOf(c) >= 0;
    }

    /** Text and attribute values: the five XML entities only, so the page parses as XML too. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
