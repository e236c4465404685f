package org.sresim.workload;

/**
 * A conv or fc layer after shape inference: the weight matrix the engine maps onto crossbars.
 *
 * <p>A conv layer is the matrix {@code K x N} with {@code K = inChannels*kernel*kernel} rows and
 * {@code N = outChannels} columns, applied to {@code V = outHeight*outWidth} input windows. An fc layer
 * flattens its input: it is stored with {@code inChannels} = the number of input features,
 * {@code inHeight = inWidth = 1}, {@code kernel = stride = 1}, {@code padding = 0} and
 * {@code outHeight = outWidth = 1}, so the same formulas give {@code K = features}, {@code V = 1}. A linear
 * layer over T tokens of F features is a 1x1 convolution over an F x 1 x T map: {@code K = F}, {@code V = T}.
 *
 * @param index              0-based position among the conv and fc layers of the network
 * @param pruningRatio       per-layer override from the network file, null = use the global configuration
 * @param activationSparsity per-layer override from the network file, null = use the global configuration
 * @param pruningProfile     published per-layer sparsity from the network file, null = none
 * @param activationDraw     per-layer scale and draw of synthetic activations from the network file, null = none
 * @param hardware           the layer's own OU shape and ADC resolution from the network file, null = the chip's
 */
public record MatrixLayer(int index, String name, LayerType type, int inChannels, int inHeight, int inWidth,
                          int kernel, int stride, int padding, int outChannels, int outHeight, int outWidth,
                          Double pruningRatio, Double activationSparsity, PruningProfile pruningProfile,
                          ActivationDraw activationDraw, LayerHardware hardware) {

    /** A layer with neither per-layer activation draws nor its own hardware. */
    public MatrixLayer(int index, String name, LayerType type, int inChannels, int inHeight, int inWidth,
                       int kernel, int stride, int padding, int outChannels, int outHeight, int outWidth,
                       Double pruningRatio, Double activationSparsity, PruningProfile pruningProfile) {
        this(index, name, type, inChannels, inHeight, inWidth, kernel, stride, padding, outChannels, outHeight,
                outWidth, pruningRatio, activationSparsity, pruningProfile, null, null);
    }

    /** A layer without a published pruning profile. */
    public MatrixLayer(int index, String name, LayerType type, int inChannels, int inHeight, int inWidth,
                       int kernel, int stride, int padding, int outChannels, int outHeight, int outWidth,
                       Double pruningRatio, Double activationSparsity) {
        this(index, name, type, inChannels, inHeight, inWidth, kernel, stride, padding, outChannels, outHeight,
                outWidth, pruningRatio, activationSparsity, null, null, null);
    }

    public MatrixLayer {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("matrix layer " + index + " has no name");
        }
        if (type == null || !type.isMatrix()) {
            throw new IllegalArgumentException("layer '" + name + "': a matrix layer must be conv, fc or linear, got "
                    + type);
        }
        if (inChannels < 1 || inHeight < 1 || inWidth < 1 || kernel < 1 || stride < 1 || padding < 0
                || outChannels < 1 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("layer '" + name + "': sizes must be positive (padding >= 0): in "
                    + inChannels + "x" + inHeight + "x" + inWidth + ", kernel " + kernel + ", stride " + stride
                    + ", padding " + padding + ", out " + outChannels + "x" + outHeight + "x" + outWidth);
        }
        if (type == LayerType.FC && (inHeight != 1 || inWidth != 1 || kernel != 1 || stride != 1 || padding != 0
                || outHeight != 1 || outWidth != 1)) {
            throw new IllegalArgumentException("layer '" + name + "': an fc matrix layer must have"
                    + " inHeight = inWidth = kernel = stride = outHeight = outWidth = 1 and padding 0");
        }
        if (type == LayerType.LINEAR && (inHeight != 1 || kernel != 1 || stride != 1 || padding != 0
                || outHeight != 1 || outWidth != inWidth)) {
            throw new IllegalArgumentException("layer '" + name + "': a linear matrix layer is a 1x1 convolution over"
                    + " a features x 1 x tokens map");
        }
        if ((long) inChannels * kernel * kernel > Integer.MAX_VALUE
                || (long) outHeight * outWidth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer '" + name + "': matrix too large");
        }
    }

    /** K: the number of matrix rows (inChannels*kernel*kernel for conv; the flattened input size for fc). */
    public int rows() {
        return inChannels * kernel * kernel;
    }

    /** N: the number of matrix columns, i.e. the output channels or features. */
    public int cols() {
        return outChannels;
    }

    /** V: the number of input windows (matrix-vector products) per inference; 1 for fc. */
    public int windows() {
        return outHeight * outWidth;
    }

    /** The number of input activations this layer reads. */
    public long inputElements() {
        return (long) inChannels * inHeight * inWidth;
    }

    /** The multiply-accumulates per inference: rows*cols*windows. */
    public long macs() {
        return (long) rows() * cols() * windows();
    }
}
