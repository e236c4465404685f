package org.sresim.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sresim.hw.Action;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.NonZeroMask;

/**
 * The production counter. Row sets of one row block are bit sets ({@code long} words, bit r =
 * row r of the tile), so |S ∩ A_b| is {@code Long.bitCount(S & A_b)} per word. Two savings keep
 * it exact: a window's activation masks are built once per row block and shared by every
 * column block and group in it, and column groups with identical compressed-row masks (common
 * under structured pruning) are counted once and weighted by their multiplicity. Counts are
 * linear in windows, so per-mask totals over all windows are summed first and distributed to
 * tiles at the end.
 */
final class BitsetCounter implements OuCounter {

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
        int windows = w.layer().windows();
        int visits = sample == null ? windows : sample.length;
        double scale = (double) windows / visits;
        int steps = hw.inputSteps();
        int kinds = heights.length;
        int words = (hw.crossbarRows() + 63) >>> 6;
        int digitMask = (1 << hw.dacBits()) - 1;
        LayerCounts[] counts = new LayerCounts[kinds];
        WindowStats[] stats = new WindowStats[kinds];
        for (int h = 0; h < kinds; h++) {
            counts[h] = new LayerCounts(m.tiles());
            stats[h] = sample == null ? null : new WindowStats(windows, visits);
            counts[h].windowStats = stats[h];
        }
        int[] inputs = new int[hw.crossbarRows()];
        long[] active = new long[words];
        long[] activeBits = new long[steps * words];
        // ceil(rows / height) for every possible row count and height: the inner loops need no division
        int[][] opsFor = new int[kinds][hw.crossbarRows() + 1];
        for (int h = 0; h < kinds; h++) {
            for (int rows = 0; rows < opsFor[h].length; rows++) {
                opsFor[h][rows] = ceilDiv(rows, heights[h]);
            }
        }

