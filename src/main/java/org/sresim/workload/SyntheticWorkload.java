package org.sresim.workload;

import java.util.SplittableRandom;

/**
 * Synthetic weights and activations (model section 3): Laplace(0, 1) weights quantized to
 * signed fixed point by the layer's largest magnitude, then pruned; activations zero with the
 * sparsity probability, else round(x * 2^scaleBits) of a draw x of the layer's distribution, at
 * least 1 in magnitude, clipped to the input range and fed by the input encoding (model section 3.5).
 * A layer may set its own real-valued scale and a stratified draw ({@link ActivationDraw}).
 */
public final class SyntheticWorkload {
    private SyntheticWorkload() {
    }

    public static LayerWorkload generate(MatrixLayer layer, WorkloadSettings s) {
        if (layer.pruningProfile() != null) {
            return withProfile(layer, layer.pruningProfile(), s);
        }
        double ratio = s.pruningRatioOf(layer);
        PruningMethod method = s.pruningMethod();
        // Laplace(0, 1) weights quantized by the layer's largest magnitude, drawn only where
        // structured pruning keeps them (see QuantizedLaplace); magnitude pruning comes after
        QuantizedLaplace.Draw draw = draw(layer, method.keep(layer, ratio, s.seed()), s);
        int[] inputs = activations(layer, s);
        if (!method.prunesByMagnitude(ratio)) {
            return LayerWorkload.drawn(layer, draw, inputs);
        }
        short[] weights = draw.materialise();
        method.pruneByMagnitude(weights, ratio, s.nOfM(), layer.cols());
        return new LayerWorkload(layer, weights, inputs);
    }

    /**
     * A layer carrying a published sparsity profile: shapes and filters first, then magnitude
     * pruning of what remains up to the element sparsity (the global pruning keys do not apply).
     */
    private static LayerWorkload withProfile(MatrixLayer layer, PruningProfile profile, WorkloadSettings s) {
        QuantizedLaplace.Draw draw = draw(layer, PruningMethod.keep(layer, profile, s.seed()), s);
        int[] inputs = activations(layer, s);
        if (profile.element() == 0) {
            return LayerWorkload.drawn(layer, draw, inputs);
        }
        short[] weights = draw.materialise();
        PruningMethod.pruneToElementSparsity(weights, profile.element());
        return new LayerWorkload(layer, weights, inputs);
    }

    private static QuantizedLaplace.Draw draw(MatrixLayer layer, PruningMethod.Keep keep, WorkloadSettings s) {
        return new QuantizedLaplace.Draw(layer.rows(), layer.cols(), keep.rows(), keep.cols(), s.maxWeightMagnitude(),
                Seeds.derive(s.seed(), layer.index(), Seeds.Purpose.WEIGHTS));
    }

    /**
     * The layer's synthetic inputs as fed: drawn from its distribution, then encoded
     * ({@link InputEncoding}); a signed layer under sign-magnitude feeds two maps.
     */
    static int[] activations(MatrixLayer layer, WorkloadSettings s) {
        ActivationDistribution distribution = s.activationDistributionOf(layer);
        int size = Math.toIntExact(layer.inputElements());
        double sparsity = s.activationSparsityOf(layer);
        // 2^12 exactly for the default integer scale: a real per-layer scale changes nothing else
        double scaleBits = s.activationScaleBitsOf(layer);
        SplittableRandom r = Seeds.stream(s.seed(), layer.index(), Seeds.Purpose.ACTIVATIONS);
        if (layer.activationDraw() != null && layer.activationDraw().stratified()) { // half-normal only
            return stratified(size, sparsity, scaleBits, s.maxInput(), r);
        }
        // unsigned values use the whole input range; signed ones +-(2^(input.bits-1) - 1), then are encoded
        long max = s.maxInput(distribution.signed());
        double scale = Math.pow(2, scaleBits);
        int[] a = new int[size];
        for (int i = 0; i < size; i++) {
            if (r.nextDouble() < sparsity) {
                continue;
            }
            double x = distribution.draw(r);
            long v = Math.round(x * scale);
            if (v == 0) {
                v = x < 0 ? -1 : 1; // a drawn value is non-zero
            }
            a[i] = (int) Math.max(-max, Math.min(v, max));
        }
        return s.inputEncoding().feed(a, s.inputBits(), distribution.signed());
    }

    /**
     * {@code activation.draw: stratified} (see {@link ActivationDraw}): exactly round(sparsity x size)
     * zeros at the first positions of a seeded permutation, and on the other m positions, in
     * permutation order, the values {@link HalfNormalQuantiles#values} of m stratified quantiles.
     * The realised density and one-bit fraction are then functions of (size, sparsity, scale) alone;
     * only where the zeros and values sit depends on the seed.
     */
    static int[] stratified(int size, double sparsity, double scaleBits, long max, SplittableRandom r) {
        int zeros = (int) Math.round(sparsity * size);
        int m = size - zeros;
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] values = HalfNormalQuantiles.values(HalfNormalQuantiles.of(m), scaleBits, max);
        int[] a = new int[size];
        for (int j = 0; j < m; j++) {
            a[order[zeros + j]] = values[j];
        }
        return a;
    }
}
