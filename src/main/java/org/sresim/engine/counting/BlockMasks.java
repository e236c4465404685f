package org.sresim.engine.counting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.NonZeroMagnitudes;
import org.sresim.workload.NonZeroMask;

/**
 * The distinct compressed-row masks S of one row block (or, unmerged, one per column group) and
 * which column group uses which.
 * Groups with equal masks (common under structured pruning, where every kept column of a block
 * usually has the same surviving rows) are counted once and weighted by how many groups, and how
 * many physical columns, share the mask: counts are linear in groups. Immutable after
 * construction.
 *
 * @param words       long words per mask (bit r = row r of the block)
 * @param masks       distinct mask i in words [i * words, (i + 1) * words)
 * @param maskOfGroup [column block][group] -> distinct mask index
 * @param groups      groups of the block using each mask
 * @param widths      summed widths (physical columns) of those groups
 */
record BlockMasks(int words, long[] masks, int[][] maskOfGroup, long[] groups, long[] widths) {

    int distinct() {
        return groups.length;
    }

    /** |S_i|: the rows surviving compression in mask i. */
    int size(int i) {
        return BitsetCounter.popCount(masks, i * words, words);
    }

    long totalGroups() {
        return Arrays.stream(groups).sum();
    }

    long totalWidth() {
        return Arrays.stream(widths).sum();
    }

    static BlockMasks of(LayerWorkload w, LayerMapping m, Hardware hw, int rb) {
        return of(w, m, Columns.of(m, hw), hw, rb, true);
    }

    /**
     * As {@link #of(LayerWorkload, LayerMapping, Hardware, int)} with the layer's column layout
     * made once; with {@code merge} false every group keeps a mask of its own even where masks
     * are equal. Counts are the same either way (they are per group, sums of the group's mask's
     * integer totals); merging only saves work when the masks are counted over many windows, and
     * for a layer of one window (fc) hashing a million slice masks costs more than counting them.
     */
    static BlockMasks of(LayerWorkload w, LayerMapping m, Columns columns, Hardware hw, int rb, boolean merge) {
        int words = (hw.crossbarRows() + 63) >>> 6;
        long[][] perGroup = perGroup(w, m, columns, rb, words);
        return merge ? distinct(perGroup, m, words) : each(perGroup, m, words);
    }

    /**
     * Where a layer's weight columns lie among its OU column groups, the same for every row block:
     * for weight column n, {@code count[n]} groups hold its slices, group {@code group[n * cpw + e]}
     * holding magnitude bits {@code bits[n * cpw + e]} (consecutive slices, so consecutive bits).
     *
     * @param groups the number of groups, numbered across column blocks
     */
    record Columns(int groups, int cpw, int[] count, int[] group, int[] bits) {
        static Columns of(LayerMapping m, Hardware hw) {
            int[] groupOf = groupOfPhysicalColumn(m);
            int cpw = hw.cellsPerWeight();
            int cols = m.physicalCols / cpw;
            int[] count = new int[cols];
            int[] group = new int[cols * cpw];
            int[] bits = new int[cols * cpw];
            int levelMask = (1 << hw.cellBits()) - 1;
            for (int n = 0; n < cols; n++) {
                int at = n * cpw;
                int e = -1;
                for (int j = 0; j < cpw; j++) {
                    int g = groupOf[at + j];
                    if (e < 0 || group[at + e] != g) {
                        e++;
                        group[at + e] = g;
                    }
                    bits[at + e] |= levelMask << (j * hw.cellBits());
                }
                count[n] = e + 1;
            }
            return new Columns(groupOf[groupOf.length - 1] + 1, cpw, count, group, bits);
        }
    }

