package dev.msgtrans.workbench.report;

import dev.msgtrans.workbench.compare.Fixtures;
import dev.msgtrans.workbench.results.RunResults;
import dev.msgtrans.workbench.results.StressSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTML twin of a report from a real run: well-formed, every table with a header row, every image and local link
 * resolving, the sorting script inline and nothing fetched from a network. The checks themselves are shown to fail
 * on a report with a broken image and a broken link.
 */
class HtmlReportTest {

    private static ReportWriter.Written write(Path out) throws Exception {
        RunResults run = RunResults.load(Fixtures.run("run-a")).withStress(StressSummary.read(
                Path.of(HtmlReportTest.class.getResource("/report/stress-summary.json").toURI())));
        return new ReportWriter(out).write(run);
    }

    @Test
    void everyMarkdownPageHasAnHtmlTwinBesideItAndTheIndexIsReportHtml(@TempDir Path out) throws Exception {
        ReportWriter.Written w = write(out);
        assertEquals(out.resolve("report.html"), w.html().get(0));
        assertEquals(ReportPage.values().length + 1, w.html().size());
        for (ReportPage p : ReportPage.values()) {
            assertTrue(Files.isRegularFile(out.resolve(p.htmlFile())), p.htmlFile());
        }
        Document index = parse(out.resolve("report.html"));
        assertEquals("MsgTrans Workbench report", text(index, "title"));
        assertEquals(ReportPage.SEED.title(), text(parse(out.resolve(ReportPage.SEED.htmlFile())), "title"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("[`report.html`](report.html)"),
                "the Markdown index points to its HTML twin");
    }

    @Test
    void everyPageIsWellFormedWithHeaderRowsResolvingReferencesAndNoNetwork(@TempDir Path out) throws Exception {
        ReportWriter.Written w = write(out);
        List<String> problems = new ArrayList<>();
        int tables = 0;
        int images = 0;
        for (Path page : w.html()) {
            Document d = parse(page);
            tables += d.getElementsByTagName("table").getLength();
            images += d.getElementsByTagName("img").getLength();
            problems.addAll(problems(out, page, d));
        }
        assertEquals(List.of(), problems);
        assertTrue(tables > 5, "tables: " + tables);
        assertTrue(images > 0, "the charts are on the pages");
    }

    @Test
    void theChecksFindABrokenImageABrokenLinkAMissingHeaderAndANetworkResource(@TempDir Path out)
            throws Exception {
        write(out);
        Path page = out.resolve(ReportPage.PHASE_1.htmlFile());
        String html = Files.readString(page);
        Matcher img = Pattern.compile("<img src=\"(charts/[^\"]+)\"").matcher(html);
        assertTrue(img.find());
        html = html.replaceFirst(Pattern.quote(img.group(1)), "charts/missing.png")
                .replaceFirst("href=\"report.html#environment\"", "href=\"README.html#environment\"")
                .replaceFirst("<thead><tr>(.*?)</tr></thead>", "<tbody><tr>$1</tr></tbody>")
                .replace("</main>", "<img src=\"https://example.com/x.png\" alt=\"\"/></main>");
        Files.writeString(page, html);
        String all = String.join("\n", problems(out, page, parse(page)));
        assertTrue(all.contains("charts/missing.png"), all);
        assertTrue(all.contains("README.html#environment"), all);
        assertTrue(all.contains("without a header row"), all);
        assertTrue(all.contains("https://example.com/x.png"), all);
    }

    @Test
    void anAnchorThatNoHeadingCarriesIsFound(@TempDir Path out) throws Exception {
        write(out);
        Path page = out.resolve(ReportPage.PHASE_1.htmlFile());
        Files.writeString(page, Files.readString(page).replace("report.html#environment", "report.html#nowhere"));
        String all = String.join("\n", problems(out, page, parse(page)));
        assertTrue(all.contains("report.html#nowhere"), all);
    }

    @Test
    void theSortingScriptIsInlineOnEveryPageAndEveryTableIsSortable(@TempDir Path out) throws Exception {
        for (Path page : write(out).html()) {
            Document d = parse(page);
            NodeList scripts = d.getElementsByTagName("script");
            assertEquals(1, scripts.getLength(), page.toString());
            assertTrue(scripts.item(0).getTextContent().contains("table.sortable"), page.toString());
            assertTrue(scripts.item(0).getTextContent().contains("aria-sort"), page.toString());
            NodeList tables = d.getElementsByTagName("table");
            for (int i = 0; i < tables.getLength(); i++) {
                assertEquals("sortable", ((Element) tables.item(i)).getAttribute("class"), page.toString());
            }
        }
    }

    @Test
    void theSortKeyReadsReportCellsAsNumbers() {
        Pattern number = Pattern.compile(HtmlPage.SORT_NUMBER);
        Map<String, Double> cells = Map.of("1,062 B", 1062.0, "53.7 M msgs/s", 53.7e6, "638 k cmd/s", 638e3,
                "2.07x", 2.07, "± 1.5 G ops/s", 1.5e9, "2 (over cores)", 2.0, "4 MB", 4.0, "0.000123", 0.000123,
                "1.2e-5", 1.2e-5, "-0.5", -0.5);
        cells.forEach((cell, expected) -> assertEquals(expected, key(number, cell), 1e-9 * Math.abs(expected),
                cell));
        for (String text : List.of("n/a", "one fork", "-", "mutex")) {
            assertFalse(number.matcher(text).find(), text);
        }
    }

    /** What the sorting script computes for a cell (its {@code key}), in Java. */
    private static double key(Pattern number, String cell) {
        Matcher m = number.matcher(cell.trim());
        assertTrue(m.find(), cell);
        double v = Double.parseDouble(m.group(1).replace(",", "")) * Math.pow(10, m.group(2) == null ? 0
                : Integer.parseInt(m.group(2)));
        return m.group(3) == null ? v : v * Map.of("k", 1e3, "M", 1e6, "G", 1e9, "T", 1e12).get(m.group(3));
    }

    @Test
    void inlineMarkdownBecomesHtmlWithPagesLinkedAsTheirHtmlTwins() {
        Map<String, String> twins = HtmlPage.twins();
        assertEquals("Machine details: <a href=\"report.html#environment\">environment</a>.",
                HtmlPage.inline("Machine details: [environment](README.md#environment).", twins));
        assertEquals("<a href=\"run/results\"><code>reports/run/results</code></a>",
                HtmlPage.inline("[`reports/run/results`](run/results)", twins));
        assertEquals("<strong>Undecided:</strong> RwLock&lt;HashMap&gt; &amp; <code>a`b</code>",
                HtmlPage.inline("**Undecided:** RwLock<HashMap> & `` a`b ``", twins));
        assertEquals("a | b, 2 * 3, <em>intended</em>", HtmlPage.inline("a \\| b, 2 * 3, *intended*", twins));
        assertEquals("<a href=\"shootout.html\">The shoot-out</a>", HtmlPage.inline("[The shoot-out](shootout.md)",
                twins));
        assertEquals("phase-1-the-session-table", HtmlPage.id("Phase 1: the session table", new java.util.HashMap<>()));
        assertEquals("the-seeds-claims-a--b", HtmlPage.id("The seed's claims: `a` & **b**", new java.util.HashMap<>()));
        assertEquals("The seed's <claims>", HtmlPage.plain("The seed's `<claims>`"));
    }

    // ---- the checks ----

    private static Document parse(Path page) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(page.toFile());
    }

