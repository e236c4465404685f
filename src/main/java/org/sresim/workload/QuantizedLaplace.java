package org.sresim.workload;

import java.util.SplittableRandom;

/**
 * Draws a layer's quantized synthetic weights, {@code round(w / max|w| * maxMagnitude)} of n
 * i.i.d. Laplace(0, 1) draws, in one pass and one random long per weight, without a logarithm
 * per weight.
 * <p>
 * It uses an identity in distribution: normalising n Laplace draws by their largest magnitude is
 * the same as drawing that largest magnitude M first (the maximum of n Exp(1) variables,
 * M = -ln(1 - U^(1/n))), placing it at a uniformly random position, and drawing the other n - 1
 * magnitudes from Exp(1) truncated to [0, M]. Their quantized values k = round(E * maxMagnitude / M)
 * then follow a known discrete distribution, sampled exactly by inverting its CDF with a bucket
 * table. The sign is the random long's lowest bit.
 */
final class QuantizedLaplace {
    private static final int BUCKETS = 1 << 16;
    private static final int PURE = 1 << 15;

    private QuantizedLaplace() {
    }

    static short[] draw(int size, int maxMagnitude, SplittableRandom r) {
        if (maxMagnitude >= PURE) {
            throw new IllegalArgumentException("magnitudes above 2^15 - 1 do not fit a short");
        }
        short[] w = new short[size];
        if (size == 0) {
            return w;
        }
        double largest = -Math.log(-Math.expm1(Math.log(Seeds.openUnit(r)) / size));
        int maxAt = (int) r.nextLong(size);
        boolean maxNegative = r.nextBoolean();
        double scale = maxMagnitude / largest;
        // cdf[k] = P(round(E * scale) <= k) for E ~ Exp(1) truncated to [0, largest]
        double[] cdf = new double[maxMagnitude + 1];
        double norm = -Math.expm1(-largest);
        for (int k = 0; k < maxMagnitude; k++) {
            cdf[k] = -Math.expm1(-Math.min(largest, (k + 0.5) / scale)) / norm;
        }
        cdf[maxMagnitude] = 1.0;
        // bucket b holds the smallest k with cdf[k] > b / BUCKETS; the top bit marks buckets whose
        // whole u range maps to that k, so most draws never touch the cdf array
        char[] start = new char[BUCKETS];
        int k = 0;
        for (int b = 0; b < BUCKETS; b++) {
            double u = (double) b / BUCKETS;
            while (k < maxMagnitude && cdf[k] <= u) {
                k++;
            }
            boolean pure = cdf[k] > (double) (b + 1) / BUCKETS;
            start[b] = (char) (pure ? k | PURE : k);
        }
        for (int i = 0; i < size; i++) {
            long x = r.nextLong();
            if (i == maxAt) {
                w[i] = (short) (maxNegative ? -maxMagnitude : maxMagnitude);
                continue;
            }
            double u = (x >>> 11) * 0x1.0p-53;
            int m = start[(int) (u * BUCKETS)];
            if (m >= PURE) {
                m -= PURE;
            } else {
                while (cdf[m] <= u) {
                    m++;
                }
            }
            w[i] = (short) ((x & 1) == 0 ? m : -m);
        }
        return w;
    }
}
