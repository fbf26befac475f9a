package dev.msgtrans.testkit.reliability;

import dev.msgtrans.core.Protocol;
import dev.msgtrans.testkit.e2e.E2eTarget;
import dev.msgtrans.testkit.reliability.SoakRunner.Preset;
import dev.msgtrans.testkit.reliability.SoakRunner.Report;
import dev.msgtrans.testkit.reliability.SoakRunner.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CI soak ({@link Preset#CI}: 20 clients for 2 s at 100 messages/s each) against every target, and the command
 * line of {@link SoakRunner}. The longer presets are run by hand or by the workbench; see the class comment there.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SoakTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.msgtrans.testkit.e2e.E2eTargets#all")
    void theCiSoakLosesNothing(E2eTarget t) throws Exception {
        Report r = SoakRunner.run(Settings.of(Preset.CI, t.alias(), t.protocol()));
        System.out.print(r.format());
        long expected = Preset.CI.clients * (long) Preset.CI.rate * Preset.CI.duration.toSeconds();
        assertEquals(expected, r.sent(), r.format());
        assertEquals(expected, r.received(), r.format());
        assertEquals(expected, r.serverReceived(), r.format());
        assertTrue(r.clean(), r.format());
        assertEquals(0, r.exitCode());
        assertEquals(Preset.CI.clients, r.serverStats().sessionsOpened());
    }

    @Test
    void theCommandLineTakesPresetsAndOverrides() {
        Settings s = SoakRunner.parse(new String[]{"--preset", "original-500x10s", "--variant", "mutex"});
        assertEquals(500, s.clients());
        assertEquals(Duration.ofSeconds(10), s.duration());
        assertEquals(100, s.rate());
        assertEquals(1_000, s.messagesPerClient(), "10 ms pacing for 10 s");
        assertEquals(Protocol.TCP, s.protocol());
        Settings o = SoakRunner.parse(new String[]{"--preset", "original-200x30s", "--clients", "3", "--protocol", "memory"});
        assertEquals(3, o.clients());
        assertEquals(Duration.ofSeconds(30), o.duration());
        assertEquals(Protocol.MEMORY, o.protocol());
        Settings plain = SoakRunner.parse(new String[]{"--clients", "2", "--duration", "1500ms", "--rate", "10"});
        assertEquals(15, plain.messagesPerClient());
        assertEquals(Duration.ofMillis(2500), SoakRunner.parseDuration("2.5s"));
        assertEquals(Duration.ofMinutes(2), SoakRunner.parseDuration("2m"));
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhy() throws Exception {
        for (String[] bad : new String[][]{
                {"--clients", "2"},
                {"--preset", "nope"},
                {"--preset", "ci", "--variant", "nope"},
                {"--preset", "ci", "--protocol", "udp"},
                {"--clients", "0", "--duration", "1s", "--rate", "1"},
                {"--preset"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = SoakRunner.runMain(bad, new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, code, String.join(" ", bad));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage:"), err.toString(StandardCharsets.UTF_8));
        }
        assertThrows(IllegalArgumentException.class, () -> new Settings(1, Duration.ZERO, 1, "mutex", Protocol.TCP));
    }

    @Test
    void theProgramPrintsTheFiguresAndExitsZeroWhenClean() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SoakRunner.runMain(new String[]{"--clients", "3", "--duration", "500ms", "--rate", "50",
                "--variant", "baseline", "--protocol", "memory"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("sent=75 received=75 lost=0 duplicated=0 out-of-order=0"), text);
        assertTrue(text.contains("result: PASS"), text);
    }

    @Test
    void theLedgerTellsLossDuplicatesAndReorderingApart() {
        SequenceLedger l = new SequenceLedger(10);
        for (long seq : new long[]{0, 1, 3, 2, 3, 5, 11}) {
            l.record(seq);
        }
        assertEquals(7, l.received());
        assertEquals(5, l.distinct());
        assertEquals(1, l.duplicated());
        assertEquals(1, l.outOfOrder(), "2 after 3");
        assertEquals(1, l.invalid(), "11 was never sent");
        assertEquals(2, l.missing(7), "4 and 6 of 0..6");
    }
}
