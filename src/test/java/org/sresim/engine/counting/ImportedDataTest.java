package org.sresim.engine.counting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sresim.config.ConfigLoader;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerSpec;
import org.sresim.workload.LayerType;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;
import org.sresim.workload.Npy;
import org.sresim.workload.NpyWriter;
import org.sresim.workload.WorkloadException;
import org.sresim.workload.WorkloadSettings;
import org.sresim.workload.WorkloadSource;

/** Real data in PyTorch layout gives exactly the counts of the same matrix built by hand. */
class ImportedDataTest {
    @TempDir
    Path dir;

    final Network net = new Network("imp", List.of(3, 7, 7),
            List.of(new LayerSpec("conv", LayerType.CONV, 5, 3, 2, 1, null, null, null)));
    final MatrixLayer layer = net.matrixLayers().get(0);
    final WorkloadSettings settings = WorkloadSettings.from(ConfigLoader.defaults());

    @Test
    void pytorchLayoutMapsToRowsCKyKxAndColumnsFilters() {
        SplittableRandom r = new SplittableRandom(3);
        int cout = 5;
        int cin = 3;
        int k = 3;
        long[] w = new long[cout * cin * k * k];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextInt(3) == 0 ? 0 : r.nextInt(-3000, 3000);
        }
        long[] in = new long[3 * 7 * 7];
        for (int i = 0; i < in.length; i++) {
            in[i] = r.nextBoolean() ? 0 : r.nextInt(1, 65536);
        }
        NpyWriter.write(dir.resolve("conv.weight.npy"), Npy.NpyArray.ofInts("<i2", new int[] {cout, cin, k, k}, w));
        NpyWriter.write(dir.resolve("conv.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {3, 7, 7}, in));
        LayerWorkload imported = WorkloadSource.imported(dir, settings).load(layer);

        // the same matrix, written out by hand: row (c, ky, kx), column = filter
        short[] matrix = new short[layer.rows() * layer.cols()];
        for (int f = 0; f < cout; f++) {
            for (int c = 0; c < cin; c++) {
                for (int ky = 0; ky < k; ky++) {
                    for (int kx = 0; kx < k; kx++) {
                        int row = (c * k + ky) * k + kx;
                        matrix[row * cout + f] = (short) w[((f * cin + c) * k + ky) * k + kx];
                    }
                }
            }
        }
        int[] inputs = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            inputs[i] = (int) in[i];
        }
        LayerWorkload byHand = new LayerWorkload(layer, matrix, inputs);
        assertThat(imported.weights()).isEqualTo(matrix);
        assertThat(imported.inputs()).isEqualTo(inputs);
        Hardware hw = Hardware.from(ConfigLoader.defaults());
        assertThat(new BitsetCounter().count(imported, hw)).isEqualTo(new ReferenceCounter().count(byHand, hw));
        // window (oy=1, ox=2) of a stride-2 pad-1 conv reads pixel (c, 2*1-1+ky, 2*2-1+kx)
        assertThat(byHand.activation(4 + 2, (1 * k + 2) * k + 0)).isEqualTo(inputs[(1 * 7 + 3) * 7 + 3]);
    }

    @Test
    void floatWeightsAreQuantizedByTheLargestMagnitude() {
        double[] w = new double[5 * 3 * 3 * 3];
        w[0] = 0.5;
        w[1] = -1.0;
        w[2] = 0.25;
        NpyWriter.write(dir.resolve("conv.weight.npy"), Npy.NpyArray.ofFloats("<f4", new int[] {5, 3, 3, 3}, w));
        LayerWorkload imported = WorkloadSource.imported(dir, settings).load(layer);
        // flat index 0,1,2 = filter 0, channel 0, ky 0, kx 0..2 = rows 0..2 of column 0
        assertThat(imported.weight(0, 0)).isEqualTo(16384); // round(0.5 * 32767)
        assertThat(imported.weight(1, 0)).isEqualTo(-32767);
        assertThat(imported.weight(2, 0)).isEqualTo(8192);
        assertThat(imported.weightDensity()).isEqualTo(3.0 / w.length);
    }

    @Test
    void badFilesNameTheLayerFileAndShapes() {
        NpyWriter.write(dir.resolve("conv.weight.npy"), Npy.NpyArray.ofInts("<i2", new int[] {5, 3, 3}, new long[45]));
        assertThatThrownBy(() -> WorkloadSource.imported(dir, settings).load(layer))
                .isInstanceOf(WorkloadException.class)
                .hasMessageContaining("conv.weight.npy").hasMessageContaining("'conv'")
                .hasMessageContaining("[5, 3, 3, 3]").hasMessageContaining("[5, 3, 3]");
        long[] big = new long[135];
        big[7] = 40000;
        NpyWriter.write(dir.resolve("conv.weight.npy"), Npy.NpyArray.ofInts("<i4", new int[] {5, 3, 3, 3}, big));
        assertThatThrownBy(() -> WorkloadSource.imported(dir, settings).load(layer))
                .hasMessageContaining("40000").hasMessageContaining("16-bit");
        NpyWriter.write(dir.resolve("conv.weight.npy"), Npy.NpyArray.ofInts("<i4", new int[] {5, 3, 3, 3}, new long[135]));
        long[] negative = new long[147];
        negative[3] = 70000; // beyond 16 unsigned bits
        NpyWriter.write(dir.resolve("conv.input.npy"), Npy.NpyArray.ofInts("<i4", new int[] {3, 7, 7}, negative));
        assertThatThrownBy(() -> WorkloadSource.imported(dir, settings).load(layer))
                .hasMessageContaining("conv.input.npy").hasMessageContaining("70000");
    }

    @Test
    void aMissingWeightFileIsAnError() {
        assertThatThrownBy(() -> WorkloadSource.imported(dir, settings).load(layer))
                .isInstanceOf(WorkloadException.class).hasMessageContaining(dir.toString()).hasMessageContaining("no .npy files");
        NpyWriter.write(dir.resolve("other.weight.npy"), Npy.NpyArray.ofInts("<i2", new int[] {1}, new long[1]));
        assertThatThrownBy(() -> WorkloadSource.imported(dir, settings).load(layer))
                .isInstanceOf(WorkloadException.class).hasMessageContaining("conv.weight.npy").hasMessageContaining("missing");
    }
}
