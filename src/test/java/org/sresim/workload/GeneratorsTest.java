package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What each synthetic generator zeroes and draws, checked element by element. */
class GeneratorsTest {
    /** c1: conv 4 -> 8 channels, 3x3 kernel; c2: 8 -> 8, K = 72 rows ((c, ky, kx), c outermost), N = 8 columns. */
    static final Network NET = new Network("g", List.of(4, 6, 6), List.of(
            new LayerSpec("c1", LayerType.CONV, 8, 3, 1, 1, null, null, null),
            new LayerSpec("c2", LayerType.CONV, 8, 3, 1, 1, null, null, null)));
    static final MatrixLayer FIRST = NET.matrixLayers().get(0);
    static final MatrixLayer SECOND = NET.matrixLayers().get(1);

    static WorkloadSettings settings(double ratio, PruningMethod method, boolean pruneFirst) {
        return new WorkloadSettings(7, ratio, method, pruneFirst, 0.5, 6, false, 16, 16);
    }

    static boolean rowZero(LayerWorkload w, int row) {
        for (int c = 0; c < w.layer().cols(); c++) {
            if (w.weight(row, c) != 0) {
                return false;
            }
        }
        return true;
    }

    static boolean colZero(LayerWorkload w, int col) {
        for (int r = 0; r < w.layer().rows(); r++) {
            if (w.weight(r, col) != 0) {
                return false;
            }
        }
        return true;
    }

    static int zeroRows(LayerWorkload w) {
        int n = 0;
        for (int r = 0; r < w.layer().rows(); r++) {
            n += rowZero(w, r) ? 1 : 0;
        }
        return n;
    }

    static int zeroCols(LayerWorkload w) {
        int n = 0;
        for (int c = 0; c < w.layer().cols(); c++) {
            n += colZero(w, c) ? 1 : 0;
        }
        return n;
    }

    static LayerWorkload draw(MatrixLayer layer, double ratio, PruningMethod m, boolean pruneFirst) {
        return SyntheticWorkload.generate(layer, settings(ratio, m, pruneFirst));
    }

    @Test
    void filterPruningZeroesWholeColumnsOnly() {
        LayerWorkload w = draw(SECOND, 0.5, PruningMethod.FILTER, false);
        assertThat(zeroCols(w)).isEqualTo(4); // round(0.5 * 8)
        assertThat(zeroRows(w)).isZero();
        // every surviving column is the unpruned draw's column, unchanged
        LayerWorkload dense = draw(SECOND, 0, PruningMethod.FILTER, false);
        for (int c = 0; c < 8; c++) {
            for (int r = 0; r < 72; r++) {
                assertThat(w.weight(r, c)).isEqualTo(colZero(w, c) ? (short) 0 : dense.weight(r, c));
            }
        }
    }

    @Test
    void channelPruningZeroesTheNineRowsOfWholeInputChannels() {
        LayerWorkload w = draw(SECOND, 0.5, PruningMethod.CHANNEL, false);
        int channelsZeroed = 0;
        for (int ch = 0; ch < 8; ch++) {
            boolean first = rowZero(w, ch * 9);
            for (int r = ch * 9; r < ch * 9 + 9; r++) {
                assertThat(rowZero(w, r)).as("row %d of channel %d", r, ch).isEqualTo(first);
            }
            channelsZeroed += first ? 1 : 0;
        }
        assertThat(channelsZeroed).isEqualTo(4); // round(0.5 * 8)
        assertThat(zeroCols(w)).isZero();
    }

    @Test
    void shapePruningZeroesSingleRows() {
        LayerWorkload w = draw(SECOND, 0.25, PruningMethod.SHAPE, false);
        assertThat(zeroRows(w)).isEqualTo(18); // round(0.25 * 72)
        assertThat(zeroCols(w)).isZero();
    }

