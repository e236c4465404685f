package org.sresim.workload;

/**
 * One layer's data as the crossbars see it: signed quantized weights, K x N row-major
 * ({@code weights()[k * N + n]}, row k = (c, ky, kx) with c outermost, column n = output filter;
 * zero = pruned), and the layer's unsigned input feature map, C x H x W row-major (fc: the vector).
 *
 * <p>The non-zero mask and both densities are computed once, when the workload is made. A
 * synthetic layer with structured pruning is made from its prepared draw and its mask alone:
 * single weights ({@link #weight}) are drawn on demand and the whole matrix ({@link #weights()})
 * only on the first request, because counting needs nothing but the mask (OU groups of whole
 * weights) or the mask and the non-zero weights one by one (groups of weight slices), and for
 * AlexNet or VGG-16 materialising 61 M or 138 M weights cost more than counting.
 * Values never depend on which of these paths produced them.
 */
public final class LayerWorkload {
    private final MatrixLayer layer;
    private final int[] inputs;
    private final NonZeroMask nonZero;
    private final long nonZeroInputs;
    /** Input maps fed per window: 2 for a signed layer fed sign-magnitude, else 1. */
    private final int passes;
    /** Null when the weights were given as an array. */
    private final QuantizedLaplace.Draw draw;
    /** The materialised weights; null until first requested when made from a draw. */
    private volatile short[] weights;
    /** Whether {@link #magnitudes} may make and keep the non-zero magnitudes (a layer kept for reuse). */
    private volatile boolean keepMagnitudes;
    private volatile NonZeroMagnitudes magnitudes;

    /**
     * @param weights signed quantized weights, K x N row-major; not copied, so the caller must not
     *                change them afterwards (the mask is computed here)
     * @param inputs  the layer's unsigned input feature map
     */
    public LayerWorkload(MatrixLayer layer, short[] weights, int[] inputs) {
        this(layer, checkedWeights(layer, weights), NonZeroMask.of(weights, layer.rows(), layer.cols()), null, inputs);
    }

    private LayerWorkload(MatrixLayer layer, short[] weights, NonZeroMask nonZero, QuantizedLaplace.Draw draw,
                          int[] inputs) {
        if (inputs.length != layer.inputElements() && inputs.length != 2 * layer.inputElements()) {
            throw new IllegalArgumentException("inputs: " + inputs.length + " values for "
                    + layer.inputElements() + " input elements (one or two passes)");
        }
        this.passes = (int) (inputs.length / layer.inputElements());
        this.layer = layer;
        this.weights = weights;
        this.nonZero = nonZero;
        this.draw = draw;
        this.inputs = inputs;
        long n = 0;
        for (int a : inputs) {
            if (a != 0) {
                n++;
            }
        }
        this.nonZeroInputs = n;
    }

    /** A synthetic layer whose weights are materialised only on request (see the class comment). */
    static LayerWorkload drawn(MatrixLayer layer, QuantizedLaplace.Draw draw, int[] inputs) {
        return new LayerWorkload(layer, null, draw.nonZero(), draw, inputs);
    }

    private static short[] checkedWeights(MatrixLayer layer, short[] weights) {
        if (weights.length != (long) layer.rows() * layer.cols()) {
            throw new IllegalArgumentException("weights: " + weights.length + " values for a "
                    + layer.rows() + " x " + layer.cols() + " matrix");
        }
        return weights;
    }

    public MatrixLayer layer() {
        return layer;
    }

    /**
     * The layer's input feature map as fed (shared, not copied: do not change it); with two passes
     * the second pass's map follows the first.
     */
    public int[] inputs() {
        return inputs;
    }

    /** Input maps fed per window: 2 for a signed layer fed sign-magnitude (two passes), else 1. */
    public int passes() {
        return passes;
    }

    /**
     * The windows the crossbars process per inference: the layer's windows once per pass (window
     * {@code p * V + v} is window v of pass p).
     */
    public int windows() {
        return layer.windows() * passes;
    }

    /**
     * The K x N row-major weights (shared, not copied: do not change them). A drawn layer
     * materialises them here on the first call; prefer {@link #nonZero()} and {@link #weight}.
     */
    public short[] weights() {
        short[] w = weights;
        if (w == null) {
            synchronized (this) {
                w = weights;
                if (w == null) {
                    w = draw.materialise();
                    weights = w;
                }
            }
        }
        return w;
    }

    /** Which weights are non-zero. */
    public NonZeroMask nonZero() {
        return nonZero;
    }

