package org.sresim.workload;

/**
 * One layer's data as the crossbars see it.
 *
 * @param weights signed quantized weights, K x N row-major: {@code weights[k * N + n]}, row
 *                k = (c, ky, kx) with c outermost, column n = output filter; zero = pruned
 * @param inputs  the layer's unsigned input feature map, C x H x W row-major (fc: the vector)
 */
public record LayerWorkload(MatrixLayer layer, short[] weights, int[] inputs) {

    public LayerWorkload {
        if (weights.length != (long) layer.rows() * layer.cols()) {
            throw new IllegalArgumentException("weights: " + weights.length + " values for a "
                    + layer.rows() + " x " + layer.cols() + " matrix");
        }
        if (inputs.length != layer.inputElements()) {
            throw new IllegalArgumentException("inputs: " + inputs.length + " values for "
                    + layer.inputElements() + " input elements");
        }
    }

    public int weight(int row, int col) {
        return weights[row * layer.cols() + col];
    }

    /**
     * The input of matrix row {@code row} in window {@code window} (im2col): for a conv, row
     * (c, ky, kx) of output pixel (oy, ox) reads pixel (c, oy*stride - padding + ky, ...);
     * positions in the padding read zero. Overlapping windows read the same pixels.
     */
    public int activation(int window, int row) {
        MatrixLayer l = layer;
        if (l.windows() == 1 && l.kernel() == 1 && l.inHeight() == 1 && l.inWidth() == 1) {
            return inputs[row];
        }
        int area = l.kernel() * l.kernel();
        int c = row / area;
        int rem = row - c * area;
        int ky = rem / l.kernel();
        int kx = rem - ky * l.kernel();
        int oy = window / l.outWidth();
        int ox = window - oy * l.outWidth();
        int y = oy * l.stride() - l.padding() + ky;
        int x = ox * l.stride() - l.padding() + kx;
        if (y < 0 || x < 0 || y >= l.inHeight() || x >= l.inWidth()) {
            return 0;
        }
        return inputs[(c * l.inHeight() + y) * l.inWidth() + x];
    }

    /** Fraction of non-zero weights (after pruning and quantization). */
    public double weightDensity() {
        long nonZero = 0;
        for (short w : weights) {
            if (w != 0) {
                nonZero++;
            }
        }
        return weights.length == 0 ? 0 : (double) nonZero / weights.length;
    }

    /** Fraction of non-zero input activations of the feature map. */
    public double activationDensity() {
        long nonZero = 0;
        for (int a : inputs) {
            if (a != 0) {
                nonZero++;
            }
        }
        return inputs.length == 0 ? 0 : (double) nonZero / inputs.length;
    }
}
