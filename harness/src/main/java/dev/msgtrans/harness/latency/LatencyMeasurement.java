package dev.msgtrans.harness.latency;

import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What one fork measured, every lane merged: per window the corrected latency, service time and sender lag
 * histograms (nanoseconds) and the responses that arrived in it, plus the counts of the whole run. A fork hands it
 * to its parent as an HdrHistogram log (one interval per window and kind, tagged {@code service} and
 * {@code send-lag}; the corrected latency untagged, so that HdrHistogram's own tools plot it by default) and a small
 * properties file for the counts. Not thread-safe; built by one thread.
 */
final class LatencyMeasurement {

    static final String TAG_SERVICE = "service";
    static final String TAG_LAG = "send-lag";

    private final long windowNanos;
    private final long startMillis;
    private final Histogram[] latency;
    private final Histogram[] service;
    private final Histogram[] lag;
    private final long[] arrivals;
    private long sent;
    private long warmup;
    private long errors;
    private long timeouts;
    private String target = "";
    private long runQueueWait = -1;
    private long targetDrops = -1;

    LatencyMeasurement(long windowNanos, int windows, long startMillis) {
        this.windowNanos = windowNanos;
        this.startMillis = startMillis;
        this.latency = new Histogram[windows];
        this.service = new Histogram[windows];
        this.lag = new Histogram[windows];
        for (int w = 0; w < windows; w++) {
            latency[w] = new Histogram(3);
            service[w] = new Histogram(3);
            lag[w] = new Histogram(3);
        }
        this.arrivals = new long[windows];
    }

    Histogram[] latency() {
        return latency;
    }

    Histogram[] service() {
        return service;
    }

    Histogram[] lag() {
        return lag;
    }

    long[] arrivals() {
        return arrivals;
    }

    void count(long warmupRequests, long errorCount, long timeoutCount) {
        warmup += warmupRequests;
        errors += errorCount;
        timeouts += timeoutCount;
    }

    void sent(long measuredRequestsSent, String targetDescription) {
        this.sent = measuredRequestsSent;
        this.target = targetDescription;
    }

    /** @param nanos time this JVM's threads spent runnable but not running while measuring; -1 if unknown */
    void runQueueWait(long nanos) {
        this.runQueueWait = nanos;
    }

    /** @param drops frames the target dropped on purpose during the whole run (warm-up included); -1 if unknown */
    void targetDrops(long drops) {
        this.targetDrops = drops;
    }

    long targetDrops() {
        return targetDrops;
    }

    long runQueueWait() {
        return runQueueWait;
    }

    long windowNanos() {
        return windowNanos;
    }

    int windows() {
        return latency.length;
    }

    /** Requests the schedule sent in the measured part. */
    long sent() {
        return sent;
    }

    long errors() {
        return errors;
    }

    long timeouts() {
        return timeouts;
    }

    long warmupRequests() {
        return warmup;
    }

    String target() {
        return target;
    }

    /** Every window of one kind merged. */
    static Histogram total(Histogram[] windows) {
        Histogram t = new Histogram(3);
        for (Histogram h : windows) {
            t.add(h);
        }
        return t;
    }

    // ---- hand-over between a fork and its parent ----

    /** Writes the HdrHistogram log: one interval per window for each kind, timestamps relative to measuring. */
    void writeLog(Path file, String comment) throws IOException {
        try (PrintStream out = new PrintStream(file.toFile(), StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment(comment);
            log.outputComment("values are nanoseconds; untagged: latency from the intended send time (corrected"
                    + " for coordinated omission); tag service: from the actual send; tag send-lag: actual minus"
                    + " intended send time");
            log.outputLogFormatVersion();
            log.outputStartTime(startMillis);
            log.setBaseTime(startMillis);
            log.outputLegend();
            for (int w = 0; w < latency.length; w++) {
                double from = w * windowNanos / 1e9;
                double to = (w + 1) * windowNanos / 1e9;
                interval(log, from, to, latency[w], null);
                interval(log, from, to, service[w], TAG_SERVICE);
                interval(log, from, to, lag[w], TAG_LAG);
            }
        }
    }

    private static void interval(HistogramLogWriter log, double from, double to, Histogram h, String tag) {
        Histogram copy = h.copy();
        copy.setTag(tag);
        // the ratio only scales the max shown on each line: microseconds
        log.outputIntervalHistogram(from, to, copy, 1e3);
    }

    void writeCounts(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("sent", Long.toString(sent));
        p.setProperty("warmup", Long.toString(warmup));
        p.setProperty("errors", Long.toString(errors));
        p.setProperty("timeouts", Long.toString(timeouts));
        p.setProperty("target", target);
        p.setProperty("runQueueWait", Long.toString(runQueueWait));
        p.setProperty("targetDrops", Long.toString(targetDrops));
        p.setProperty("windowNanos", Long.toString(windowNanos));
        p.setProperty("windows", Integer.toString(latency.length));
        p.setProperty("startMillis", Long.toString(startMillis));
        StringBuilder a = new StringBuilder();
        for (long x : arrivals) {
            a.append(a.length() == 0 ? "" : ",").append(x);
        }
        p.setProperty("arrivals", a.toString());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "LatencyRunner fork counts");
        }
    }

    /** Reads back what a fork wrote with {@link #writeLog} and {@link #writeCounts}. */
    static LatencyMeasurement read(Path log, Path counts) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(counts, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        int windows = Integer.parseInt(p.getProperty("windows"));
        LatencyMeasurement m = new LatencyMeasurement(Long.parseLong(p.getProperty("windowNanos")), windows,
                Long.parseLong(p.getProperty("startMillis")));
        m.count(Long.parseLong(p.getProperty("warmup")), Long.parseLong(p.getProperty("errors")),
                Long.parseLong(p.getProperty("timeouts")));
        m.sent(Long.parseLong(p.getProperty("sent")), p.getProperty("target"));
        m.runQueueWait(Long.parseLong(p.getProperty("runQueueWait", "-1")));
        m.targetDrops(Long.parseLong(p.getProperty("targetDrops", "-1")));
        String[] a = p.getProperty("arrivals").split(",");
        for (int w = 0; w < windows; w++) {
            m.arrivals[w] = Long.parseLong(a[w]);
        }
        int[] next = new int[3];
        HistogramLogReader reader = new HistogramLogReader(log.toFile());
        for (EncodableHistogram e = reader.nextIntervalHistogram(); e != null; e = reader.nextIntervalHistogram()) {
            Histogram h = (Histogram) e;
            int kind = TAG_SERVICE.equals(h.getTag()) ? 1 : TAG_LAG.equals(h.getTag()) ? 2 : 0;
            Histogram[] into = kind == 0 ? m.latency : kind == 1 ? m.service : m.lag;
            if (next[kind] < windows) {
                into[next[kind]++].add(h);
            }
        }
        if (next[0] != windows || next[1] != windows || next[2] != windows) {
            throw new IOException(log + " holds " + next[0] + "/" + next[1] + "/" + next[2] + " windows, expected "
                    + windows + " of each kind");
        }
        return m;
    }
}