        for (int rb = 0; rb < m.rowBlocks; rb++) {
            int rowsIn = m.rowsIn(rb);
            int first = m.firstRow(rb);
            // distinct compressed-row masks S of this row block, and which group uses which
            long[][] groupMasks = compressedRows(w, m, hw, rb, rowsIn, words);
            Map<MaskKey, Integer> ids = new HashMap<>();
            List<long[]> masks = new ArrayList<>();
            int[][] groupMask = new int[m.colBlocks][];
            for (int cb = 0, flat = 0; cb < m.colBlocks; cb++) {
                groupMask[cb] = new int[m.groups(cb)];
                for (int g = 0; g < groupMask[cb].length; g++, flat++) {
                    groupMask[cb][g] = ids.computeIfAbsent(new MaskKey(groupMasks[flat]), k -> {
                        masks.add(k.words);
                        return masks.size() - 1;
                    });
                }
            }
            int distinct = masks.size();
            // how many groups of this row block use each mask, and their summed widths
            long[] groupsWithMask = new long[distinct];
            long[] widthWithMask = new long[distinct];
            long blockGroups = 0;
            long blockWidth = 0;
            for (int cb = 0; cb < m.colBlocks; cb++) {
                for (int g = 0; g < groupMask[cb].length; g++) {
                    groupsWithMask[groupMask[cb][g]]++;
                    widthWithMask[groupMask[cb][g]] += m.groupWidth(cb, g);
                    blockGroups++;
                    blockWidth += m.groupWidth(cb, g);
                }
            }
            long[] flatMasks = new long[distinct * words];
            for (int i = 0; i < distinct; i++) {
                System.arraycopy(masks.get(i), 0, flatMasks, i * words, words);
            }
            // operations per height (row counts do not depend on it)
            long[][] sreValueOps = new long[kinds][distinct];
            long[] sreValueRows = new long[distinct];
            long[][] sreBitOps = new long[kinds][distinct];
            long[] sreBitRows = new long[distinct];
            long[] actValueOps = new long[kinds];
            long actValueRows = 0;
            long[] actBitOps = new long[kinds];
            long actBitRows = 0;
            long[] ops = new long[kinds];

            WindowReader reader = new WindowReader(w, first, rowsIn);
            for (int visit = 0; visit < visits; visit++) {
                int v = sample == null ? visit : sample[visit];
                reader.read(v, inputs);
                Arrays.fill(active, 0);
                Arrays.fill(activeBits, 0);
                for (int r = 0; r < rowsIn; r++) {
                    int x = inputs[r];
                    if (x == 0) {
                        continue;
                    }
                    long bit = 1L << r;
                    int word = r >>> 6;
                    active[word] |= bit;
                    if (hw.dacBits() == 1) {
                        for (int bits = x; bits != 0; bits &= bits - 1) { // only the bits that are set
                            activeBits[Integer.numberOfTrailingZeros(bits) * words + word] |= bit;
                        }
                    } else {
                        for (int b = 0; b < steps; b++) {
                            if (((x >>> (b * hw.dacBits())) & digitMask) != 0) {
                                activeBits[b * words + word] |= bit;
                            }
                        }
                    }
                }
                int a = popCount(active, 0, words);
                long avRows = (long) a * steps;
                actValueRows += avRows;
                Arrays.fill(ops, 0);
                long abRows = 0;
                for (int b = 0; b < steps; b++) {
                    int ab = popCount(activeBits, b * words, words);
                    for (int h = 0; h < kinds; h++) {
                        ops[h] += opsFor[h][ab];
                    }
                    abRows += ab;
                }
                actBitRows += abRows;
                for (int h = 0; h < kinds; h++) {
                    long avOps = (long) opsFor[h][a] * steps;
                    actValueOps[h] += avOps;
                    actBitOps[h] += ops[h];
                    if (stats[h] != null) {
                        stats[h].add(Scheme.ACT_VALUE, visit, avOps * blockGroups, avRows * blockGroups,
                                avRows * blockWidth, avOps * blockWidth);
                        stats[h].add(Scheme.ACT_BIT, visit, ops[h] * blockGroups, abRows * blockGroups,
                                abRows * blockWidth, ops[h] * blockWidth);
                    }
                }
                for (int i = 0; i < distinct; i++) {
                    int base = i * words;
                    int sv = popCountAnd(flatMasks, base, active, 0, words);
                    long svRows = (long) sv * steps;
                    sreValueRows[i] += svRows;
                    for (int h = 0; h < kinds; h++) {
                        long svOps = (long) opsFor[h][sv] * steps;
                        sreValueOps[h][i] += svOps;
                        if (stats[h] != null) {
                            stats[h].add(Scheme.SRE_VALUE, visit, svOps * groupsWithMask[i],
                                    svRows * groupsWithMask[i], svRows * widthWithMask[i], svOps * widthWithMask[i]);
                        }
                    }
                    if (sv == 0) {
                        continue; // no surviving active row: every bit step is empty too
                    }
                    Arrays.fill(ops, 0);
                    long rows = 0;
                    for (int b = 0; b < steps; b++) {
                        int sb = popCountAnd(flatMasks, base, activeBits, b * words, words);
                        for (int h = 0; h < kinds; h++) {
                            ops[h] += opsFor[h][sb];
                        }
                        rows += sb;
                    }
                    sreBitRows[i] += rows;
                    for (int h = 0; h < kinds; h++) {
                        sreBitOps[h][i] += ops[h];
                        if (stats[h] != null) {
                            stats[h].add(Scheme.SRE_BIT, visit, ops[h] * groupsWithMask[i], rows * groupsWithMask[i],
                                    rows * widthWithMask[i], ops[h] * widthWithMask[i]);
                        }
                    }
                }
            }

            long perWindowSteps = (long) windows * steps;
            int indexBits = LayerMapping.indexBits(rowsIn);
            for (int h = 0; h < kinds; h++) {
                LayerCounts c = counts[h];
                int height = heights[h];
                for (int cb = 0; cb < m.colBlocks; cb++) {
                    int t = m.tile(rb, cb);
                    for (int g = 0; g < groupMask[cb].length; g++) {
                        int id = groupMask[cb][g];
                        int width = m.groupWidth(cb, g);
                        int s = popCount(flatMasks, id * words, words);
                        c.of(Scheme.DENSE).addOperations(t, ceilDiv(rowsIn, height) * perWindowSteps,
                                rowsIn * perWindowSteps, width);
                        c.of(Scheme.WEIGHT).addOperations(t, ceilDiv(s, height) * perWindowSteps,
                                s * perWindowSteps, width);
                        c.of(Scheme.ACT_VALUE).addOperations(t, up(actValueOps[h], scale), up(actValueRows, scale),
                                width);
                        c.of(Scheme.ACT_BIT).addOperations(t, up(actBitOps[h], scale), up(actBitRows, scale), width);
                        c.of(Scheme.SRE_VALUE).addOperations(t, up(sreValueOps[h][id], scale),
                                up(sreValueRows[id], scale), width);
                        c.of(Scheme.SRE_BIT).addOperations(t, up(sreBitOps[h][id], scale),
                                up(sreBitRows[id], scale), width);
                        c.indexStorageBits += (long) s * indexBits;
                        for (Scheme scheme : COMPRESSED) {
                            c.of(scheme).add(Action.INDEX_BIT, (long) windows * s * indexBits);
                            c.of(scheme).add(Action.PREFIX_SUM_ROW, (long) windows * s);
                        }
                    }
                    c.of(Scheme.IDEAL).addOperations(t, perWindowSteps, perWindowSteps * rowsIn, m.colsIn(cb));
                }
            }
        }
        for (LayerCounts c : counts) {
            c.addBufferAccesses(w.layer().rows(), w.layer().cols(), windows, hw);
        }
        return counts;
    }

    /**
     * The compressed-row mask S of every column group of row block rb (groups numbered across
     * column blocks): a row survives in a group when one of its cells there is non-zero.
     */
    private static long[][] compressedRows(LayerWorkload w, LayerMapping m, Hardware hw, int rb, int rowsIn,
                                           int words) {
        int[] groupOf = groupOfPhysicalColumn(m);
        long[][] masks = new long[groupOf.length == 0 ? 0 : groupOf[groupOf.length - 1] + 1][words];
        if (m.wholeWeightGroups()) {
            fromNonZeroMask(w, hw, m.firstRow(rb), rowsIn, groupOf, masks);
        } else {
            fromWeightSlices(w, hw, m.firstRow(rb), rowsIn, groupOf, masks);
        }
        return masks;
    }

    /** The group (numbered across column blocks) of every physical column. */
    private static int[] groupOfPhysicalColumn(LayerMapping m) {
        int[] groupOf = new int[m.physicalCols];
        int total = 0;
        for (int cb = 0; cb < m.colBlocks; cb++) {
            for (int g = 0; g < m.groups(cb); g++, total++) {
                int start = m.groupStart(cb, g);
                for (int c = 0; c < m.groupWidth(cb, g); c++) {
                    groupOf[start + c] = total;
                }
            }
        }
        return groupOf;
    }

    /**
     * Groups of whole weights: a row survives when one of the group's weights is non-zero, which
     * the workload's non-zero mask gives a word (64 rows) at a time, without reading a weight.
     */
    private static void fromNonZeroMask(LayerWorkload w, Hardware hw, int first, int rowsIn, int[] groupOf,
                                        long[][] masks) {
        NonZeroMask nonZero = w.nonZero();
        int cpw = hw.cellsPerWeight();
        for (int n = 0; n < w.layer().cols(); n++) {
            nonZero.orRows(n, first, rowsIn, masks[groupOf[n * cpw]]);
        }
    }

    /**
     * Groups holding some slices of a weight: a row survives when a slice stored in the group has
     * a set bit, so the weights are read row by row in memory order.
     */
    private static void fromWeightSlices(LayerWorkload w, Hardware hw, int first, int rowsIn, int[] groupOf,
                                         long[][] masks) {
        int cpw = hw.cellsPerWeight();
        int cols = w.layer().cols();
        int levelMask = (1 << hw.cellBits()) - 1;
        short[] weights = w.weights();
        for (int r = 0; r < rowsIn; r++) {
            long bit = 1L << r;
            int word = r >>> 6;
            int rowStart = (first + r) * cols;
            for (int n = 0; n < cols; n++) {
                int magnitude = Math.abs(weights[rowStart + n]);
                if (magnitude == 0) {
                    continue;
                }
                int p = n * cpw;
                for (int j = 0; j < cpw; j++) {
                    if (((magnitude >>> (j * hw.cellBits())) & levelMask) != 0) {
                        masks[groupOf[p + j]][word] |= bit;
                    }
                }
            }
        }
    }

    private static final Scheme[] COMPRESSED = {Scheme.WEIGHT, Scheme.SRE_VALUE, Scheme.SRE_BIT};

    /** A sampled total scaled to all windows (exact when every window was visited: scale 1). */
    private static long up(long sampledTotal, double scale) {
        return scale == 1.0 ? sampledTotal : Math.round(sampledTotal * scale);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
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

    /** A row mask as a hash key. */
    private record MaskKey(long[] words) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MaskKey k && Arrays.equals(words, k.words);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(words);
        }
    }
}
