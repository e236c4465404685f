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
        short[] weights = weights(layer, s);
        s.pruningMethod().prune(weights, layer, s.pruningRatioOf(layer), s.seed());
        return new LayerWorkload(layer, weights, activations(layer, s));
    }

    /**
     * Draws the K x N weights twice from the same stream, once for the largest magnitude and once
     * to quantize, so no double array of the layer's size is ever held.
     */
    static short[] weights(MatrixLayer layer, WorkloadSettings s) {
        int size = Math.multiplyExact(layer.rows(), layer.cols());
        double max = 0;
        SplittableRandom r = Seeds.stream(s.seed(), layer.index(), Seeds.Purpose.WEIGHTS);
        for (int i = 0; i < size; i++) {
            max = Math.max(max, Math.abs(laplace(r)));
        }
        short[] w = new short[size];
        double scale = s.maxWeightMagnitude() / max;
        r = Seeds.stream(s.seed(), layer.index(), Seeds.Purpose.WEIGHTS);
        for (int i = 0; i < size; i++) {
            w[i] = (short) Math.round(laplace(r) * scale);
        }
        return w;
    }

    /** Laplace(0, 1) by inversion of one open-interval uniform. */
    static double laplace(SplittableRandom r) {
        double u = Seeds.openUnit(r) - 0.5;
        return u < 0 ? Math.log(1 + 2 * u) : -Math.log(1 - 2 * u);
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
