package org.sresim.engine.counting;

import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;

/**
 * How one layer's K x (N * cellsPerWeight) cell matrix is tiled onto crossbars (model section 4).
 * Weight column n occupies physical columns n*cpw .. n*cpw+cpw-1, slice j holding bits
 * [j*cellBits, (j+1)*cellBits) of |w|. Tile (rb, cb) is its own crossbar; its columns are cut
 * into OU column groups of ou.cols (the last one of a crossbar may be narrower). Public for the
 * accuracy proxies, which walk the same tiles and groups, and for the area model's index width.
 */
public final class LayerMapping {
    final int rows;
    final int physicalCols;
    final int rowBlocks;
    public final int colBlocks;
    private final Hardware hw;
    private final int weightCols;
    private final int cpw;
    private final int levelMask;

    public LayerMapping(MatrixLayer layer, Hardware hw) {
        this.hw = hw;
        this.rows = layer.rows();
        this.weightCols = layer.cols();
        this.cpw = hw.cellsPerWeight();
        this.physicalCols = Math.multiplyExact(weightCols, cpw);
        this.rowBlocks = ceilDiv(rows, hw.crossbarRows());
        this.colBlocks = ceilDiv(physicalCols, hw.crossbarCols());
        this.levelMask = (1 << hw.cellBits()) - 1;
    }

    public int tiles() {
        return rowBlocks * colBlocks;
    }

    int tile(int rb, int cb) {
        return rb * colBlocks + cb;
    }

    public int rowsIn(int rb) {
        return Math.min(hw.crossbarRows(), rows - rb * hw.crossbarRows());
    }

    public int colsIn(int cb) {
        return Math.min(hw.crossbarCols(), physicalCols - cb * hw.crossbarCols());
    }

    public int groups(int cb) {
        return ceilDiv(colsIn(cb), hw.ouCols());
    }

    public int groupWidth(int cb, int g) {
        return Math.min(hw.ouCols(), colsIn(cb) - g * hw.ouCols());
    }

    /** First physical column of group g of column block cb. */
    public int groupStart(int cb, int g) {
        return cb * hw.crossbarCols() + g * hw.ouCols();
    }

    public int firstRow(int rb) {
        return rb * hw.crossbarRows();
    }

    /**
     * Whether every OU column group holds whole weights (all cpw slices of each of its weights),
     * so a row survives compression in a group exactly when one of the group's weights is non-zero.
     */
    boolean wholeWeightGroups() {
        return hw.ouCols() % cpw == 0 && hw.crossbarCols() % cpw == 0;
    }

    /**
     * The level (0 .. 2^cellBits - 1) stored in the cell at matrix row k, physical column p.
     * Callers read a row's cells in column order, so the cpw cells of one weight come one after
     * another: the last weight read is kept, and a drawn layer draws each weight once, not cpw
     * times. (This one-entry memo is the mapping's only state; mappings are method-local.)
     */
    public int level(LayerWorkload w, int k, int p) {
        int n = p / cpw;
        int slice = p - n * cpw;
        if (w != lastWorkload || k != lastRow || n != lastCol) {
            lastMagnitude = Math.abs(w.weight(k, n));
            lastWorkload = w;
            lastRow = k;
            lastCol = n;
        }
        return (lastMagnitude >>> (slice * hw.cellBits())) & levelMask;
    }

    private LayerWorkload lastWorkload;
    private int lastRow = -1;
    private int lastCol = -1;
    private int lastMagnitude;

    /** Index entry width for a tile with this many rows: ceil(log2(rows)), at least 1. */
    public static int indexBits(int rowsInTile) {
        return rowsInTile <= 2 ? 1 : 32 - Integer.numberOfLeadingZeros(rowsInTile - 1);
    }

    public static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    public static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