    private static String text(Document d, String tag) {
        return d.getElementsByTagName(tag).item(0).getTextContent();
    }

    /** Every problem of one page: tables without header rows, references that do not resolve, network resources. */
    private static List<String> problems(Path dir, Path page, Document d) throws Exception {
        List<String> problems = new ArrayList<>();
        String name = page.getFileName().toString();
        NodeList tables = d.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            Element t = (Element) tables.item(i);
            Element head = first(t, "thead");
            Element row = head == null ? null : first(head, "tr");
            if (row == null || first(row, "th") == null || first(row, "td") != null) {
                problems.add(name + ": table " + i + " without a header row");
                continue;
            }
            int columns = row.getElementsByTagName("th").getLength();
            NodeList rows = ((Element) t.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
            for (int r = 0; r < rows.getLength(); r++) {
                int cells = ((Element) rows.item(r)).getElementsByTagName("td").getLength();
                if (cells != columns) {
                    problems.add(name + ": table " + i + " row " + r + " has " + cells + " cells, header " + columns);
                }
            }
        }
        for (String[] ref : references(d)) {
            String target = ref[1];
            if (target.matches("(?i)^(https?:)?//.*")) {
                problems.add(name + ": network reference " + ref[0] + " " + target);
                continue;
            }
            if (target.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
                problems.add(name + ": non-relative reference " + ref[0] + " " + target);
                continue;
            }
            int hash = target.indexOf('#');
            String path = hash < 0 ? target : target.substring(0, hash);
            Path file = path.isEmpty() ? page : dir.resolve(URLDecoder.decode(path, StandardCharsets.UTF_8))
                    .normalize();
            if (!Files.exists(file)) {
                problems.add(name + ": " + ref[0] + " " + target + " does not resolve");
            } else if (hash >= 0 && file.toString().endsWith(".html")
                    && !ids(file.equals(page) ? d : parse(file)).contains(target.substring(hash + 1))) {
                problems.add(name + ": " + ref[0] + " " + target + ": no such anchor");
            }
        }
        if (d.getElementsByTagName("link").getLength() > 0) {
            problems.add(name + ": a <link> element (styles must be inline)");
        }
        NodeList scripts = d.getElementsByTagName("script");
        for (int i = 0; i < scripts.getLength(); i++) {
            if (((Element) scripts.item(i)).hasAttribute("src")) {
                problems.add(name + ": an external script");
            }
        }
        return problems;
    }

    /** {tag, target} of every href and src. */
    private static List<String[]> references(Document d) {
        List<String[]> out = new ArrayList<>();
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String attr : new String[] {"href", "src"}) {
                if (e.hasAttribute(attr)) {
                    out.add(new String[] {"<" + e.getTagName() + " " + attr + ">", e.getAttribute(attr)});
                }
            }
        }
        return out;
    }

    private static Set<String> ids(Document d) {
        Set<String> ids = new HashSet<>();
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            String id = ((Element) all.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return ids;
    }

    private static Element first(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }
}
