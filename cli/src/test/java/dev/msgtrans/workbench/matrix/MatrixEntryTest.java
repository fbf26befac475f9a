package dev.msgtrans.workbench.matrix;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixEntryTest {

    private static final VariantCatalog CATALOG = VariantCatalog.of(List.of("mutex", "lockfree"), "test");

    @TempDir
    Path dir;

    private MatrixLoader write(String name, String json) throws IOException {
        Files.writeString(dir.resolve(name + ".json"), json);
        return new MatrixLoader(dir, CATALOG);
    }

    @Test
    void expandsParamsAsCartesianProductInFileOrder() throws IOException {
        Matrix m = write("m", """
                {"description": "d", "entries": [
                  {"benchmark": "dev.x.FooBenchmark.get",
                   "params": {"variant": ["mutex", "lockfree"], "size": ["1", "2", "3"]}, "threads": [1, 4]},
                  {"benchmark": "dev.x.QueueBenchmark", "params": {"variant": ["mutex"]},
                   "threadGroups": ["1,1", "3,1"], "jmhArgs": ["-jvmArgsAppend", "-Xmx256m"]}
                ]}""").load("m");
        List<MatrixPoint> points = m.expand();
        assertEquals(2 * 3 * 2 + 2, points.size());
        assertEquals("FooBenchmark.get variant=mutex,size=1 t1", points.get(0).id());
        assertEquals("FooBenchmark.get variant=mutex,size=1 t4", points.get(1).id());
        assertEquals("FooBenchmark.get variant=mutex,size=2 t1", points.get(2).id());
        assertEquals("FooBenchmark.get variant=lockfree,size=3 t4", points.get(11).id());
        MatrixPoint group = points.get(13);
        assertEquals("3,1", group.threadGroup());
        assertEquals(4, group.threads(), "a group point's thread count is the distribution's sum");
        assertEquals(List.of("-jvmArgsAppend", "-Xmx256m"), group.jmhArgs());
        assertNull(points.get(0).threadGroup());
        assertEquals("m", group.matrix());
    }

    @Test
    void plainNamesAreAnchoredAndRegexesKept() {
        String regex = new MatrixEntry("dev.x.FooBenchmark", null, null, null, null, null, null).jmhRegex();
        assertTrue(Pattern.compile(regex).matcher("dev.x.FooBenchmark.get").find());
        assertTrue(Pattern.compile(regex).matcher("dev.x.FooBenchmark").find());
        assertFalse(Pattern.compile(regex).matcher("dev.x.FooBenchmarkTwo.get").find());
        assertFalse(Pattern.compile(regex).matcher("dev.xyFooBenchmark.get").find(), "dots are literal");
        assertEquals(".*Foo.*", new MatrixEntry(".*Foo.*", null, null, null, null, null, null).jmhRegex());
    }

    @Test
    void unknownVariantFailsNamingTheKnownOnes() throws IOException {
        MatrixLoader loader = write("bad", """
                {"entries": [{"benchmark": "a.B", "params": {"variant": ["mutex", "lokfree"]}}]}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loader.load("bad"));
        assertTrue(e.getMessage().contains("lokfree") && e.getMessage().contains("lockfree, mutex")
                && e.getMessage().contains("entry 1"), e.getMessage());
    }

    @Test
    void presetParamsAcceptPresetsVariantsAndOnePhaseSpecs() {
        MatrixEntry ok = new MatrixEntry("a.B", null,
                Map.of("preset", List.of("baseline", "phase3", "lockfree", "sessions=lockfree")), null, null, null, null);
        ok.validate("t", CATALOG);
        MatrixEntry bad = new MatrixEntry("a.B", null, Map.of("preset", List.of("phase9")), null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.validate("t", CATALOG));
        assertTrue(e.getMessage().contains("baseline, phase1, phase2, phase3"), e.getMessage());
        MatrixEntry badPhase = new MatrixEntry("a.B", null, Map.of("preset", List.of("queues=mutex")), null, null, null, null);
        assertThrows(IllegalArgumentException.class, () -> badPhase.validate("t", CATALOG));
    }

    @Test
    void referencesMustBeDeclaredByTheEntry() {
        MatrixEntry undeclared = new MatrixEntry("a.B", null, Map.of("variant", List.of("chm")), null, null, null, null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> undeclared.validate("t", CATALOG));
        assertTrue(e.getMessage().contains("references"), e.getMessage());
        new MatrixEntry("a.B", null, Map.of("variant", List.of("chm", "mutex")), null, null, null, java.util.Set.of("chm"))
                .validate("t", CATALOG);
        new MatrixEntry("a.B", null, Map.of("dispatch", List.of("lockfree"), "size", List.of("chm")), null, null,
                null, null).validate("t", CATALOG);
    }

    @Test
    void rejectsWhatJmhWouldMisread() {
        List<MatrixEntry> bad = List.of(
                new MatrixEntry("a.B", null, Map.of("size", List.of("1,2")), null, null, null, null),
                new MatrixEntry("a.B", null, Map.of("size", List.of()), null, null, null, null),
                new MatrixEntry("a.B", null, null, List.of(0), null, null, null),
                new MatrixEntry("a.B", null, null, List.of(2), List.of("1,1"), null, null),
                new MatrixEntry("a.B", null, null, null, List.of("1,,1"), null, null),
                new MatrixEntry("a.B", null, null, null, null, List.of("-f", "3"), null),
                new MatrixEntry("a.(B", null, null, null, null, null, null),
                new MatrixEntry(" ", null, null, null, null, null, null));
        for (MatrixEntry e : bad) {
            assertThrows(IllegalArgumentException.class, () -> e.validate("t", CATALOG), e.toString());
        }
    }

    @Test
    void rejectsUnknownFieldsAndMismatchedNames() throws IOException {
        MatrixLoader typo = write("typo", """
                {"entries": [{"benchmark": "a.B", "thread": [2]}]}""");
        assertThrows(IllegalArgumentException.class, () -> typo.load("typo"));
        MatrixLoader named = write("x", """
                {"name": "y", "entries": [{"benchmark": "a.B"}]}""");
        assertThrows(IllegalArgumentException.class, () -> named.load("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> named.load("nope"));
        assertTrue(e.getMessage().contains("x") && e.getMessage().contains("all"), e.getMessage());
    }

    @Test
    void aConfigurationTwoMatricesSelectIsMeasuredOnceForBoth() throws IOException {
        write("a", """
                {"entries": [{"benchmark": "a.B", "params": {"variant": ["mutex", "lockfree"]}, "threads": [1, 2]}]}""");
        MatrixLoader loader = write("b", """
                {"entries": [{"benchmark": "a.B", "params": {"variant": ["lockfree"]}, "threads": [2, 4]}]}""");
        MatrixSelection both = new MatrixSelection("ab", List.of(loader.load("a"), loader.load("b")));
        List<MatrixPoint> points = both.expand(2);
        assertEquals(List.of("B variant=mutex t1", "B variant=mutex t2", "B variant=lockfree t1",
                "B variant=lockfree t2", "B variant=lockfree t4"), points.stream().map(MatrixPoint::id).toList());
        MatrixPoint shared = points.get(3);
        assertEquals("a+b", shared.matrix(), "kept at its first place, named after both");
        assertTrue(shared.inMatrix("a") && shared.inMatrix("b") && !shared.inMatrix("c"));
        assertEquals("b", points.get(4).matrix());
        assertEquals(List.of("B variant=lockfree t2 (a+b)"), both.shared(2));
    }

    @Test
    void loadsByPathToo() throws IOException {
        write("p", """
                {"entries": [{"benchmark": "a.B", "threads": [1, 2]}]}""");
        Matrix m = new MatrixLoader(dir.resolve("elsewhere"), CATALOG).load(dir.resolve("p.json").toString());
        assertEquals("p", m.name());
        assertEquals(2, m.expand().size());
    }
}
