package org.sresim.workload;

import java.util.Arrays;

/**
 * A real model's data (model section 3.4), from a {@link ModelData}: {@code <layer>.weight} in
 * PyTorch layout (conv [Cout, Cin, kh, kw], fc and linear [out, in]) and optionally {@code <layer>.input}
 * (conv [Cin, H, W], fc [in], linear [tokens, in]), or a batch of inputs with a leading batch dimension
 * ([B, Cin, H, W], [B, in], [B, tokens, in]): sample {@code b} is one inference. Float arrays are quantized like synthetic data (a
 * batch with one scale, so samples stay comparable); integer and bool arrays are used as they are
 * after a range check. Zeros in the files are the pruning mask: no further pruning is applied. A
 * layer without an input gets synthetic activations.
 */
public final class ImportedWorkload {
    private ImportedWorkload() {
    }

    /** The single inference of un-batched data, or the first sample of a batch. */
    public static LayerWorkload load(ModelData data, MatrixLayer layer, WorkloadSettings s) {
        return load(data, layer, s, 0);
    }

    /** Sample {@code sample} of the data's batch (un-batched inputs serve every sample). */
    public static LayerWorkload load(ModelData data, MatrixLayer layer, WorkloadSettings s, int sample) {
        String weightEntry = layer.name() + ".weight";
        if (!data.has(weightEntry)) {
            throw new WorkloadException(data.where(weightEntry) + ": missing (layer '" + layer.name()
                    + "' needs its weights when data is given)");
        }
        short[] weights = weights(data.read(weightEntry), data.where(weightEntry), layer, s);
        String inputEntry = layer.name() + ".input";
        int[] inputs;
        if (data.has(inputEntry)) {
            Npy.NpyArray a = data.read(inputEntry);
            Quantized q = quantized(a, data.where(inputEntry), layer, s);
            inputs = q.fed(batch(a, layer) == 0 ? 0 : sample, layer, s);
        } else {
            inputs = SyntheticWorkload.activations(layer, s);
        }
        return new LayerWorkload(layer, weights, inputs);
    }

    /**
     * Checks the data against a network without quantizing anything: every layer has weights of
     * its shape, inputs (if any) of its shape with or without one batch dimension, batches agree,
     * and no entry names a layer the network lacks. Returns the number of samples (1 without
     * batches). Messages name the file and the layer.
     */
    public static int check(ModelData data, Network network) {
        java.util.Set<String> known = new java.util.HashSet<>();
        int samples = 0;
        String batchSource = null;
        for (MatrixLayer layer : network.matrixLayers()) {
            String w = layer.name() + ".weight";
            String in = layer.name() + ".input";
            known.add(w);
            known.add(in);
            if (!data.has(w)) {
                throw new WorkloadException(data.where(w) + ": missing (layer '" + layer.name()
                        + "' of network '" + network.name() + "' needs its weights)");
            }
            checkShape(data.read(w), weightShape(layer), data.where(w), layer);
            if (data.has(in)) {
                Npy.NpyArray a = data.read(in);
                int b = batch(a, layer);
                if (b == 0 && !Arrays.equals(a.shape(), inputShape(layer))) {
                    checkShape(a, inputShape(layer), data.where(in), layer); // throws
                }
                if (b > 0) {
                    if (samples > 0 && b != samples) {
                        throw new WorkloadException(data.where(in) + ": batch of " + b + " samples, but "
                                + batchSource + " holds " + samples);
                    }
                    samples = b;
                    batchSource = data.where(in);
                }
            }
        }
        for (String entry : data.entries()) {
            if (!known.contains(entry)) {
                throw new WorkloadException(data.where(entry) + ": network '" + network.name()
                        + "' has no layer '" + entry.substring(0, entry.lastIndexOf('.')) + "'");
            }
        }
        return Math.max(samples, 1);
    }

