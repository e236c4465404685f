package org.sresim.engine.counting;

import java.util.Arrays;
import org.sresim.hw.Hardware;

/**
 * One window's activated rows in one row block: |A| and |A_b| per input step, and the same
 * within each compressed-row mask S_i, |S_i ∩ A| and |S_i ∩ A_b|. Scratch state, reloaded per
 * window. Two exact implementations: {@link BitPlanes} (a bit set per step, any DAC width) and
 * {@link ByteLanes} (per-step counts in byte lanes, no per-bit work; 1-bit DACs, at most 16
 * steps and 255 rows).
 */
abstract class ActiveRows {
    final int rows;
    final int words;
    final int steps;
    /** Bit r set when row r's input is non-zero. */
    final long[] active;
    final int[] stepCounts;

    ActiveRows(int rows, int words, int steps) {
        this.rows = rows;
        this.words = words;
        this.steps = steps;
        this.active = new long[words];
        this.stepCounts = new int[steps];
    }

    /**
     * Block masks from which {@link BitPlanes} is used even where {@link ByteLanes} fits: a bit
     * plane costs a fixed steps x words popcounts per mask, byte lanes a few operations per row
     * the mask holds, so with many distinct masks (OU groups of weight slices, where nearly every
     * group's mask differs) the planes' dearer load pays for itself. Counting AlexNet and
     * CIFAR-10-quick at OU 8x8 to 32x32 took about as long from any threshold between 4 and 64
     * (below 4 the planes' load dominates; never using planes was up to 40% slower on AlexNet).
     */
    static final int PLANES_FROM_MASKS = 8;

    /**
     * The fastest exact implementation for this chip, block height and number of distinct masks:
     * byte lanes where they fit and there are fewer than {@code planesFrom} masks.
     */
    static ActiveRows of(Hardware hw, int rows, int words, int masks, int planesFrom) {
        return ByteLanes.fits(hw, rows) && masks < planesFrom ? new ByteLanes(rows, words, hw.inputSteps())
                : new BitPlanes(rows, words, hw.inputSteps(), hw.dacBits());
    }

    /** Loads the inputs of the block's rows for one window ({@code inputs[r]} for r below rows). */
    abstract void load(int[] inputs);

    /** |A|. */
    int active() {
        return BitsetCounter.popCount(active, 0, words);
    }

    /** |S_i ∩ A| for the mask at {@code masks[from .. from + words)}. */
    int activeIn(long[] masks, int from) {
        return BitsetCounter.popCountAnd(masks, from, active, 0, words);
    }

    /** |A_b| for every step b, in a scratch array valid until the next call. */
    abstract int[] perStep();

    /** |S_i ∩ A_b| for every step b, in a scratch array valid until the next call. */
    abstract int[] perStep(long[] masks, int from);

    /** SPREAD[v]: byte j is bit j of v (0 or 1). */
    private static final long[] SPREAD = new long[256];

    static {
        for (int v = 0; v < 256; v++) {
            long s = 0;
            for (int j = 0; j < 8; j++) {
                s |= (long) ((v >>> j) & 1) << (8 * j);
            }
            SPREAD[v] = s;
        }
    }

    /**
     * A bit set of rows per input step: |S ∩ A_b| is a popcount of an AND. Loaded without per-bit
     * work: the step bits of 8 rows are spread to bytes and shifted by row, so byte b of the sum
     * is step b's bits of those 8 rows, which land in the plane with one shift.
     */
    static final class BitPlanes extends ActiveRows {
        private final int dacBits;
        /** Step b's rows in words [b * words, (b + 1) * words). */
        final long[] planes;
        /**
         * The planes of the steps with an active row this window, the first {@link #usedSteps}
         * of them one after another (steps without one add nothing to any count).
         */
        final long[] usedPlanes;
        int usedSteps;

        BitPlanes(int rows, int words, int steps, int dacBits) {
            super(rows, words, steps);
            if (steps > 24) {
                throw new IllegalArgumentException(steps + " input steps: at most 24");
            }
            this.dacBits = dacBits;
            this.planes = new long[steps * words];
            this.usedPlanes = new long[steps * words];
        }

