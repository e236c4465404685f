package org.sresim.engine.counting;

import org.sresim.engine.Scheme;

/**
 * Per sampled window, what each data-dependent scheme (act-*, sre-*) did in the whole layer:
 * OU operations, activated rows (DAC drives), cell reads and conversions. Used to attach a
 * standard error to estimates scaled up from a window sample; {@code dense}, {@code weight} and
 * {@code ideal} do not depend on the windows' data and stay exact.
 */
public final class WindowStats {
    static final int OPS = 0;
    static final int ROWS = 1;
    static final int CELLS = 2;
    static final int CONVERSIONS = 3;

    final int population;
    final int sampled;
    /** [scheme ordinal][quantity][sample index]; rows for schemes that do not depend on data stay zero. */
    final long[][][] values;

    WindowStats(int population, int sampled) {
        this.population = population;
        this.sampled = sampled;
        this.values = new long[Scheme.values().length][4][sampled];
    }

    void add(Scheme s, int sample, long ops, long rows, long cells, long conversions) {
        long[][] v = values[s.ordinal()];
        v[OPS][sample] += ops;
        v[ROWS][sample] += rows;
        v[CELLS][sample] += cells;
        v[CONVERSIONS][sample] += conversions;
    }

    /**
     * Variance of the scaled-up total of {@code weights . quantities}: population^2 * s^2 / n with
     * the finite-population correction (N - n) / (N - 1) for sampling without replacement.
     */
    public double varianceOfTotal(Scheme s, double[] weights) {
        if (sampled < 2 || sampled >= population) {
            return 0;
        }
        long[][] v = values[s.ordinal()];
        double mean = 0;
        double[] x = new double[sampled];
        for (int i = 0; i < sampled; i++) {
            for (int q = 0; q < weights.length; q++) {
                x[i] += weights[q] * v[q][i];
            }
            mean += x[i];
        }
        mean /= sampled;
        double ss = 0;
        for (double xi : x) {
            ss += (xi - mean) * (xi - mean);
        }
        double sampleVariance = ss / (sampled - 1);
        double fpc = (double) (population - sampled) / (population - 1);
        return (double) population * population * sampleVariance / sampled * fpc;
    }
}