    /** The batch size of an input array with a leading batch dimension, 0 for an un-batched input. */
    static int batch(Npy.NpyArray a, MatrixLayer layer) {
        int[] shape = a.shape();
        int[] one = inputShape(layer);
        if (shape.length == one.length + 1 && shape[0] > 0
                && Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), one)) {
            return shape[0];
        }
        return 0;
    }

    private static int[] weightShape(MatrixLayer layer) {
        return layer.type() == LayerType.CONV
                ? new int[] {layer.cols(), layer.inChannels(), layer.kernel(), layer.kernel()}
                : new int[] {layer.cols(), layer.rows()};
    }

    /** Conv [Cin, H, W], fc [in], linear [tokens, in] (PyTorch's nn.Linear input, batch dimension aside). */
    private static int[] inputShape(MatrixLayer layer) {
        return switch (layer.type()) {
            case CONV -> new int[] {layer.inChannels(), layer.inHeight(), layer.inWidth()};
            case LINEAR -> new int[] {layer.inWidth(), layer.inChannels()};
            default -> new int[] {layer.rows()};
        };
    }

    static short[] weights(Npy.NpyArray a, String file, MatrixLayer layer, WorkloadSettings s) {
        int n = layer.cols();
        int k = layer.rows();
        checkShape(a, weightShape(layer), file, layer);
        int max = s.maxWeightMagnitude();
        short[] w = new short[k * n];
        if (a.isInteger()) {
            long[] v = a.ints();
            for (int i = 0; i < v.length; i++) {
                if (Math.abs(v[i]) > max) {
                    throw new WorkloadException(file + ": weight " + v[i] + " at flat index " + i
                            + " is outside the signed " + s.weightBits() + "-bit range [-" + max + ", " + max + "]");
                }
                // file index i = (out, in...) = n-major; matrix index = row-major (k, n)
                w[(i % k) * n + i / k] = (short) v[i];
            }
        } else {
            double[] v = a.floats();
            double largest = 0;
            for (double x : v) {
                checkFinite(x, file);
                largest = Math.max(largest, Math.abs(x));
            }
            double scale = largest == 0 ? 0 : max / largest;
            for (int i = 0; i < v.length; i++) {
                w[(i % k) * n + i / k] = (short) Math.round(v[i] * scale);
            }
        }
        return w;
    }

    /** All samples' inputs, quantized and fed, sample after sample (two maps per sample in two passes). */
    static int[] inputs(Npy.NpyArray a, String file, MatrixLayer layer, WorkloadSettings s) {
        Quantized q = quantized(a, file, layer, s);
        int per = (int) layer.inputElements();
        int samples = q.values().length / per;
        int[] out = new int[samples * per * s.inputEncoding().passes(q.fedSigned())];
        for (int b = 0; b < samples; b++) {
            int[] fed = q.fed(b, layer, s);
            System.arraycopy(fed, 0, out, b * fed.length, fed.length);
        }
        return out;
    }

    /**
     * Every sample's inputs quantized, in the file's layout: an array without negative values as
     * unsigned values (integers as they are, floats scaled so the largest of the whole batch is the
     * top of the range); an array with negative values, under {@code offset}, shifted by the batch's
     * minimum first (today's rule for a normalised image), else signed within +-(2^(input.bits-1) - 1).
     * The scale and the minimum are the batch's, so one sample's values depend on the others.
     *
     * @param fedSigned whether the values are signed and fed by the encoding (not offset)
     */
    record Quantized(int[] values, boolean fedSigned) {

        /** Sample {@code b} in the layer's layout (a linear layer's [tokens, features] become its map), fed. */
        int[] fed(int b, MatrixLayer layer, WorkloadSettings s) {
            int per = (int) layer.inputElements();
            int[] one = Arrays.copyOfRange(values, b * per, (b + 1) * per);
            if (layer.type() == LayerType.LINEAR) {
                one = tokensToMap(one, layer.inWidth(), layer.inChannels());
            }
            return fedSigned ? s.inputEncoding().feed(one, s.inputBits(), true) : one;
        }
    }

    static Quantized quantized(Npy.NpyArray a, String file, MatrixLayer layer, WorkloadSettings s) {
        if (batch(a, layer) == 0) {
            checkShape(a, inputShape(layer), file, layer);
        }
        double min = a.isInteger() ? min(a.ints()) : minFinite(a.floats(), file);
        boolean signed = min < 0;
        boolean offset = signed && s.inputEncoding() == InputEncoding.OFFSET;
        int[] values = a.isInteger() ? integers(a.ints(), file, s, signed, offset ? (long) -min : 0)
                : floats(a.floats(), s, signed, offset ? -min : 0);
        return new Quantized(values, signed && !offset);
    }

    private static long min(long[] v) {
        long min = Long.MAX_VALUE;
        for (long x : v) {
            min = Math.min(min, x);
        }
        return v.length == 0 ? 0 : min;
    }

    private static double minFinite(double[] v, String file) {
        double min = 0;
        for (double x : v) {
            checkFinite(x, file);
            min = Math.min(min, x);
        }
        return min;
    }

    /** Integer inputs shifted by {@code shift} (the offset, or 0), range-checked. */
    private static int[] integers(long[] v, String file, WorkloadSettings s, boolean signed, long shift) {
        boolean offset = shift != 0;
        long max = s.maxInput(signed && !offset);
        long low = signed && !offset ? -max : 0;
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            long x = v[i] + shift;
            if (x < low || x > max) {
                throw new WorkloadException(file + ": input " + v[i] + " at flat index " + i + " is outside the "
                        + (low < 0 ? "signed" : "unsigned") + " " + s.inputBits() + "-bit range [" + low + ", " + max
                        + "]" + (offset ? " after the offset of " + shift + " (input.encoding: offset)" : ""));
            }
            out[i] = (int) x;
        }
        return out;
    }

    /** Float inputs shifted by {@code shift} (a normalised image's offset, or 0), scaled to the range. */
    private static int[] floats(double[] v, WorkloadSettings s, boolean signed, double shift) {
        boolean offset = shift != 0;
        double largest = 0;
        for (double x : v) {
            largest = Math.max(largest, Math.abs(x + shift));
        }
        long max = s.maxInput(signed && !offset);
        double scale = largest == 0 ? 0 : max / largest;
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (int) Math.round((v[i] + shift) * scale);
        }
        return out;
    }

    /** Each sample's [tokens, features] values as the features x tokens map a linear layer convolves. */
    /** One sample's [tokens, features] as the features x tokens map. */
    private static int[] tokensToMap(int[] values, int tokens, int features) {
        int[] out = new int[values.length];
        for (int t = 0; t < tokens; t++) {
            for (int f = 0; f < features; f++) {
                out[f * tokens + t] = values[t * features + f];
            }
        }
        return out;
    }

    private static void checkShape(Npy.NpyArray a, int[] expected, String file, MatrixLayer layer) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new WorkloadException(file + ": layer '" + layer.name() + "' expects shape "
                    + Arrays.toString(expected) + " but the file holds " + a.shapeString());
        }
    }

    private static void checkFinite(double x, String file) {
        if (!Double.isFinite(x)) {
            throw new WorkloadException(file + ": holds a non-finite value (" + x + ")");
        }
    }
}
