package org.sresim.engine.counting;

import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;

/**
 * Reads the inputs of a block of consecutive matrix rows for one window (im2col) without
 * per-element index arithmetic: each row's offset into the feature map is precomputed, windows
 * fully inside the map skip the bounds checks, and only border windows test for padding.
 * Gives exactly {@link LayerWorkload#activation} for every row and window.
 */
final class WindowReader {
    private final int[] inputs;
    private final MatrixLayer layer;
    private final int count;
    private final int[] offset;
    private final int[] ky;
    private final int[] kx;
    /** Windows per pass, and where the second pass's map starts (sign-magnitude inputs). */
    private final int perPass;
    private final int passOffset;

    WindowReader(LayerWorkload w, int firstRow, int count) {
        this.inputs = w.inputs();
        this.layer = w.layer();
        this.count = count;
        perPass = layer.windows();
        passOffset = (int) layer.inputElements();
        offset = new int[count];
        ky = new int[count];
        kx = new int[count];
        int k = layer.kernel();
        int area = k * k;
        for (int i = 0; i < count; i++) {
            int row = firstRow + i;
            int c = row / area;
            int rem = row - c * area;
            ky[i] = rem / k;
            kx[i] = rem - ky[i] * k;
            offset[i] = (c * layer.inHeight() + ky[i]) * layer.inWidth() + kx[i];
        }
    }

    void read(int window, int[] out) {
        int pass = 0;
        if (window >= perPass) {
            window -= perPass;
            pass = passOffset;
        }
        int oy = window / layer.outWidth();
        int ox = window - oy * layer.outWidth();
        int y0 = oy * layer.stride() - layer.padding();
        int x0 = ox * layer.stride() - layer.padding();
        int h = layer.inHeight();
        int wd = layer.inWidth();
        int k = layer.kernel();
        int base = pass + y0 * wd + x0;
        if (y0 >= 0 && x0 >= 0 && y0 + k <= h && x0 + k <= wd) {
            for (int i = 0; i < count; i++) {
                out[i] = inputs[base + offset[i]];
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            int y = y0 + ky[i];
            int x = x0 + kx[i];
            out[i] = y < 0 || x < 0 || y >= h || x >= wd ? 0 : inputs[base + offset[i]];
        }
    }
}
