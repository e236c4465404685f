package org.sresim.workload;

import java.util.SplittableRandom;

/**
 * Synthetic weights and activations (model section 3): Laplace(0, 1) weights quantized to
 * signed fixed point by the layer's largest magnitude, then pruned; activations zero with the
 * sparsity probability, else max(1, round(|N(0,1)| * 2^scaleBits)) clipped to the input range.
 */
public final class SyntheticWorkload {
    private SyntheticWorkload() {
    }

    public static LayerWorkload generate(MatrixLayer layer, WorkloadSettings s) {
        if (layer.pruningProfile() != null) {
            return withProfile(layer, layer.pruningProfile(), s);
        }
        double ratio = s.pruningRatioOf(layer);
        PruningMethod.Keep keep = s.pruningMethod().keep(layer, ratio, s.seed());
        // Laplace(0, 1) weights quantized by the layer's largest magnitude, drawn only where
        // structured pruning keeps them (see QuantizedLaplace); magnitude pruning comes after
        short[] weights = QuantizedLaplace.draw(layer.rows(), layer.cols(), keep.rows(), keep.cols(),
                s.maxWeightMagnitude(), Seeds.derive(s.seed(), layer.index(), Seeds.Purpose.WEIGHTS));
        s.pruningMethod().pruneByMagnitude(weights, ratio);
        return new LayerWorkload(layer, weights, activations(layer, s));
    }

    /**
     * A layer carrying a published sparsity profile: shapes and filters first, then magnitude
     * pruning of what remains up to the element sparsity (the global pruning keys do not apply).
     */
    private static LayerWorkload withProfile(MatrixLayer layer, PruningProfile profile, WorkloadSettings s) {
        PruningMethod.Keep keep = PruningMethod.keep(layer, profile, s.seed());
        short[] weights = QuantizedLaplace.draw(layer.rows(), layer.cols(), keep.rows(), keep.cols(),
                s.maxWeightMagnitude(), Seeds.derive(s.seed(), layer.index(), Seeds.Purpose.WEIGHTS));
        PruningMethod.pruneToElementSparsity(weights, profile.element());
        return new LayerWorkload(layer, weights, activations(layer, s));
    }

    static int[] activations(MatrixLayer layer, WorkloadSettings s) {
        int size = Math.toIntExact(layer.inputElements());
        double sparsity = s.activationSparsityOf(layer);
        double scale = Math.pow(2, s.activationScaleBits());
        long max = s.maxInput();
        SplittableRandom r = Seeds.stream(s.seed(), layer.index(), Seeds.Purpose.ACTIVATIONS);
        int[] a = new int[size];
        for (int i = 0; i < size; i++) {
            if (r.nextDouble() < sparsity) {
                continue;
            }
            long v = Math.max(1, Math.round(Math.abs(r.nextGaussian()) * scale));
            a[i] = (int) Math.min(v, max);
        }
        return a;
    }
}
