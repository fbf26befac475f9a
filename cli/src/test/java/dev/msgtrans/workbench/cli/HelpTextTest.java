package dev.msgtrans.workbench.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every command's help renders as written: picocli formats descriptions as format strings, so a bare {@code %} (as
 * in "99% intervals") makes it print a warning and the raw text instead.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpRendersWithoutAFormatWarning() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int commands = 0;
        try {
            CommandLine root = Workbench.commandLine();
            root.getUsageMessage();
            commands++;
            for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
                String usage = sub.getValue().getUsageMessage();
                assertFalse(usage.isBlank(), sub.getKey());
                commands++;
            }
        } finally {
            System.setErr(err);
        }
        String warnings = captured.toString(StandardCharsets.UTF_8);
        assertTrue(commands > 10, "the subcommands were found: " + commands);
        assertFalse(warnings.contains("picocli WARN"), warnings);
    }
}
