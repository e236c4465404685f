package org.sresim.engine;

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

    /** The fastest exact implementation for this chip and block height. */
    static ActiveRows of(Hardware hw, int rows, int words) {
        return ByteLanes.fits(hw, rows) ? new ByteLanes(rows, words, hw.inputSteps())
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

    /** A bit set of rows per input step: |S ∩ A_b| is a popcount of an AND. */
    static final class BitPlanes extends ActiveRows {
        private final int dacBits;
        private final long[] planes;

        BitPlanes(int rows, int words, int steps, int dacBits) {
            super(rows, words, steps);
            this.dacBits = dacBits;
            this.planes = new long[steps * words];
        }

        @Override
        void load(int[] inputs) {
            Arrays.fill(active, 0);
            Arrays.fill(planes, 0);
            int digitMask = (1 << dacBits) - 1;
            for (int r = 0; r < rows; r++) {
                int x = inputs[r];
                if (x == 0) {
                    continue;
                }
                long bit = 1L << r;
                int word = r >>> 6;
                active[word] |= bit;
                if (dacBits == 1) {
                    for (int bits = x; bits != 0; bits &= bits - 1) { // only the bits that are set
                        planes[Integer.numberOfTrailingZeros(bits) * words + word] |= bit;
                    }
                } else {
                    for (int b = 0; b < steps; b++) {
                        if (((x >>> (b * dacBits)) & digitMask) != 0) {
                            planes[b * words + word] |= bit;
                        }
                    }
                }
            }
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
            for (int b = 0; b < steps; b++) {
                stepCounts[b] = BitsetCounter.popCountAnd(masks, from, planes, b * words, words);
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
        /** SPREAD[v]: byte j is bit j of v. */
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
