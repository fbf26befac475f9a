package dev.msgtrans.workbench.matrix;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One expanded matrix point: exactly one JMH invocation's worth of benchmark selection, parameter values and
 * thread layout (the JDK is chosen later, by the run). Immutable.
 *
 * @param matrix      name of the matrix file the point came from
 * @param benchmark   the selector as written in the matrix
 * @param regex       the regex handed to JMH
 * @param params      one value per swept {@code @Param}, in file order
 * @param threads     total threads: {@code -t}, or the sum of the group distribution
 * @param threadGroup the {@code -tg} distribution, or {@code null} for a plain benchmark
 * @param jmhArgs     the entry's extra JMH arguments
 * @param runner      {@code jmh}, or {@code latency} for the harness's latency runner (see {@code LatencyEntry})
 */
public record MatrixPoint(String matrix, String benchmark, String regex, Map<String, String> params, int threads,
                          String threadGroup, List<String> jmhArgs, String runner) {

    public MatrixPoint {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        jmhArgs = List.copyOf(jmhArgs);
        runner = runner == null ? MatrixEntry.RUNNER_JMH : runner;
    }

    /** A JMH point. */
    public MatrixPoint(String matrix, String benchmark, String regex, Map<String, String> params, int threads,
                       String threadGroup, List<String> jmhArgs) {
        this(matrix, benchmark, regex, params, threads, threadGroup, jmhArgs, MatrixEntry.RUNNER_JMH);
    }

    /** Joins the names of the matrices that share one point ({@link MatrixSelection#expand}). */
    public static final String MATRIX_SEPARATOR = "+";

    /** Whether the point belongs to matrix {@code name} (alone or shared with others). */
    public boolean inMatrix(String name) {
        return List.of(matrix.split(java.util.regex.Pattern.quote(MATRIX_SEPARATOR))).contains(name);
    }

    /** The same point, shared with matrix {@code other}. */
    MatrixPoint alsoIn(String other) {
        return new MatrixPoint(matrix + MATRIX_SEPARATOR + other, benchmark, regex, params, threads, threadGroup,
                jmhArgs, runner);
    }

    /** True for a JMH benchmark, false for a point another runner executes. */
    public boolean isJmh() {
        return MatrixEntry.RUNNER_JMH.equals(runner);
    }

    static int groupTotal(String distribution) {
        int sum = 0;
        for (String part : distribution.split(",")) {
            sum += Integer.parseInt(part);
        }
        return sum;
    }

    /**
     * Short benchmark name: the selector from its first capitalised segment on (the class), e.g.
     * {@code MailboxBenchmark.offer} for {@code dev.msgtrans.harness.actors.MailboxBenchmark.offer}.
     */
    public String shortName() {
        String[] parts = benchmark.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                return String.join(".", java.util.Arrays.asList(parts).subList(i, parts.length));
            }
        }
        return benchmark;
    }

    /** {@code k=v,k=v}, or empty. */
    public String paramsText() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ",").append(k).append('=').append(v));
        return sb.toString();
    }

    /** {@code t4}, or {@code tg3,1} for a group distribution. */
    public String threadsText() {
        return threadGroup == null ? "t" + threads : "tg" + threadGroup;
    }

    /** Human- and file-friendly identity: {@code MailboxBenchmark variant=mutex,capacity=1024 t2}. */
    public String id() {
        String p = paramsText();
        return shortName() + (p.isEmpty() ? "" : " " + p) + " " + threadsText();
    }
}
