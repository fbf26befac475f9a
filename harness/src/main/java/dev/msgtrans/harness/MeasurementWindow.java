package dev.msgtrans.harness;

import org.openjdk.jmh.infra.Control;

/**
 * Whether JMH is inside the measured part of an iteration, for {@code @AuxCounters}.
 * <p>
 * With several threads JMH synchronises iterations: each thread keeps calling the benchmark method before the
 * measurement starts (until every thread is ready) and after it stops (until every thread has finished), and an
 * auxiliary counter incremented in those phases is still divided by the measured time only. On an oversubscribed
 * machine those phases are long, and a counter such as "messages received" can come out at twice the true rate.
 * Counting only while {@code open(control)} is true keeps every auxiliary rate over the same window as the primary
 * score. The check is two volatile reads, plain loads on x86.
 */
public final class MeasurementWindow {

    private MeasurementWindow() {
    }

    public static boolean open(Control control) {
        return control.startMeasurement && !control.stopMeasurement;
    }
}
