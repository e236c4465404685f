package org.sresim.engine.counting;

import org.sresim.engine.Scheme;
import org.sresim.hw.Action;

/**
 * What the data-dependent schemes did in one row block, summed over the visited windows: OU
 * operations per OU height (row counts do not depend on the height) for act-* once per block and
 * for sre-* once per distinct compressed-row mask (or, with a {@link SlicedGroups}, per tile and
 * group width from its bit-sliced counters). Counts are linear in windows, so the totals
 * are distributed to tiles only at the end ({@link #addTo}). A mutable accumulator.
 */
final class BlockTotals {
    private final int[] heights;
    /** ceil(rows / height) for every row count and height: the per-window loops need no division. */
    private final int[][] opsFor;
    private final int steps;
    private final BlockMasks masks;
    private final long blockGroups;
    private final long blockWidth;
    private final long[][] sreValueOps;
    private final long[] sreValueRows;
    private final long[][] sreBitOps;
    private final long[] sreBitRows;
    private final long[] actValueOps;
    private long actValueRows;
    private final long[] actBitOps;
    private long actBitRows;
    /** Scratch: one window's ops per height. */
    private final long[] ops;
    /** sre-value and sre-bit counted sliced instead of per mask (null: per mask). */
    private final SlicedGroups sliced;

    BlockTotals(int[] heights, int[][] opsFor, int steps, BlockMasks masks) {
        this(heights, opsFor, steps, masks, null);
    }

    BlockTotals(int[] heights, int[][] opsFor, int steps, BlockMasks masks, SlicedGroups sliced) {
        this.heights = heights;
        this.sliced = sliced;
        this.opsFor = opsFor;
        this.steps = steps;
        this.masks = masks;
        this.blockGroups = masks.totalGroups();
        this.blockWidth = masks.totalWidth();
        int kinds = heights.length;
        int distinct = masks.distinct();
        sreValueOps = new long[kinds][distinct];
        sreValueRows = new long[distinct];
        sreBitOps = new long[kinds][distinct];
        sreBitRows = new long[distinct];
        actValueOps = new long[kinds];
        actBitOps = new long[kinds];
        ops = new long[kinds];
    }

    /** ceil(rows / heights[h]) for rows 0 .. maxRows. */
    static int[][] opsTable(int[] heights, int maxRows) {
        int[][] opsFor = new int[heights.length][maxRows + 1];
        for (int h = 0; h < heights.length; h++) {
            for (int rows = 0; rows <= maxRows; rows++) {
                opsFor[h][rows] = LayerMapping.ceilDiv(rows, heights[h]);
            }
        }
        return opsFor;
    }

    /**
     * Adds one window (the {@code visit}-th of the sample), whose inputs {@code rows} holds; with
     * {@code stats} (one per height, null when exact) records its per-window totals as well.
     */
    void addWindow(ActiveRows rows, int visit, WindowStats[] stats) {
        addActivationOnly(rows, visit, stats);
        if (sliced != null) {
            sliced.addWindow((ActiveRows.BitPlanes) rows);
            return;
        }
        if (stats == null && heights.length == 1 && rows instanceof ActiveRows.BitPlanes planes) {
            addCompressed(planes);
            return;
        }
        for (int i = 0; i < masks.distinct(); i++) {
            addCompressed(rows, i, visit, stats);
        }
    }

    /**
     * sre-value and sre-bit for every mask, as {@link #addCompressed(ActiveRows, int, int,
     * WindowStats[])} does, in one loop for the common case of many masks (OU groups of weight
     * slices), one height and every window: the step counts are summed as they are taken, and
     * steps without an active row, which add nothing, are skipped.
     */
    private void addCompressed(ActiveRows.BitPlanes rows) {
        long[] words = masks.masks();
        int perMask = masks.words();
        int distinct = masks.distinct();
        int i = 0;
        if (perMask == 2) {
            i = addPairs(rows, words, distinct);
        }
        long[] active = rows.active;
        long[] planes = rows.usedPlanes;
        int usedSteps = rows.usedSteps;
        int[] table = opsFor[0];
        for (int from = i * perMask; i < distinct; i++, from += perMask) {
            int sv = BitsetCounter.popCountAnd(words, from, active, 0, perMask);
            addValue(i, sv, table);
            if (sv == 0) {
                continue; // no surviving active row: every bit step is empty too
            }
            long ops = 0;
            long rowsOn = 0;
            for (int k = 0; k < usedSteps; k++) {
                int n = BitsetCounter.popCountAnd(words, from, planes, k * perMask, perMask);
                ops += table[n];
                rowsOn += n;
            }
            addBits(i, rowsOn, ops);
        }
    }