    /** Numbers the groups' masks by first appearance, so equal masks share one index. */
    private static BlockMasks distinct(long[][] perGroup, LayerMapping m, int words) {
        Map<MaskKey, Integer> ids = new HashMap<>();
        List<long[]> masks = new ArrayList<>();
        int[][] maskOfGroup = new int[m.colBlocks][];
        for (int cb = 0, flat = 0; cb < m.colBlocks; cb++) {
            maskOfGroup[cb] = new int[m.groups(cb)];
            for (int g = 0; g < maskOfGroup[cb].length; g++, flat++) {
                maskOfGroup[cb][g] = ids.computeIfAbsent(new MaskKey(perGroup[flat]), k -> {
                    masks.add(k.words);
                    return masks.size() - 1;
                });
            }
        }
        return numbered(masks, maskOfGroup, m, words);
    }

    /** Mask i is group i's own (groups numbered across column blocks), equal or not. */
    private static BlockMasks each(long[][] perGroup, LayerMapping m, int words) {
        int[][] maskOfGroup = new int[m.colBlocks][];
        for (int cb = 0, flat = 0; cb < m.colBlocks; cb++) {
            maskOfGroup[cb] = new int[m.groups(cb)];
            for (int g = 0; g < maskOfGroup[cb].length; g++, flat++) {
                maskOfGroup[cb][g] = flat;
            }
        }
        return numbered(Arrays.asList(perGroup), maskOfGroup, m, words);
    }

    /** The block's masks in index order, with the groups and widths using each. */
    private static BlockMasks numbered(List<long[]> masks, int[][] maskOfGroup, LayerMapping m, int words) {
        long[] groups = new long[masks.size()];
        long[] widths = new long[masks.size()];
        for (int cb = 0; cb < m.colBlocks; cb++) {
            for (int g = 0; g < maskOfGroup[cb].length; g++) {
                groups[maskOfGroup[cb][g]]++;
                widths[maskOfGroup[cb][g]] += m.groupWidth(cb, g);
            }
        }
        long[] flat = new long[masks.size() * words];
        for (int i = 0; i < masks.size(); i++) {
            System.arraycopy(masks.get(i), 0, flat, i * words, words);
        }
        return new BlockMasks(words, flat, maskOfGroup, groups, widths);
    }

