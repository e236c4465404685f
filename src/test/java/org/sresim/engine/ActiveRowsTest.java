package org.sresim.engine;

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
        long[] masks = new long[3 * words];
        for (int i = 0; i < masks.length; i++) {
            masks[i] = r.nextLong() & (r.nextBoolean() ? -1L : r.nextLong());
        }
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
}
