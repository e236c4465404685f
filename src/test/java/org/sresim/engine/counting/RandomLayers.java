package org.sresim.engine.counting;

import java.util.SplittableRandom;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerType;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;

/** Small random layers and chips for property tests, drawn from one seed; public for the accuracy tests. */
public final class RandomLayers {
    public final Hardware hw;
    public final LayerWorkload workload;

    private RandomLayers(Hardware hw, LayerWorkload workload) {
        this.hw = hw;
        this.workload = workload;
    }

    /**
     * A random chip (crossbars 8..80 x 8..48, OU sizes that do and do not divide them, 1- and 2-bit
     * cells, 1- or 2-bit DACs) and a random conv or fc layer with random weight and activation
     * densities.
     */
    public static RandomLayers draw(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int cellBits = 1 + r.nextInt(2);
        int weightBits = 4 + r.nextInt(13);
        if (cellBits > weightBits) {
            cellBits = 1;
        }
        int inputBits = 2 + r.nextInt(7);
        int dacBits = 1 + r.nextInt(Math.min(2, inputBits));
        int xbRows = 8 + r.nextInt(73);
        int xbCols = 8 + r.nextInt(41);
        int ouRows = 1 + r.nextInt(xbRows);
        int ouCols = 1 + r.nextInt(Math.min(xbCols, 16));
        Hardware hw = new Hardware(xbRows, xbCols, cellBits, weightBits, inputBits, dacBits, ouRows, ouCols,
                Hardware.losslessAdcBits(ouRows, cellBits, dacBits), 6.25, 100, 8, 1_000_000, 1);
        MatrixLayer layer;
        if (r.nextBoolean()) {
            int k = 1 + r.nextInt(3);
            int cin = 1 + r.nextInt(6);
            int h = k + r.nextInt(5);
            int stride = 1 + r.nextInt(2);
            int pad = r.nextInt(2);
            int out = (h + 2 * pad - k) / stride + 1;
            layer = new MatrixLayer(0, "c", LayerType.CONV, cin, h, h, k, stride, pad, 1 + r.nextInt(8), out, out,
                    null, null);
        } else {
            layer = new MatrixLayer(0, "f", LayerType.FC, 1 + r.nextInt(150), 1, 1, 1, 1, 0, 1 + r.nextInt(10),
                    1, 1, null, null);
        }
        return new RandomLayers(hw, randomData(layer, hw, r.nextDouble(), r.nextDouble(), r));
    }

    static LayerWorkload randomData(MatrixLayer layer, Hardware hw, double weightDensity, double inputDensity,
                                    SplittableRandom r) {
        short[] w = new short[layer.rows() * layer.cols()];
        int maxW = hw.maxWeightMagnitude();
        for (int i = 0; i < w.length; i++) {
            if (r.nextDouble() < weightDensity) {
                // mostly small magnitudes, so high-order slices are often zero as in real networks
                int magnitude = 1 + (r.nextBoolean() ? r.nextInt(Math.min(maxW, 7)) : r.nextInt(maxW));
                w[i] = (short) (r.nextBoolean() ? magnitude : -magnitude);
            }
        }
        int[] in = new int[(int) layer.inputElements()];
        for (int i = 0; i < in.length; i++) {
            if (r.nextDouble() < inputDensity) {
                in[i] = 1 + (int) r.nextLong(hw.maxInput());
            }
        }
        return new LayerWorkload(layer, w, in);
    }

    /** {@code hw} at OU height {@code ouRows}, as counting sees it ({@link OuHeights}). */
    public static Hardware withOuRows(Hardware hw, int ouRows) {
        return OuHeights.withOuRows(hw, ouRows);
    }
}