    /**
     * Lets {@link #magnitudes} make the non-zero magnitudes: for a layer that several points read
     * (see {@link ReusedWorkloads}), which then draws its weights once, at the price of 2 bytes per
     * non-zero weight for as long as the layer is kept.
     */
    void keepMagnitudes() {
        keepMagnitudes = true;
    }

    /**
     * The non-zero weights' magnitudes in mask-walk order, for callers about to read all of them
     * (OU groups of weight slices): made on the first call when the layer keeps them and its
     * weights are not materialised, else null (read the weights one by one with
     * {@link #nonZeroWeight}).
     */
    public NonZeroMagnitudes magnitudes() {
        NonZeroMagnitudes m = magnitudes;
        // a materialised matrix (magnitude pruning) is read directly: no second copy of its weights
        if (m == null && keepMagnitudes && !materialised()) {
            synchronized (this) {
                m = magnitudes;
                if (m == null) {
                    m = NonZeroMagnitudes.of(nonZero, (row, col) -> Math.abs(nonZeroWeight(row, col)));
                    magnitudes = m;
                }
            }
        }
        return m;
    }

    /** Whether the weights are held as a matrix (given as one, pruned by magnitude, or asked for). */
    boolean materialised() {
        return weights != null;
    }

    /** The magnitudes if an earlier {@link #magnitudes} call made them, else null (never makes them). */
    public NonZeroMagnitudes magnitudesIfMade() {
        return magnitudes;
    }

    /**
     * Weight (row, col). A drawn layer that is not materialised draws it on demand, after asking
     * the mask: pruned and quantized-to-zero cells (most of a pruned layer) cost no draw.
     */
    public int weight(int row, int col) {
        short[] w = weights;
        if (w != null) {
            return w[row * layer.cols() + col];
        }
        return nonZero.isSet(row, col) ? draw.value(row, col) : 0;
    }

    /**
     * Weight (row, col) of a cell the non-zero mask marks, for callers that walk the mask: as
     * {@link #weight} without asking the mask again or testing the pruning (a marked cell is kept).
     */
    public int nonZeroWeight(int row, int col) {
        short[] w = weights;
        if (w != null) {
            return w[row * layer.cols() + col];
        }
        return draw.kept(row, col);
    }

    /**
     * The input of matrix row {@code row} in window {@code window} (im2col): for a conv, row
     * (c, ky, kx) of output pixel (oy, ox) reads pixel (c, oy*stride - padding + ky, ...);
     * positions in the padding read zero. Overlapping windows read the same pixels.
     */
    public int activation(int window, int row) {
        MatrixLayer l = layer;
        if (window >= l.windows()) { // the second pass reads the second map
            return activationOf(window - l.windows(), row, (int) l.inputElements());
        }
        return activationOf(window, row, 0);
    }

    private int activationOf(int window, int row, int base) {
        MatrixLayer l = layer;
        if (l.windows() == 1 && l.kernel() == 1 && l.inHeight() == 1 && l.inWidth() == 1) {
            return inputs[base + row];
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
        return inputs[base + (c * l.inHeight() + y) * l.inWidth() + x];
    }

    /** The number of non-zero weights (after pruning and quantization). */
    public long nonZeroWeights() {
        return nonZero.count();
    }

    /** The number of non-zero input activations of the feature map. */
    public long nonZeroInputs() {
        return nonZeroInputs;
    }

    /**
     * The number of 1-bits among all input activations of the feature map: over
     * {@code nonZeroInputs() * input.bits} it is the one-bit fraction that bit-level schemes see
     * ({@code input_one_bit_fraction}).
     */
    public long inputOneBits() {
        return oneBits(inputs);
    }

    /** The number of 1-bits among unsigned input values. */
    static long oneBits(int[] inputs) {
        long ones = 0;
        for (int a : inputs) {
            ones += Integer.bitCount(a);
        }
        return ones;
    }

    /** Fraction of non-zero weights (after pruning and quantization). */
    public double weightDensity() {
        long size = (long) layer.rows() * layer.cols();
        return size == 0 ? 0 : (double) nonZero.count() / size;
    }

    /**
     * Fraction of non-zero input activations of the feature map (under sign-magnitude a value is
     * non-zero in one pass at most, so this is the fraction of non-zero values).
     */
    public double activationDensity() {
        return inputs.length == 0 ? 0 : (double) nonZeroInputs / layer.inputElements();
    }
}
