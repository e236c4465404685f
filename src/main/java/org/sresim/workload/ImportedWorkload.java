package org.sresim.workload;

import java.util.Arrays;

/**
 * A real model's data (model section 3.4), from a {@link ModelData}: {@code <layer>.weight} in
 * PyTorch layout (conv [Cout, Cin, kh, kw], fc [out, in]) and optionally {@code <layer>.input}
 * (conv [Cin, H, W], fc [in]), or a batch of inputs with a leading batch dimension ([B, Cin, H, W],
 * [B, in]): sample {@code b} is one inference. Float arrays are quantized like synthetic data (a
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
            int[] all = inputs(a, data.where(inputEntry), layer, s);
            int per = (int) layer.inputElements();
            int b = batch(a, layer) == 0 ? 0 : sample;
            inputs = Arrays.copyOfRange(all, b * per, (b + 1) * per);
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

    private static int[] inputShape(MatrixLayer layer) {
        return layer.type() == LayerType.CONV
                ? new int[] {layer.inChannels(), layer.inHeight(), layer.inWidth()}
                : new int[] {layer.rows()};
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

    /** All samples' inputs, quantized, sample after sample. */
    static int[] inputs(Npy.NpyArray a, String file, MatrixLayer layer, WorkloadSettings s) {
        if (batch(a, layer) == 0) {
            checkShape(a, inputShape(layer), file, layer);
        }
        long max = s.maxInput();
        int[] out = new int[(int) a.size()];
        if (a.isInteger()) {
            long[] v = a.ints();
            for (int i = 0; i < v.length; i++) {
                if (v[i] < 0 || v[i] > max) {
                    throw new WorkloadException(file + ": input " + v[i] + " at flat index " + i
                            + " is outside the unsigned " + s.inputBits() + "-bit range [0, " + max + "]");
                }
                out[i] = (int) v[i];
            }
        } else {
            double[] v = a.floats();
            double min = Double.POSITIVE_INFINITY;
            for (double x : v) {
                checkFinite(x, file);
                min = Math.min(min, x);
            }
            double offset = min < 0 ? -min : 0; // a normalised image: shift so its minimum is zero
            double largest = 0;
            for (double x : v) {
                largest = Math.max(largest, x + offset);
            }
            double scale = largest == 0 ? 0 : max / largest;
            for (int i = 0; i < v.length; i++) {
                out[i] = (int) Math.round((v[i] + offset) * scale);
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
