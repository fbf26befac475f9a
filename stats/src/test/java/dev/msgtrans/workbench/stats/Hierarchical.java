package dev.msgtrans.workbench.stats;

import java.util.SplittableRandom;

/**
 * Simulated benchmark data with the structure the statistics must respect: a multiplicative fork effect per JVM
 * invocation, a round effect shared by fork k of both sides (they ran in the same round), and multiplicative noise
 * between the iterations of a fork. Side a has level 1, side b level {@code ratio}. Not thread-safe (the caller's
 * generator).
 */
final class Hierarchical {

    final int forks;
    final int iterations;
    final double forkSd;
    final double roundSd;
    final double iterationCv;

    Hierarchical(int forks, int iterations, double forkSd, double roundSd, double iterationCv) {
        this.forks = forks;
        this.iterations = iterations;
        this.forkSd = forkSd;
        this.roundSd = roundSd;
        this.iterationCv = iterationCv;
    }

    /** {@code [side][fork][iteration]}, side 0 = a, 1 = b. */
    double[][][] run(double ratio, SplittableRandom rnd) {
        double[][][] x = new double[2][forks][iterations];
        for (int k = 0; k < forks; k++) {
            double round = roundSd * rnd.nextGaussian();
            for (int side = 0; side < 2; side++) {
                double level = (side == 0 ? 1e6 : 1e6 * ratio) * Math.exp(round + forkSd * rnd.nextGaussian());
                for (int i = 0; i < iterations; i++) {
                    x[side][k][i] = level * Math.exp(iterationCv * rnd.nextGaussian());
                }
            }
        }
        return x;
    }

    /** {@code [side][fork]}: each fork's mean, fork k of both sides from the same round. */
    double[][] forkMeans(double ratio, SplittableRandom rnd) {
        double[][][] x = run(ratio, rnd);
        double[][] m = new double[2][forks];
        for (int side = 0; side < 2; side++) {
            for (int k = 0; k < forks; k++) {
                double s = 0;
                for (double v : x[side][k]) {
                    s += v;
                }
                m[side][k] = s / iterations;
            }
        }
        return m;
    }
}
