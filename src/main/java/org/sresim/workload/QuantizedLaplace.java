package org.sresim.workload;

/**
 * Draws a layer's quantized synthetic weights, {@code round(w / max|w| * maxMagnitude)} of n
 * i.i.d. Laplace(0, 1) draws, in one pass and one random number per weight, without a logarithm
 * per weight, and only for the cells that structured pruning keeps.
 * <p>
 * It uses an identity in distribution: normalising n Laplace draws by their largest magnitude is
 * the same as drawing that largest magnitude M first (the maximum of n Exp(1) variables,
 * M = -ln(1 - U^(1/n))), placing it at a uniformly random position, and drawing the other n - 1
 * magnitudes from Exp(1) truncated to [0, M]. Their quantized values k = round(E * maxMagnitude / M)
 * follow a known discrete distribution, sampled exactly by inverting its CDF with a bucket table.
 * <p>
 * The random numbers are counter-based: element i of the row-major matrix uses
 * {@code mix(stream + (4 + i) * golden)}, so a cell's value does not depend on which other cells
 * are drawn, and pruned rows and columns are simply skipped. The sign is the number's lowest bit.
 */
final class QuantizedLaplace {
    private static final int BUCKETS = 1 << 16;
    private static final int PURE = 1 << 15;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private QuantizedLaplace() {
    }

    /**
     * @param keepRows rows to draw (null: all); others stay zero
     * @param keepCols columns to draw (null: all); others stay zero
     * @param stream   the layer's weight stream seed
     */
    static short[] draw(int rows, int cols, boolean[] keepRows, boolean[] keepCols, int maxMagnitude, long stream) {
        if (maxMagnitude >= PURE) {
            throw new IllegalArgumentException("magnitudes above 2^15 - 1 do not fit a short");
        }
        int size = Math.multiplyExact(rows, cols);
        short[] w = new short[size];
        if (size == 0) {
            return w;
        }
        double largest = -Math.log(-Math.expm1(Math.log(unit(at(stream, 1))) / size));
        long maxAt = Long.remainderUnsigned(at(stream, 2), size);
        boolean maxNegative = (at(stream, 3) & 1) != 0;
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
        for (int r = 0; r < rows; r++) {
            if (keepRows != null && !keepRows[r]) {
                continue;
            }
            int rowStart = r * cols;
            for (int c = 0; c < cols; c++) {
                if (keepCols != null && !keepCols[c]) {
                    continue;
                }
                int i = rowStart + c;
                if (i == maxAt) {
                    w[i] = (short) (maxNegative ? -maxMagnitude : maxMagnitude);
                    continue;
                }
                long x = at(stream, 4L + i);
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
        }
        return w;
    }

    /** The i-th number of a counter-based stream. */
    static long at(long stream, long i) {
        return Seeds.mix(stream + i * GOLDEN);
    }

    /** A uniform double in the open interval (0, 1). */
    private static double unit(long x) {
        return ((x >>> 11) + 0.5) * 0x1.0p-53;
    }
}