    /**
     * The compressed-row mask S of every column group of row block rb (groups numbered across
     * column blocks): a row survives in a group when one of its cells there is non-zero.
     */
    private static long[][] perGroup(LayerWorkload w, LayerMapping m, Columns columns, int rb, int words) {
        long[][] masks = new long[columns.groups()][words];
        if (m.wholeWeightGroups()) {
            fromNonZeroMask(w, columns, m.firstRow(rb), m.rowsIn(rb), masks);
        } else {
            fromWeightSlices(w, columns, m.firstRow(rb), m.rowsIn(rb), masks);
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
    private static void fromNonZeroMask(LayerWorkload w, Columns columns, int first, int rowsIn, long[][] masks) {
        NonZeroMask nonZero = w.nonZero();
        for (int n = 0; n < w.layer().cols(); n++) {
            nonZero.orRows(n, first, rowsIn, masks[columns.group()[n * columns.cpw()]]);
        }
    }

    /**
     * Groups holding some slices of a weight: a row survives in a group when a slice stored there
     * has a set bit, that is when the weight's magnitude has a set bit in the bits those slices
     * hold (a group holds consecutive slices, so consecutive bits). Walks each weight column's
     * non-zero rows from the mask, 64 at a time, reading only the non-zero weights (a drawn layer
     * draws them on demand instead of materialising its matrix), and gathers each group's word in
     * a register. A column stored whole in one group needs no weight: its mask word is the group's.
     */
    private static void fromWeightSlices(LayerWorkload w, Columns columns, int first, int rowsIn, long[][] masks) {
        NonZeroMask nonZero = w.nonZero();
        NonZeroMagnitudes kept = w.magnitudes(); // null: each weight drawn as it is read
        int cpw = columns.cpw();
        int[] group = columns.group();
        int[] bits = columns.bits();
        int words = (rowsIn + 63) >>> 6;
        long[] rows = new long[words];
        // one word's non-zero weights, read first (independent reads overlap) and then tested per group
        int[] magnitude = new int[64];
        long[] bit = new long[64];
        for (int n = 0; n < w.layer().cols(); n++) {
            int groups = columns.count()[n];
            int at = n * cpw;
            if (groups == 1) {
                nonZero.orRows(n, first, rowsIn, masks[group[at]]);
                continue;
            }
            for (int j = 0; j < words; j++) {
                rows[j] = 0;
            }
            nonZero.orRows(n, first, rowsIn, rows);
            if (groups <= 4) {
                upToFourGroups(w, kept, n, first, words, rows, bits, at, groups, group, masks);
                continue;
            }
            for (int j = 0; j < words; j++) {
                int base = first + (j << 6);
                int count = 0;
                int next = kept == null ? -1 : kept.indexOf(base, n);
                short[] values = kept == null ? null : kept.values();
                for (long set = rows[j]; set != 0; set &= set - 1, count++) {
                    int r = Long.numberOfTrailingZeros(set);
                    magnitude[count] = next < 0 ? Math.abs(w.nonZeroWeight(base + r, n)) : values[next++];
                    bit[count] = 1L << r;
                }
                for (int e = at; e < at + groups; e++) {
                    int held = bits[e];
                    long word = 0;
                    for (int i = 0; i < count; i++) {
                        word |= bit[i] & (-(magnitude[i] & held) >> 31); // all ones when a held bit is set
                    }
                    masks[group[e]][j] |= word;
                }
            }
        }
    }

    /**
     * {@link #fromWeightSlices} for a column whose slices lie in two to four groups: one pass over
     * its non-zero weights, each group's word gathered in a register of its own (a group absent
     * from the column tests no bit, so its word stays zero and is not stored).
     */
    private static void upToFourGroups(LayerWorkload w, NonZeroMagnitudes kept, int n, int first, int words,
                                       long[] rows, int[] bits, int at, int groups, int[] group, long[][] masks) {
        int h0 = bits[at];
        int h1 = bits[at + 1];
        int h2 = groups > 2 ? bits[at + 2] : 0;
        int h3 = groups > 3 ? bits[at + 3] : 0;
        for (int j = 0; j < words; j++) {
            int base = first + (j << 6);
            long w0 = 0;
            long w1 = 0;
            long w2 = 0;
            long w3 = 0;
            // the walk meets the column's non-zero weights in row order: kept ones one after another
            int next = kept == null ? -1 : kept.indexOf(base, n);
            short[] values = kept == null ? null : kept.values();
            for (long set = rows[j]; set != 0; set &= set - 1) {
                int r = Long.numberOfTrailingZeros(set);
                int m = next < 0 ? Math.abs(w.nonZeroWeight(base + r, n)) : values[next++];
                // (x + 2^31 - 1) >>> 31 is 1 exactly when 0 < x < 2^31: a held bit is set
                w0 |= (long) (((m & h0) + Integer.MAX_VALUE) >>> 31) << r;
                w1 |= (long) (((m & h1) + Integer.MAX_VALUE) >>> 31) << r;
                w2 |= (long) (((m & h2) + Integer.MAX_VALUE) >>> 31) << r;
                w3 |= (long) (((m & h3) + Integer.MAX_VALUE) >>> 31) << r;
            }
            masks[group[at]][j] |= w0;
            masks[group[at + 1]][j] |= w1;
            if (groups > 2) {
                masks[group[at + 2]][j] |= w2;
            }
            if (groups > 3) {
                masks[group[at + 3]][j] |= w3;
            }
        }
    }

    /** A row mask as a hash key. */
    private record MaskKey(long[] words) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MaskKey k && Arrays.equals(words, k.words);
        }

        /**
         * Mixed, not {@link Arrays#hashCode(long[])}: masks of a pruned block differ in few bits,
         * which that hash maps to few buckets (AlexNet's fc slice masks filled tree bins).
         */
        @Override
        public int hashCode() {
            long h = 0;
            for (long word : words) {
                h = (h ^ word) * 0x9E3779B97F4A7C15L;
                h ^= h >>> 29;
            }
            return (int) (h ^ (h >>> 32));
        }
    }
}