    /**
     * Two-word masks (blocks of 65 to 128 rows, the common crossbar) two at a time, so each step's
     * plane is loaded once for both; returns how many masks it added (an even number).
     */
    private int addPairs(ActiveRows.BitPlanes rows, long[] words, int distinct) {
        long active0 = rows.active[0];
        long active1 = rows.active[1];
        long[] planes = rows.usedPlanes;
        int usedSteps = rows.usedSteps;
        int[] table = opsFor[0];
        int i = 0;
        for (; i + 1 < distinct; i += 2) {
            int from = i << 1;
            long a0 = words[from];
            long a1 = words[from + 1];
            long b0 = words[from + 2];
            long b1 = words[from + 3];
            int svA = Long.bitCount(a0 & active0) + Long.bitCount(a1 & active1);
            int svB = Long.bitCount(b0 & active0) + Long.bitCount(b1 & active1);
            addValue(i, svA, table);
            addValue(i + 1, svB, table);
            if ((svA | svB) == 0) {
                continue; // an empty mask adds zero at every step, so one non-empty is reason enough
            }
            long opsA = 0;
            long rowsA = 0;
            long opsB = 0;
            long rowsB = 0;
            for (int k = 0; k < usedSteps; k++) {
                long p0 = planes[2 * k];
                long p1 = planes[2 * k + 1];
                int nA = Long.bitCount(a0 & p0) + Long.bitCount(a1 & p1);
                int nB = Long.bitCount(b0 & p0) + Long.bitCount(b1 & p1);
                opsA += table[nA];
                rowsA += nA;
                opsB += table[nB];
                rowsB += nB;
            }
            addBits(i, rowsA, opsA);
            addBits(i + 1, rowsB, opsB);
        }
        return i;
    }

    /** sre-value of one window for mask i, at the single height: sv surviving active rows each step. */
    private void addValue(int i, int sv, int[] table) {
        sreValueRows[i] += (long) sv * steps;
        sreValueOps[0][i] += (long) table[sv] * steps;
    }

    /** sre-bit of one window for mask i, at the single height. */
    private void addBits(int i, long rowsOn, long ops) {
        sreBitRows[i] += rowsOn;
        sreBitOps[0][i] += ops;
    }

    /** act-value and act-bit: every active row of the block, whatever the weights. */
    private void addActivationOnly(ActiveRows rows, int visit, WindowStats[] stats) {
        int a = rows.active();
        long avRows = (long) a * steps;
        actValueRows += avRows;
        long abRows = stepOps(rows.perStep());
        actBitRows += abRows;
        for (int h = 0; h < heights.length; h++) {
            long avOps = (long) opsFor[h][a] * steps;
            actValueOps[h] += avOps;
            actBitOps[h] += ops[h];
            if (stats != null) {
                stats[h].add(Scheme.ACT_VALUE, visit, avOps * blockGroups, avRows * blockGroups,
                        avRows * blockWidth, avOps * blockWidth);
                stats[h].add(Scheme.ACT_BIT, visit, ops[h] * blockGroups, abRows * blockGroups,
                        abRows * blockWidth, ops[h] * blockWidth);
            }
        }
    }