    @Test
    void structuredPruningZeroesTheSameFractionOfRowsAndColumns() {
        // f = 1 - sqrt(1 - 0.75) = 0.5: 36 of 72 rows and 4 of 8 columns; 1 - 0.5 * 0.5 = 0.75 zeroed
        LayerWorkload w = draw(SECOND, 0.75, PruningMethod.STRUCTURED, false);
        assertThat(zeroRows(w)).isEqualTo(36);
        assertThat(zeroCols(w)).isEqualTo(4);
        assertThat(w.weightDensity()).isLessThanOrEqualTo(0.25).isGreaterThan(0.24);
    }

    @Test
    void unstructuredPruningZeroesExactlyTheSmallestMagnitudes() {
        LayerWorkload dense = draw(SECOND, 0, PruningMethod.UNSTRUCTURED, false);
        LayerWorkload w = draw(SECOND, 0.4, PruningMethod.UNSTRUCTURED, false);
        int total = 72 * 8;
        int zeros = 0;
        int largestZeroed = 0;
        int smallestKept = Integer.MAX_VALUE;
        for (int i = 0; i < total; i++) {
            short before = dense.weights()[i];
            short after = w.weights()[i];
            if (after == 0) {
                zeros++;
                largestZeroed = Math.max(largestZeroed, Math.abs(before));
            } else {
                assertThat(after).isEqualTo(before);
                smallestKept = Math.min(smallestKept, Math.abs(before));
            }
        }
        assertThat(zeros).isEqualTo(Math.round(0.4 * total)); // 230: the realised density is 1 - 230/576
        assertThat(largestZeroed).isLessThanOrEqualTo(smallestKept);
        assertThat(w.weightDensity()).isEqualTo(1 - 230.0 / 576);
    }

    @Test
    void theFirstLayerIsExemptUnlessAsked() {
        for (PruningMethod m : PruningMethod.values()) {
            LayerWorkload exempt = draw(FIRST, 0.5, m, false);
            LayerWorkload unpruned = draw(FIRST, 0, m, false);
            assertThat(exempt.weights()).as(m.configName()).isEqualTo(unpruned.weights());
            assertThat(draw(FIRST, 0.5, m, true).weightDensity()).as(m.configName())
                    .isLessThan(unpruned.weightDensity() - 0.3);
        }
    }

    @Test
    void activationsAreZeroWithTheSparsityAndHalfNormalOtherwise() {
                MatrixLayer big = new Network("a", List.of(64, 32, 32), List.of(
                new LayerSpec("x", LayerType.CONV, 1, 1, 1, 0, null, null, null),
                new LayerSpec("y", LayerType.CONV, 1, 1, 1, 0, null, null, null))).matrixLayers().get(1);
        int[] a = SyntheticWorkload.activations(big, settings(0, PruningMethod.FILTER, false));
        assertThat(a).hasSize(32 * 32);
        long zeros = java.util.Arrays.stream(a).filter(v -> v == 0).count();
        assertThat(zeros).isBetween(512L - 64, 512L + 64); // n = 1024, sigma = 16
        // non-zero values: max(1, round(|N(0,1)| * 2^6)); E|N(0,1)| = sqrt(2/pi) = 0.798 -> mean 51.1
        double mean = java.util.Arrays.stream(a).filter(v -> v != 0).average().orElseThrow();
        assertThat(mean).isBetween(51.1 - 6, 51.1 + 6); // sd of |N| * 64 is 38.6; over ~512 draws 4 sigma = 6.8
        assertThat(java.util.Arrays.stream(a).min().orElseThrow()).isZero();
        // the first layer's input (the image) is dense unless activation.sparse-first-layer
        int[] first = SyntheticWorkload.activations(FIRST, settings(0, PruningMethod.FILTER, false));
        assertThat(java.util.Arrays.stream(first).allMatch(v -> v >= 1)).isTrue();
    }

    @Test
    void activationsAreClippedToTheInputRange() {
        WorkloadSettings narrow = new WorkloadSettings(7, 0, PruningMethod.FILTER, false, 0, 6, true, 16, 4);
        int[] a = SyntheticWorkload.activations(SECOND, narrow);
        assertThat(java.util.Arrays.stream(a).max().orElseThrow()).isEqualTo(15); // 2^4 - 1, since |N| * 64 >> 15
    }
}