        @Override
        void load(int[] inputs) {
            Arrays.fill(planes, 0);
            for (int j = 0; j < words; j++) {
                int end = Math.min(rows, (j + 1) << 6);
                long word = 0;
                for (int from = j << 6; from < end; from += 8) {
                    long low = 0;
                    long mid = 0;
                    long high = 0;
                    int stop = Math.min(end, from + 8);
                    for (int r = from; r < stop; r++) {
                        int y = stepBits(inputs[r]);
                        int k = r - from;
                        low |= SPREAD[y & 0xFF] << k;
                        mid |= SPREAD[(y >>> 8) & 0xFF] << k;
                        high |= SPREAD[y >>> 16] << k;
                        word |= (long) (-y >>> 31) << r; // y is non-negative: 1 when some step is
                    }
                    int shift = from & 63;
                    for (int b = 0; b < steps; b++) {
                        long lanes = b < 8 ? low : b < 16 ? mid : high;
                        planes[b * words + j] |= ((lanes >>> ((b & 7) << 3)) & 0xFF) << shift;
                    }
                }
                active[j] = word;
            }
            usedSteps = 0;
            for (int b = 0; b < steps; b++) {
                if (BitsetCounter.popCount(planes, b * words, words) != 0) {
                    System.arraycopy(planes, b * words, usedPlanes, usedSteps * words, words);
                    usedSteps++;
                }
            }
        }

        /** Bit b set when step b of input x is non-zero (at most 24 steps). */
        private int stepBits(int x) {
            if (dacBits == 1) {
                return x;
            }
            int digitMask = (1 << dacBits) - 1;
            int y = 0;
            for (int b = 0; b < steps; b++) {
                y |= (-((x >>> (b * dacBits)) & digitMask) >>> 31) << b;
            }
            return y;
        }

        @Override
        int[] perStep() {
            for (int b = 0; b < steps; b++) {
                stepCounts[b] = BitsetCounter.popCount(planes, b * words, words);
            }
            return stepCounts;
        }

        @Override
        int[] perStep(long[] masks, int from) {
            if (words == 1) {
                long m = masks[from];
                for (int b = 0; b < steps; b++) {
                    stepCounts[b] = Long.bitCount(m & planes[b]);
                }
            } else if (words == 2) {
                long m0 = masks[from];
                long m1 = masks[from + 1];
                for (int b = 0; b < steps; b++) {
                    stepCounts[b] = Long.bitCount(m0 & planes[2 * b]) + Long.bitCount(m1 & planes[2 * b + 1]);
                }
            } else {
                for (int b = 0; b < steps; b++) {
                    stepCounts[b] = BitsetCounter.popCountAnd(masks, from, planes, b * words, words);
                }
            }
            return stepCounts;
        }
    }

    /**
     * Per-step counts as vertical counters: a row's input bits spread to one byte each (bit b to
     * byte b mod 8 of the low or high word, by table), so adding the spread words of a set of rows
     * counts every step's active rows at once. Exact while a byte cannot overflow (at most 255
     * rows) and every step is one input bit (1-bit DACs, at most 16 input bits). Cheaper than
     * bit planes because the per-set-bit scatter, with its unpredictable loop, disappears.
     */
    static final class ByteLanes extends ActiveRows {
        private final long[] low;
        private final long[] high;
        private long lowSum;
        private long highSum;

        ByteLanes(int rows, int words, int steps) {
            super(rows, words, steps);
            low = new long[rows];
            high = new long[rows];
        }

        static boolean fits(Hardware hw, int rows) {
            return hw.dacBits() == 1 && hw.inputSteps() <= 16 && rows <= 255;
        }

        @Override
        void load(int[] inputs) {
            long lo = 0;
            long hi = 0;
            for (int j = 0; j < words; j++) {
                long word = 0; // a word of active rows, kept in a register and stored once
                int end = Math.min(rows, (j + 1) << 6);
                for (int r = j << 6; r < end; r++) {
                    int x = inputs[r];
                    long l = SPREAD[x & 0xFF];
                    long h = SPREAD[(x >>> 8) & 0xFF];
                    low[r] = l;
                    high[r] = h;
                    lo += l;
                    hi += h;
                    word |= (long) (-x >>> 31) << r; // inputs are non-negative: 1 when x > 0
                }
                active[j] = word;
            }
            lowSum = lo;
            highSum = hi;
        }

        @Override
        int[] perStep() {
            return unpack(lowSum, highSum);
        }

        @Override
        int[] perStep(long[] masks, int from) {
            long lo = 0;
            long hi = 0;
            for (int j = 0; j < words; j++) {
                for (long set = masks[from + j] & active[j]; set != 0; set &= set - 1) {
                    int r = (j << 6) + Long.numberOfTrailingZeros(set);
                    lo += low[r];
                    hi += high[r];
                }
            }
            return unpack(lo, hi);
        }

        private int[] unpack(long lo, long hi) {
            for (int b = 0; b < steps; b++) {
                long lanes = b < 8 ? lo : hi;
                stepCounts[b] = (int) ((lanes >>> (8 * (b & 7))) & 0xFF);
            }
            return stepCounts;
        }
    }
}
