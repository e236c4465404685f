package org.sresim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Published per-layer sparsity profiles: what they zero, realised densities, the built-in profile networks. */
class PruningProfileTest {
    /** Global keys that must not matter for a profiled layer: heavy pruning, first layer pruned too. */
    static final WorkloadSettings HEAVY = new WorkloadSettings(7, 0.9, PruningMethod.UNSTRUCTURED, true, 0.5, 12,
            false, 16, 16);
    static final WorkloadSettings NONE = new WorkloadSettings(7, 0.0, PruningMethod.STRUCTURED, false, 0.5, 12,
            false, 16, 16);

    static int zeroRows(short[] w, int k, int n) {
        int z = 0;
        for (int r = 0; r < k; r++) {
            boolean all = true;
            for (int c = 0; c < n && all; c++) {
                all = w[r * n + c] == 0;
            }
            z += all ? 1 : 0;
        }
        return z;
    }

    static int zeroCols(short[] w, int k, int n) {
        int z = 0;
        for (int c = 0; c < n; c++) {
            boolean all = true;
            for (int r = 0; r < k && all; r++) {
                all = w[r * n + c] == 0;
            }
            z += all ? 1 : 0;
        }
        return z;
    }

    static long zeros(short[] w) {
        long z = 0;
        for (short v : w) {
            z += v == 0 ? 1 : 0;
        }
        return z;
    }

    @Test
    void shapesThenFiltersThenMagnitudeToTheElementSparsity() {
        // 50 rows x 40 columns: shape 0.2 -> 10 whole rows, filter 0.25 -> 10 whole columns,
        // structured zeros = 10*40 + 10*40 - 10*10 = 700 of 2000 = 35 %; element 0.6 -> exactly 1200 zeros
        Network net = new Network("p", List.of(50), List.of(
                LayerSpec.fc("f", 40).withPruningProfile(new PruningProfile(0.25, 0.2, 0.6))));
        MatrixLayer layer = net.matrixLayers().get(0);
        short[] w = SyntheticWorkload.generate(layer, NONE).weights();
        assertThat(zeroRows(w, 50, 40)).isGreaterThanOrEqualTo(10);
        assertThat(zeroCols(w, 50, 40)).isGreaterThanOrEqualTo(10);
        assertThat(zeros(w)).isEqualTo(1200);
        // the magnitude step removed the smallest surviving magnitudes: every survivor is at least as large
        int largestPruned = 0;
        short[] unpruned = SyntheticWorkload.generate(net.matrixLayers().get(0),
                NONE).weights(); // same seed: same draw
        assertThat(unpruned).isEqualTo(w);
        boolean[] structural = new boolean[w.length];
        PruningMethod.Keep keep = PruningMethod.keep(layer, layer.pruningProfile(), NONE.seed());
        for (int r = 0; r < 50; r++) {
            for (int c = 0; c < 40; c++) {
                structural[r * 40 + c] = !keep.rows()[r] || !keep.cols()[c];
            }
        }
        assertThat(countTrue(keep.rows(), false)).isEqualTo(10);
        assertThat(countTrue(keep.cols(), false)).isEqualTo(10);
        short[] drawn = QuantizedLaplace.draw(50, 40, keep.rows(), keep.cols(), NONE.maxWeightMagnitude(),
                Seeds.derive(NONE.seed(), 0, Seeds.Purpose.WEIGHTS));
        int smallestSurvivor = Integer.MAX_VALUE;
        for (int i = 0; i < w.length; i++) {
            if (w[i] != 0) {
                assertThat(w[i]).isEqualTo(drawn[i]); // survivors keep their value
                smallestSurvivor = Math.min(smallestSurvivor, Math.abs(w[i]));
            } else if (!structural[i]) {
                largestPruned = Math.max(largestPruned, Math.abs(drawn[i]));
            }
        }
        assertThat(largestPruned).isLessThanOrEqualTo(smallestSurvivor);
    }

    private static int countTrue(boolean[] a, boolean value) {
        int n = 0;
        for (boolean b : a) {
            n += b == value ? 1 : 0;
        }
        return n;
    }

    @Test
    void structuredPartsAboveTheElementTargetPruneNothingMore() {
        // shape 0.5 of 20 rows = 10 rows of 10 columns = 100 of 200 zero; element 0.3 asks for only 60
        Network net = new Network("p", List.of(20), List.of(
                LayerSpec.fc("f", 10).withPruningProfile(new PruningProfile(0, 0.5, 0.3))));
        short[] w = SyntheticWorkload.generate(net.matrixLayers().get(0), NONE).weights();
        assertThat(zeroRows(w, 20, 10)).isEqualTo(10);
        assertThat(zeros(w)).isEqualTo(100);
    }

    @Test
    void aProfiledLayerIgnoresTheGlobalPruningKeysAndTheFirstLayerExemption() {
        Network net = new Network("p", List.of(3, 8, 8), List.of(
                LayerSpec.conv("c1", 16, 3, 1, 1).withPruningProfile(PruningProfile.elementOnly(0.25)),
                LayerSpec.fc("f", 10)));
        MatrixLayer first = net.matrixLayers().get(0);
        short[] a = SyntheticWorkload.generate(first, NONE).weights();
        short[] b = SyntheticWorkload.generate(first, HEAVY).weights();
        assertThat(a).isEqualTo(b);
        assertThat(zeros(a)).isEqualTo(Math.round(0.25 * 27 * 16)); // the first layer is pruned by its profile
        // the unprofiled fc layer still follows the global keys
        assertThat(zeros(SyntheticWorkload.generate(net.matrixLayers().get(1), HEAVY).weights()))
                .isEqualTo(Math.round(0.9 * 1024 * 10));
    }

