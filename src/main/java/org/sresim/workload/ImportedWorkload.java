package org.sresim.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A real model's data (model section 3.4): {@code <layer>.weight.npy} in PyTorch layout (conv
 * [Cout, Cin, kh, kw], fc [out, in]) and optionally {@code <layer>.input.npy} (conv [Cin, H, W],
 * fc [in]). Float arrays are quantized like synthetic data; integer arrays are used as they are
 * after a range check. Zeros in the files are the pruning mask: no further pruning is applied.
 * A layer without an input file gets synthetic activations.
 */
public final class ImportedWorkload {
    private ImportedWorkload() {
    }

    public static LayerWorkload load(Path dir, MatrixLayer layer, WorkloadSettings s) {
        Path weightFile = dir.resolve(layer.name() + ".weight.npy");
        if (!Files.isRegularFile(weightFile)) {
            throw new WorkloadException(weightFile + ": missing (layer '" + layer.name()
                    + "' needs its weights when --data is given)");
        }
        short[] weights = weights(Npy.read(weightFile), weightFile, layer, s);
        Path inputFile = dir.resolve(layer.name() + ".input.npy");
        int[] inputs = Files.isRegularFile(inputFile)
                ? inputs(Npy.read(inputFile), inputFile, layer, s)
                : SyntheticWorkload.activations(layer, s);
        return new LayerWorkload(layer, weights, inputs);
    }

    static short[] weights(Npy.NpyArray a, Path file, MatrixLayer layer, WorkloadSettings s) {
        int n = layer.cols();
        int k = layer.rows();
        int[] expected = layer.type() == LayerType.CONV
                ? new int[] {n, layer.inChannels(), layer.kernel(), layer.kernel()}
                : new int[] {n, k};
        checkShape(a, expected, file, layer);
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

    static int[] inputs(Npy.NpyArray a, Path file, MatrixLayer layer, WorkloadSettings s) {
        int[] expected = layer.type() == LayerType.CONV
                ? new int[] {layer.inChannels(), layer.inHeight(), layer.inWidth()}
                : new int[] {layer.rows()};
        checkShape(a, expected, file, layer);
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

    private static void checkShape(Npy.NpyArray a, int[] expected, Path file, MatrixLayer layer) {
        if (!Arrays.equals(a.shape(), expected)) {
            throw new WorkloadException(file + ": layer '" + layer.name() + "' expects shape "
                    + Arrays.toString(expected) + " but the file holds " + a.shapeString());
        }
    }

    private static void checkFinite(double x, Path file) {
        if (!Double.isFinite(x)) {
            throw new WorkloadException(file + ": holds a non-finite value (" + x + ")");
        }
    }
}
