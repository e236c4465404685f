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
 * The same independence lets a {@link Draw} give the non-zero mask, or a single cell, without
 * materialising the matrix.
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
        return new Draw(rows, cols, keepRows, keepCols, maxMagnitude, stream).materialise();
    }

    /**
     * One layer's draw, prepared but not materialised: any cell's value follows from its index
     * alone, so the non-zero mask, single values and the whole matrix can each be produced
     * without the others. Immutable.
     */
    static final class Draw {
        private final int rows;
        private final int cols;
        private final int maxMagnitude;
        private final long stream;
        private final boolean[] keepRows;
        private final boolean[] keepCols;
        /** Kept rows and columns in increasing order: the loops visit only these, with no branch per cell. */
        private final int[] rowList;
        private final int[] colList;
        private final long maxAt;
        private final boolean maxNegative;
        /** cdf[k] = P(round(E * scale) <= k) for E ~ Exp(1) truncated to [0, largest]. */
        private final double[] cdf;
        /**
         * Bucket b holds the smallest k with cdf[k] > b / BUCKETS; the top bit marks buckets whose
         * whole u range maps to that k, so most draws never touch the cdf array.
         */
        private final char[] start;

        Draw(int rows, int cols, boolean[] keepRows, boolean[] keepCols, int maxMagnitude, long stream) {
            if (maxMagnitude >= PURE) {
                throw new IllegalArgumentException("magnitudes above 2^15 - 1 do not fit a short");
            }
            int size = Math.multiplyExact(rows, cols);
            if (size == 0) {
                throw new IllegalArgumentException("an empty " + rows + " x " + cols + " matrix");
            }
            this.rows = rows;
            this.cols = cols;
            this.maxMagnitude = maxMagnitude;
            this.stream = stream;
            this.keepRows = keepRows;
            this.keepCols = keepCols;
            this.rowList = kept(keepRows, rows);
            this.colList = kept(keepCols, cols);
            double largest = -Math.log(-Math.expm1(Math.log(unit(at(stream, 1))) / size));
            this.maxAt = Long.remainderUnsigned(at(stream, 2), size);
            this.maxNegative = (at(stream, 3) & 1) != 0;
            double scale = maxMagnitude / largest;
            cdf = new double[maxMagnitude + 1];
            double norm = -Math.expm1(-largest);
            for (int k = 0; k < maxMagnitude; k++) {
                cdf[k] = -Math.expm1(-Math.min(largest, (k + 0.5) / scale)) / norm;
            }
            cdf[maxMagnitude] = 1.0;
            start = new char[BUCKETS];
            int k = 0;
            for (int b = 0; b < BUCKETS; b++) {
                double u = (double) b / BUCKETS;
                while (k < maxMagnitude && cdf[k] <= u) {
                    k++;
                }
                boolean pure = cdf[k] > (double) (b + 1) / BUCKETS;
                start[b] = (char) (pure ? k | PURE : k);
            }
        }

        /** The whole row-major matrix, zero outside the kept rows and columns. */
        short[] materialise() {
            short[] w = new short[rows * cols];
            for (int r : rowList) {
                int rowStart = r * cols;
                for (int c : colList) {
                    int i = rowStart + c;
                    w[i] = drawn(i);
                }
            }
            return w;
        }

        /** The value of cell (row, col), equal to {@code materialise()[row * cols + col]}. */
        short value(int row, int col) {
            if ((keepRows != null && !keepRows[row]) || (keepCols != null && !keepCols[col])) {
                return 0;
            }
            return drawn(row * cols + col);
        }

        /** The value of cell (row, col) in a kept row and column: {@link #value} without the pruning tests. */
        short kept(int row, int col) {
            return drawn(row * cols + col);
        }

        /**
         * Which cells are non-zero, without their values: a kept cell is zero exactly when its
         * uniform number falls below cdf[0] (the inversion then stops at magnitude 0), except the
         * largest magnitude, which is never zero. One hash and one integer comparison per kept cell.
         */
        NonZeroMask nonZero() {
            int perColumn = NonZeroMask.words(rows);
            long[] bits = new long[Math.multiplyExact(perColumn, cols)];
            // u = (x >>> 11) * 2^-53 >= cdf[0] exactly when the integer x >>> 11 >= ceil(cdf[0] * 2^53)
            long zeroBelow = (long) Math.ceil(cdf[0] * 0x1.0p53);
            for (int c : colList) {
                int base = c * perColumn;
                // rows ascend, so each word of the column is gathered in a register and stored
                // once: an |= into the array per cell would chain every cell on the last store
                int current = -1;
                long word = 0;
                for (int r : rowList) {
                    if (r >>> 6 != current) {
                        if (current >= 0) {
                            bits[base + current] = word;
                        }
                        current = r >>> 6;
                        word = 0;
                    }
                    long u = at(stream, 4L + r * cols + c) >>> 11;
                    word |= (~(u - zeroBelow) >>> 63) << r; // 1 when u >= zeroBelow (both below 2^53)
                }
                if (current >= 0) {
                    bits[base + current] = word;
                }
            }
            int maxRow = (int) (maxAt / cols);
            int maxCol = (int) (maxAt % cols);
            if (value(maxRow, maxCol) != 0) { // kept: the largest magnitude is never zero
                bits[maxCol * perColumn + (maxRow >>> 6)] |= 1L << maxRow;
            }
            return NonZeroMask.ofColumns(rows, cols, bits);
        }

        /** The value of kept cell i (row-major index). */
        private short drawn(int i) {
            if (i == maxAt) {
                return (short) (maxNegative ? -maxMagnitude : maxMagnitude);
            }
            long x = at(stream, 4L + i);
            double u = uniform(x);
            int m = start[(int) (u * BUCKETS)];
            if (m >= PURE) {
                m -= PURE;
            } else {
                while (cdf[m] <= u) {
                    m++;
                }
            }
            return (short) ((x & 1) == 0 ? m : -m);
        }

        private static int[] kept(boolean[] keep, int size) {
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (keep == null || keep[i]) {
                    n++;
                }
            }
            int[] list = new int[n];
            for (int i = 0, j = 0; i < size; i++) {
                if (keep == null || keep[i]) {
                    list[j++] = i;
                }
            }
            return list;
        }
    }

    /** The uniform number in [0, 1) a cell's draw inverts: the top 53 bits of its stream number. */
    private static double uniform(long x) {
        return (x >>> 11) * 0x1.0p-53;
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
