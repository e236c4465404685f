package org.sresim.engine.counting;

import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;

/**
 * The production counter. Row sets of one row block are bit sets ({@code long} words, bit r =
 * row r of the tile), so |S ∩ A| is {@code Long.bitCount(S & A)} per word. The savings, each
 * exact: a row block's compressed-row masks come from the workload's non-zero mask (and, for OU
 * groups of weight slices, its non-zero weights alone) and, over many windows, equal masks are
 * counted once ({@link BlockMasks}); a window's active rows are loaded once per row block and
 * shared by every column block and group in it, as byte lanes for few masks or bit planes for
 * many, without per-bit work ({@link ActiveRows}); counts are linear in windows, so
 * per-mask totals over all windows are summed first and distributed to tiles at the end
 * ({@link BlockTotals}); at OU height 2, blocks of many distinct masks count 64 groups at a time
 * with bit-sliced parity counters ({@link SlicedGroups}).
 */
public final class BitsetCounter implements OuCounter {
    /**
     * Distinct masks per block from which windows are held as bit planes rather than byte lanes;
     * both are exact, so a counter with another threshold counts the same, only at another speed.
     */
    private final int planesFromMasks;
    /** When blocks are counted sliced ({@link SlicedGroups}); exact either way, like the above. */
    private final SlicedGroups.Policy sliced;

    public BitsetCounter() {
        this(ActiveRows.PLANES_FROM_MASKS);
    }

    BitsetCounter(int planesFromMasks) {
        this(planesFromMasks, SlicedGroups.PAYING);
    }

    BitsetCounter(int planesFromMasks, SlicedGroups.Policy sliced) {
        this.planesFromMasks = planesFromMasks;
        this.sliced = sliced;
    }

    @Override
    public LayerCounts count(LayerWorkload w, Hardware hw) {
        return count(w, hw, null);
    }

    /**
     * Counts with the data-dependent schemes evaluated on {@code sample} windows only (sorted,
     * distinct; null = every window) and scaled up by windows / sample size, recording per-window
     * totals for standard errors. The closed-form schemes are exact either way.
     */
    @Override
    public LayerCounts count(LayerWorkload w, Hardware hw, int[] sample) {
        return count(w, hw, sample, new int[] {hw.ouRows()})[0];
    }

    /**
     * The counts for several OU heights in one pass, element h for {@code heights[h]} ({@code
     * hw.ouRows()} is not read): which rows an OU operation activates does not depend on the
     * height, only how many operations they take, ceil(rows / height), so every |S ∩ A_b| is
     * computed once and priced for each height. Equal to counting each height on its own.
     */
    @Override
    public LayerCounts[] count(LayerWorkload w, Hardware hw, int[] sample, int[] heights) {
        LayerMapping m = new LayerMapping(w.layer(), hw);
        int windows = w.windows();
        LayerCounts[] counts = emptyCounts(m, heights.length, windows, sample);
        int[][] opsFor = BlockTotals.opsTable(heights, hw.crossbarRows());
        BlockMasks.Columns columns = BlockMasks.Columns.of(m, hw);
        boolean merge = (sample == null ? windows : sample.length) > 1; // one window: merging costs more than it saves
        boolean slicedHeights = sample == null && SlicedGroups.fits(heights, sliced.slices())
                && sliced.worthWindows(windows);
        for (int rb = 0; rb < m.rowBlocks; rb++) {
            BlockMasks masks = BlockMasks.of(w, m, columns, hw, rb, merge);
            ActiveRows rows = ActiveRows.of(hw, m.rowsIn(rb), masks.words(), masks.distinct(), planesFromMasks);
            SlicedGroups slices = slicedHeights && rows instanceof ActiveRows.BitPlanes && sliced.pays(masks)
                    ? new SlicedGroups(masks, m, m.rowsIn(rb), heights, hw.inputSteps()) : null;
            BlockTotals totals = new BlockTotals(heights, opsFor, hw.inputSteps(), masks, slices);
            visitWindows(w, m, rb, rows, sample, totals, counts);
            int visits = sample == null ? windows : sample.length;
            totals.addTo(counts, m, rb, windows, (double) windows / visits);
        }
        for (LayerCounts c : counts) {
            c.addBufferAccesses(w.layer().rows(), w.layer().cols(), windows, hw);
        }
        return counts;
    }

    /** One zeroed LayerCounts per height, with per-window statistics when windows are sampled. */
    private static LayerCounts[] emptyCounts(LayerMapping m, int kinds, int windows, int[] sample) {
        LayerCounts[] counts = new LayerCounts[kinds];
        for (int h = 0; h < kinds; h++) {
            counts[h] = new LayerCounts(m.tiles());
            counts[h].windowStats = sample == null ? null : new WindowStats(windows, sample.length);
        }
        return counts;
    }

    /** Every visited window of row block rb, its active rows loaded once and added to the block's totals. */
    private static void visitWindows(LayerWorkload w, LayerMapping m, int rb, ActiveRows rows, int[] sample,
                                     BlockTotals totals, LayerCounts[] counts) {
        int rowsIn = m.rowsIn(rb);
        int visits = sample == null ? w.windows() : sample.length;
        WindowStats[] stats = null;
        if (sample != null) {
            stats = new WindowStats[counts.length];
            for (int h = 0; h < counts.length; h++) {
                stats[h] = counts[h].windowStats;
            }
        }
        WindowReader reader = new WindowReader(w, m.firstRow(rb), rowsIn);
        int[] inputs = new int[rowsIn];
        for (int visit = 0; visit < visits; visit++) {
            reader.read(sample == null ? visit : sample[visit], inputs);
            rows.load(inputs);
            totals.addWindow(rows, visit, stats);
        }
    }

    static int popCount(long[] a, int from, int words) {
        int n = 0;
        for (int i = 0; i < words; i++) {
            n += Long.bitCount(a[from + i]);
        }
        return n;
    }

    static int popCountAnd(long[] a, int aFrom, long[] b, int bFrom, int words) {
        int n = 0;
        for (int i = 0; i < words; i++) {
            n += Long.bitCount(a[aFrom + i] & b[bFrom + i]);
        }
        return n;
    }
}
