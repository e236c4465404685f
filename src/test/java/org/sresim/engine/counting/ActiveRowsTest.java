package org.sresim.engine.counting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The two ways of counting a window's active rows agree on every count, including block heights
 * the counter property tests rarely reach (up to 255 rows, 16 input bits).
 */
class ActiveRowsTest {

    @Property(tries = 300)
    void byteLanesCountAsBitPlanes(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 1 + r.nextInt(255);
        int words = (rows + 63) >>> 6;
        int steps = 1 + r.nextInt(16);
        ActiveRows planes = new ActiveRows.BitPlanes(rows, words, steps, 1);
        ActiveRows lanes = new ActiveRows.ByteLanes(rows, words, steps);
        long[] masks = randomMasks(3 * words, r);
        for (int window = 0; window < 3; window++) {
            int[] inputs = new int[rows];
            double density = r.nextDouble();
            for (int i = 0; i < rows; i++) {
                inputs[i] = r.nextDouble() < density ? r.nextInt(1 << steps) : 0;
            }
            planes.load(inputs);
            lanes.load(inputs);
            assertThat(lanes.active()).isEqualTo(planes.active());
            assertThat(lanes.perStep()).isEqualTo(planes.perStep());
            for (int m = 0; m < 3; m++) {
                int from = m * words;
                assertThat(lanes.activeIn(masks, from)).isEqualTo(planes.activeIn(masks, from));
                assertThat(lanes.perStep(masks, from)).isEqualTo(planes.perStep(masks, from));
            }
        }
    }

    /**
     * Bit planes against counts taken row by row from the inputs, for DAC widths 1 to 4, up to 24
     * steps and blocks of up to 300 rows (5 words, ends that are not a multiple of 8 or 64).
     */
    @Property(tries = 300)
    void bitPlanesCountEveryStepRowByRow(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 1 + r.nextInt(300);
        int words = (rows + 63) >>> 6;
        int dacBits = 1 + r.nextInt(4);
        int inputBits = dacBits + r.nextInt(25 - dacBits);
        int steps = (inputBits + dacBits - 1) / dacBits;
        ActiveRows planes = new ActiveRows.BitPlanes(rows, words, steps, dacBits);
        long[] masks = randomMasks(3 * words, r);
        for (int window = 0; window < 3; window++) {
            int[] inputs = new int[rows];
            double density = r.nextDouble();
            for (int i = 0; i < rows; i++) {
                // small values half the time, so high steps are often empty
                int bits = r.nextBoolean() ? inputBits : 1 + r.nextInt(inputBits);
                inputs[i] = r.nextDouble() < density ? r.nextInt(1 << bits) : 0;
            }
            planes.load(inputs);
            long[] all = new long[words];
            java.util.Arrays.fill(all, -1L);
            assertThat(planes.active()).isEqualTo(rowByRow(inputs, all, 0, -1, dacBits));
            for (int b = 0; b < steps; b++) {
                assertThat(planes.perStep()[b]).as("step %d", b).isEqualTo(rowByRow(inputs, all, 0, b, dacBits));
            }
            for (int m = 0; m < 3; m++) {
                int from = m * words;
                assertThat(planes.activeIn(masks, from)).isEqualTo(rowByRow(inputs, masks, from, -1, dacBits));
                int[] perStep = planes.perStep(masks, from);
                for (int b = 0; b < steps; b++) {
                    assertThat(perStep[b]).as("mask %d step %d", m, b)
                            .isEqualTo(rowByRow(inputs, masks, from, b, dacBits));
                }
            }
        }
    }

    /** Random mask words, dense or about half set. */
    private static long[] randomMasks(int words, SplittableRandom r) {
        long[] masks = new long[words];
        for (int i = 0; i < words; i++) {
            masks[i] = r.nextLong() & (r.nextBoolean() ? -1L : r.nextLong());
        }
        return masks;
    }

    /** Rows in the mask whose input is non-zero (step -1) or whose digit of step b is. */
    private static int rowByRow(int[] inputs, long[] masks, int from, int step, int dacBits) {
        int n = 0;
        for (int row = 0; row < inputs.length; row++) {
            boolean inMask = (masks[from + (row >>> 6)] >>> row & 1) != 0;
            int digit = step < 0 ? inputs[row] : (inputs[row] >>> (step * dacBits)) & ((1 << dacBits) - 1);
            if (inMask && digit != 0) {
                n++;
            }
        }
        return n;
    }
}