    @Test
    void largerFractionsZeroSupersets() {
        Network small = new Network("p", List.of(60), List.of(
                LayerSpec.fc("f", 30).withPruningProfile(new PruningProfile(0.1, 0.1, 0.4))));
        Network large = new Network("p", List.of(60), List.of(
                LayerSpec.fc("f", 30).withPruningProfile(new PruningProfile(0.2, 0.3, 0.7))));
        short[] s = SyntheticWorkload.generate(small.matrixLayers().get(0), NONE).weights();
        short[] l = SyntheticWorkload.generate(large.matrixLayers().get(0), NONE).weights();
        for (int i = 0; i < s.length; i++) {
            if (s[i] == 0) {
                assertThat(l[i]).as("weight %d", i).isZero();
            }
        }
    }

    /** Each literature profile's realised per-layer densities equal the published ones (1 - element). */
    @ParameterizedTest
    @ValueSource(strings = {"lenet5-han", "cifar10-ssl", "alexnet-han", "vgg16-ssl"})
    void realisedDensitiesEqualThePublishedOnes(String name) {
        Network net = Networks.builtin(name);
        for (MatrixLayer layer : net.matrixLayers()) {
            PruningProfile p = layer.pruningProfile();
            assertThat(p).as(layer.name()).isNotNull();
            LayerWorkload w = SyntheticWorkload.generate(layer, HEAVY);
            long size = (long) layer.rows() * layer.cols();
            long shapes = Math.round(p.shape() * layer.rows());
            long filters = Math.round(p.filter() * layer.cols());
            long structural = shapes * layer.cols() + filters * layer.rows() - shapes * filters;
            long expectedZeros = Math.max(Math.round(p.element() * size), structural);
            assertThat(size - Math.round(w.weightDensity() * size)).as(name + " " + layer.name())
                    .isEqualTo(expectedZeros);
            if (structural <= p.element() * size) { // the published case: structure is part of the element figure
                assertThat(Math.abs(w.weightDensity() - (1 - p.element()))).as(name + " " + layer.name())
                        .isLessThanOrEqualTo(0.5 / size + 1e-12);
            }
        }
    }

    @Test
    void theBuiltInProfilesCarryThePublishedNumbers() {
        MatrixLayer conv2 = Networks.builtin("cifar10-ssl").matrixLayers().get(1);
        assertThat(conv2.pruningProfile()).isEqualTo(new PruningProfile(0.3125, 0.6125, 0.824));
        assertThat(conv2.rows()).isEqualTo(32 * 25);
        MatrixLayer fc7 = Networks.builtin("vgg16-ssl").matrixLayers().get(14);
        assertThat(fc7.name()).isEqualTo("fc7");
        assertThat(fc7.pruningProfile().filter()).isEqualTo(0.00317383);
        MatrixLayer ip1 = Networks.builtin("lenet5-han").matrixLayers().get(2);
        assertThat(ip1.rows()).isEqualTo(800);
        assertThat(ip1.pruningProfile()).isEqualTo(PruningProfile.elementOnly(0.92));
        assertThat(Networks.builtin("alexnet-han").matrixLayers().get(0).pruningProfile().element()).isEqualTo(0.16);
    }

    @Test
    void networkFilesStateProfilesLikePruningPapers() {
        Network n = NetworkFile.parse("t.yaml", "t", """
                input: [3, 8, 8]
                layers:
                  - {name: c1, type: conv, out: 32, kernel: 5, padding: 2,
                     pruning: {filter: 0.3125, shape: 0.6125, element: 0.824}}
                  - {name: f1, type: fc, out: 10, pruning.element: 0.5}
                """);
        assertThat(n.matrixLayers().get(0).pruningProfile()).isEqualTo(new PruningProfile(0.3125, 0.6125, 0.824));
        assertThat(n.matrixLayers().get(1).pruningProfile()).isEqualTo(PruningProfile.elementOnly(0.5));
    }

    @Test
    void badProfilesAreOneLineErrorsNamingFileAndLayer() {
        assertThatThrownBy(() -> NetworkFile.parse("t.yaml", "t", """
                input: [16]
                layers: [{name: f1, type: fc, out: 4, pruning: {filter: 0.5}}]
                """)).hasMessage("t.yaml: layer 'f1': a published profile needs 'pruning.element' (the total"
                + " fraction of zero weights); 'filter' and 'shape' are optional");
        assertThatThrownBy(() -> NetworkFile.parse("t.yaml", "t", """
                input: [16]
                layers: [{name: f1, type: fc, out: 4, pruning: {ratio: 0.5, element: 0.5}}]
                """)).hasMessageContaining("t.yaml: layer 'f1': give either 'pruning.ratio' or a published profile");
        assertThatThrownBy(() -> NetworkFile.parse("t.yaml", "t", """
                input: [16]
                layers: [{name: f1, type: fc, out: 4, pruning: {element: 1.2}}]
                """)).hasMessage("t.yaml: layer 'f1': 'pruning.element' must be in [0, 1), got 1.2");
        assertThatThrownBy(() -> NetworkFile.parse("t.yaml", "t", """
                input: [16]
                layers: [{name: f1, type: fc, out: 4, pruning: {elements: 0.5}}]
                """)).hasMessageStartingWith("t.yaml: layer 'f1': unknown key 'pruning.elements'");
    }
}
