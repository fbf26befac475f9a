package dev.msgtrans.workbench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Thread groups named in words on bar charts, in JMH's order of the group's methods. */
class GroupWordsTest {

    @Test
    void countsAreNamedByTheirRoleInTheRightNumber() {
        assertEquals("2 consumers, 1 producer", PageWriter.groupWords("2,1", "consumers, producers"));
        assertEquals("1 consumer, 4 producers", PageWriter.groupWords("1,4", "consumers, producers"));
        assertEquals("3 producers, 1 consumer", PageWriter.groupWords("3,1", "producers, consumer"));
        assertEquals("1 I/O thread, 2 writers", PageWriter.groupWords("1,2", "I/O thread, writers"));
        assertEquals("2 I/O threads, 1 writer", PageWriter.groupWords("2,1", "I/O thread, writers"));
    }

    @Test
    void withoutRolesTheGroupStaysAsJmhWritesIt() {
        assertEquals("group 2,1", PageWriter.groupWords("2,1", null));
        assertEquals("group 2,1,1", PageWriter.groupWords("2,1,1", "consumers, producers"));
    }
}