    /** sre-value and sre-bit for the groups sharing mask i: active rows that survive compression. */
    private void addCompressed(ActiveRows rows, int i, int visit, WindowStats[] stats) {
        long groups = masks.groups()[i];
        long width = masks.widths()[i];
        int from = i * masks.words();
        int sv = rows.activeIn(masks.masks(), from);
        long svRows = (long) sv * steps;
        sreValueRows[i] += svRows;
        for (int h = 0; h < heights.length; h++) {
            long svOps = (long) opsFor[h][sv] * steps;
            sreValueOps[h][i] += svOps;
            if (stats != null) {
                stats[h].add(Scheme.SRE_VALUE, visit, svOps * groups, svRows * groups, svRows * width, svOps * width);
            }
        }
        if (sv == 0) {
            return; // no surviving active row: every bit step is empty too
        }
        long sbRows = stepOps(rows.perStep(masks.masks(), from));
        sreBitRows[i] += sbRows;
        for (int h = 0; h < heights.length; h++) {
            sreBitOps[h][i] += ops[h];
            if (stats != null) {
                stats[h].add(Scheme.SRE_BIT, visit, ops[h] * groups, sbRows * groups, sbRows * width, ops[h] * width);
            }
        }
    }

    /** Fills {@link #ops} with each height's OU operations over the steps' row counts; returns the rows. */
    private long stepOps(int[] perStep) {
        if (heights.length == 1) { // the common case: a single height, no inner loop
            int[] table = opsFor[0];
            long o = 0;
            long rows = 0;
            for (int b = 0; b < steps; b++) {
                o += table[perStep[b]];
                rows += perStep[b];
            }
            ops[0] = o;
            return rows;
        }
        java.util.Arrays.fill(ops, 0);
        long rows = 0;
        for (int b = 0; b < steps; b++) {
            int n = perStep[b];
            for (int h = 0; h < heights.length; h++) {
                ops[h] += opsFor[h][n];
            }
            rows += n;
        }
        return rows;
    }

    /**
     * Adds the block's totals to its tiles, every scheme, for each height: the closed forms
     * (dense, weight, ideal), the data-dependent totals scaled by {@code scale} = windows / visits,
     * and the index reads and prefix sums of the compressed schemes.
     */
    void addTo(LayerCounts[] counts, LayerMapping m, int rb, int windows, double scale) {
        int rowsIn = m.rowsIn(rb);
        long perWindowSteps = (long) windows * steps;
        int indexBits = LayerMapping.indexBits(rowsIn);
        for (int h = 0; h < heights.length; h++) {
            LayerCounts c = counts[h];
            int height = heights[h];
            for (int cb = 0; cb < m.colBlocks; cb++) {
                int t = m.tile(rb, cb);
                int[] maskOf = masks.maskOfGroup()[cb];
                for (int g = 0; g < maskOf.length; g++) {
                    int id = maskOf[g];
                    int width = m.groupWidth(cb, g);
                    int s = masks.size(id);
                    c.of(Scheme.DENSE).addOperations(t, LayerMapping.ceilDiv(rowsIn, height) * perWindowSteps,
                            rowsIn * perWindowSteps, width);
                    c.of(Scheme.WEIGHT).addOperations(t, LayerMapping.ceilDiv(s, height) * perWindowSteps,
                            s * perWindowSteps, width);
                    c.of(Scheme.ACT_VALUE).addOperations(t, up(actValueOps[h], scale), up(actValueRows, scale), width);
                    c.of(Scheme.ACT_BIT).addOperations(t, up(actBitOps[h], scale), up(actBitRows, scale), width);
                    if (sliced == null) {
                        c.of(Scheme.SRE_VALUE).addOperations(t, up(sreValueOps[h][id], scale),
                                up(sreValueRows[id], scale), width);
                        c.of(Scheme.SRE_BIT).addOperations(t, up(sreBitOps[h][id], scale),
                                up(sreBitRows[id], scale), width);
                    }
                    c.indexStorageBits += (long) s * indexBits;
                    for (Scheme scheme : COMPRESSED) {
                        c.of(scheme).add(Action.INDEX_BIT, (long) windows * s * indexBits);
                        c.of(scheme).add(Action.PREFIX_SUM_ROW, (long) windows * s);
                    }
                }
                c.of(Scheme.IDEAL).addOperations(t, perWindowSteps, perWindowSteps * rowsIn, m.colsIn(cb));
            }
            if (sliced != null) {
                sliced.addTo(c, m, rb, h);
            }
        }
    }

    private static final Scheme[] COMPRESSED = {Scheme.WEIGHT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    /** A sampled total scaled to all windows (exact when every window was visited: scale 1). */
    private static long up(long sampledTotal, double scale) {
        return scale == 1.0 ? sampledTotal : Math.round(sampledTotal * scale);
    }
}
