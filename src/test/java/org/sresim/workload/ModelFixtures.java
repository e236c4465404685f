package org.sresim.workload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sresim.workload.Npy.NpyArray;

/**
 * A tiny two-layer fc network (8 -> 6 -> 4) and model data in the export layout, written by the
 * test writer: {@code fc1.weight [6, 8]}, {@code fc2.weight [4, 6]} and inputs with a batch of
 * {@code batch} samples ({@code [B, 8]}, {@code [B, 6]}; no batch dimension when {@code batch} is 1).
 */
public final class ModelFixtures {
    private ModelFixtures() {
    }

    public static Path writeNetwork(Path file) throws IOException {
        return Files.writeString(file, """
                name: tiny
                input: [8]
                layers:
                  - {name: fc1, type: fc, out: 6}
                  - {name: fc2, type: fc, out: 4}
                """);
    }

    /** Weights: every third is zero, others (i % 7) - 3 or so; inputs vary with the sample and {@code salt}. */
    public static Path writeFolder(Path folder, int batch, int salt) throws IOException {
        Files.createDirectories(folder);
        NpyWriter.write(folder.resolve("fc1.weight.npy"), NpyArray.ofFloats("<f4", new int[] {6, 8}, weights(48, salt)));
        NpyWriter.write(folder.resolve("fc2.weight.npy"), NpyArray.ofInts("<i2", new int[] {4, 6}, ints(24, salt)));
        NpyWriter.write(folder.resolve("fc1.input.npy"), input(8, batch, salt));
        NpyWriter.write(folder.resolve("fc2.input.npy"), input(6, batch, salt + 1));
        return folder;
    }

    static double[] weights(int n, int salt) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 3 == 0 ? 0 : ((i * salt) % 7 - 3) * 0.25;
        }
        return w;
    }

    static long[] ints(int n, int salt) {
        long[] w = new long[n];
        for (int i = 0; i < n; i++) {
            w[i] = i % 3 == 0 ? 0 : (i * salt) % 9 - 4;
        }
        return w;
    }

    static NpyArray input(int features, int batch, int salt) {
        long[] v = new long[features * batch];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i + salt) % 4 == 0 ? 0 : (i * 37L + salt * 11L) % 1000;
        }
        int[] shape = batch == 1 ? new int[] {features} : new int[] {batch, features};
        return NpyArray.ofInts("<i4", shape, v);
    }

    // input [2, 6, 6]: c1 (4 filters 3x3) -> 4x4x4, p1 (2/2) -> 4x2x2, f1 flattens 16 -> 5
    public static final String KNOWN_NETWORK = """
            name: known
            input: [2, 6, 6]
            layers:
              - {name: c1, type: conv, out: 4, kernel: 3}
              - {name: p1, type: pool, kernel: 2, stride: 2}
              - {name: f1, type: fc, out: 5}
            """;

    /**
     * A model whose fractions are known by construction. c1 (K = 18 rows (c, ky, kx), N = 4): filter
     * 2 all zero, rows 0 and 5 zero in every filter, and rows 1-3 of filter 0: 18 + 2 x 3 + 3 = 27 of
     * 72 zero. Its input (2 samples x 72) cycles 0, 1, 3, 0xFFFF: 36 zeros, and 36 x (1 + 2 + 16)
     * ones among 108 non-zero values. f1 (K = 16, N = 5): inputs 0, 4, 8, 12 have zero weights in
     * every output; input is 5 (two 1-bits) except the first feature of each sample.
     */
    public static Path writeKnownModel(Path folder) throws IOException {
        Files.createDirectories(folder);
        double[] w1 = new double[4 * 18];
        for (int o = 0; o < 4; o++) {
            for (int r = 0; r < 18; r++) {
                boolean zero = o == 2 || r == 0 || r == 5 || (o == 0 && r >= 1 && r <= 3);
                w1[o * 18 + r] = zero ? 0 : ((o + r) % 5 + 1) * ((o * r) % 2 == 0 ? -0.5 : 0.5);
            }
        }
        NpyWriter.write(folder.resolve("c1.weight.npy"), NpyArray.ofFloats("<f4", new int[] {4, 2, 3, 3}, w1));
        long[] in1 = new long[2 * 72];
        long[] cycle = {0, 1, 3, 0xFFFF};
        for (int i = 0; i < in1.length; i++) {
            in1[i] = cycle[i % 4];
        }
        NpyWriter.write(folder.resolve("c1.input.npy"), NpyArray.ofInts("<u2", new int[] {2, 2, 6, 6}, in1));
        long[] w2 = new long[5 * 16];
        for (int i = 0; i < w2.length; i++) {
            w2[i] = i % 4 == 0 ? 0 : (i % 7) - 3 == 0 ? 2 : (i % 7) - 3;
        }
        NpyWriter.write(folder.resolve("f1.weight.npy"), NpyArray.ofInts("<i2", new int[] {5, 16}, w2));
        long[] in2 = new long[2 * 16];
        for (int i = 0; i < in2.length; i++) {
            in2[i] = i % 16 == 0 ? 0 : 5;
        }
        NpyWriter.write(folder.resolve("f1.input.npy"), NpyArray.ofInts("<u2", new int[] {2, 16}, in2));
        return folder;
    }

}
