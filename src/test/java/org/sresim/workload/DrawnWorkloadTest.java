package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Synthetic layers keep their weights as a prepared draw plus a non-zero mask made while drawing;
 * everything read from them must equal what the materialised matrix gives, for every pruning
 * method, published profiles and weight widths where quantized zeros are common.
 */
class DrawnWorkloadTest {

    /** A random small conv or fc layer (index 0 or 1) and settings with any pruning method. */
    record Case(MatrixLayer layer, WorkloadSettings settings) {
        static Case draw(long seed) {
            SplittableRandom r = new SplittableRandom(seed);
            int index = r.nextInt(2);
            PruningProfile profile = r.nextInt(5) == 0
                    ? new PruningProfile(r.nextDouble() * 0.6, r.nextDouble() * 0.6, r.nextInt(3) == 0 ? 0 : r.nextDouble() * 0.9)
                    : null;
            MatrixLayer layer;
            if (r.nextBoolean()) {
                int k = 1 + r.nextInt(3);
                int h = k + r.nextInt(6);
                layer = new MatrixLayer(index, "c", LayerType.CONV, 1 + r.nextInt(20), h, h, k, 1, 0,
                        1 + r.nextInt(40), h - k + 1, h - k + 1, null, null, profile);
            } else {
                layer = new MatrixLayer(index, "f", LayerType.FC, 1 + r.nextInt(300), 1, 1, 1, 1, 0,
                        1 + r.nextInt(70), 1, 1, null, null, profile);
            }
            PruningMethod method = PruningMethod.values()[r.nextInt(PruningMethod.values().length)];
            // 2..16 weight bits: narrow weights quantize many draws to zero, which the mask must see
            WorkloadSettings s = new WorkloadSettings(r.nextLong(), r.nextInt(4) == 0 ? 0 : r.nextDouble() * 0.95,
                    method, r.nextBoolean(), r.nextDouble(), 4, r.nextBoolean(), 2 + r.nextInt(15), 8);
            return new Case(layer, s);
        }

        LayerWorkload generate() {
            return SyntheticWorkload.generate(layer, settings);
        }
    }

    @Property(tries = 300)
    void singleWeightsEqualTheMaterialisedMatrix(@ForAll long seed) {
        Case c = Case.draw(seed);
        LayerWorkload lazy = c.generate();
        int rows = c.layer.rows();
        int cols = c.layer.cols();
        short[] oneByOne = new short[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int n = 0; n < cols; n++) {
                oneByOne[r * cols + n] = (short) lazy.weight(r, n); // before anything is materialised
            }
        }
        assertThat(oneByOne).isEqualTo(lazy.weights()).isEqualTo(c.generate().weights());
    }

    @Property(tries = 300)
    void nonZeroWeightsReadThroughTheMaskEqualTheMatrix(@ForAll long seed) {
        Case c = Case.draw(seed);
        LayerWorkload lazy = c.generate();
        short[] weights = c.generate().weights();
        LayerWorkload array = new LayerWorkload(c.layer, weights, lazy.inputs());
        int cols = c.layer.cols();
        for (int r = 0; r < c.layer.rows(); r++) {
            for (int n = 0; n < cols; n++) {
                if (lazy.nonZero().isSet(r, n)) {
                    assertThat(lazy.nonZeroWeight(r, n)).as("drawn (%d, %d)", r, n).isEqualTo(weights[r * cols + n]);
                    assertThat(array.nonZeroWeight(r, n)).as("array (%d, %d)", r, n).isEqualTo(weights[r * cols + n]);
                }
            }
        }
    }

    @Property(tries = 300)
    void keptMagnitudesEqualTheMatrixInWalkOrder(@ForAll long seed) {
        Case c = Case.draw(seed);
        LayerWorkload kept = c.generate();
        assertThat(kept.magnitudes()).as("not kept: none made").isNull();
        kept.keepMagnitudes();
        if (kept.materialised()) { // magnitude pruning materialises the matrix while generating
            assertThat(kept.magnitudes()).as("a materialised matrix is read directly").isNull();
            return;
        }
        assertThat(kept.magnitudesIfMade()).as("made only when asked").isNull();
        NonZeroMagnitudes m = kept.magnitudes();
        assertThat(kept.magnitudesIfMade()).isSameAs(m);
        short[] weights = c.generate().weights();
        int rows = c.layer.rows();
        int cols = c.layer.cols();
        int walked = 0;
        for (int n = 0; n < cols; n++) {
            for (int r = 0; r < rows; r++) {
                int magnitude = Math.abs(weights[r * cols + n]);
                assertThat(m.magnitude(r, n)).as("(%d, %d)", r, n).isEqualTo(magnitude);
                if (magnitude != 0) {
                    assertThat(m.indexOf(r, n)).as("index of (%d, %d)", r, n).isEqualTo(walked);
                    assertThat(m.values()[walked++]).isEqualTo((short) magnitude);
                }
            }
        }
        assertThat(m.values()).hasSize(walked);
    }

    @Property(tries = 300)
    void maskAndDensitiesMadeWhileDrawingEqualThoseOfTheMatrix(@ForAll long seed) {
        Case c = Case.draw(seed);
        LayerWorkload w = c.generate();
        NonZeroMask made = w.nonZero();
        short[] weights = c.generate().weights();
        NonZeroMask read = NonZeroMask.of(weights, c.layer.rows(), c.layer.cols());
        long nonZero = 0;
        for (int r = 0; r < c.layer.rows(); r++) {
            for (int n = 0; n < c.layer.cols(); n++) {
                boolean set = weights[r * c.layer.cols() + n] != 0;
                assertThat(made.isSet(r, n)).as("(%d, %d)", r, n).isEqualTo(set);
                assertThat(read.isSet(r, n)).isEqualTo(set);
                nonZero += set ? 1 : 0;
            }
        }
        assertThat(made.count()).isEqualTo(read.count()).isEqualTo(nonZero).isEqualTo(w.nonZeroWeights());
        assertThat(w.weightDensity()).isEqualTo((double) nonZero / weights.length);
        long nonZeroInputs = 0;
        for (int a : w.inputs()) {
            nonZeroInputs += a != 0 ? 1 : 0;
        }
        assertThat(w.nonZeroInputs()).isEqualTo(nonZeroInputs);
        assertThat(w.activationDensity()).isEqualTo((double) nonZeroInputs / w.inputs().length);
    }

    @Property(tries = 300)
    void orRowsExtractsAnyRowRangeOfAColumn(@ForAll long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 1 + r.nextInt(300);
        int cols = 1 + r.nextInt(5);
        short[] w = new short[rows * cols];
        double density = r.nextDouble();
        for (int i = 0; i < w.length; i++) {
            w[i] = (short) (r.nextDouble() < density ? 1 + r.nextInt(9) : 0);
        }
        NonZeroMask mask = NonZeroMask.of(w, rows, cols);
        int from = r.nextInt(rows);
        int length = r.nextInt(rows - from + 1);
        int col = r.nextInt(cols);
        long[] into = new long[(length + 63) / 64 + r.nextInt(2)];
        long[] before = new long[into.length];
        for (int i = 0; i < into.length; i++) {
            into[i] = r.nextLong() & r.nextLong();
            before[i] = into[i];
        }
        mask.orRows(col, from, length, into);
        long[] expected = before.clone();
        for (int i = 0; i < length; i++) {
            if (w[(from + i) * cols + col] != 0) {
                expected[i >>> 6] |= 1L << i;
            }
        }
        assertThat(into).isEqualTo(expected);
    }
}
