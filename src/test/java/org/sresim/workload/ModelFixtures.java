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
}
