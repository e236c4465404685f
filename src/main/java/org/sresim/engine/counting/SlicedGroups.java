package org.sresim.engine.counting;

import java.util.Arrays;
import org.sresim.engine.Scheme;

/**
 * sre-value and sre-bit of one row block for OU heights that are powers of two, counted for 64
 * column groups at a time with vertical (bit-sliced) counters instead of a popcount per group.
 * <p>
 * Bit s of word w of row r's vector says whether group slot 64w + s keeps row r (r ∈ S). For a
 * set of activated rows P, adding the vectors of P's rows into a K-bit counter per slot gives
 * every group's |S ∩ P| mod 2^K in K words, so for a height h = 2^k (k ≤ K)
 * ceil(n / h) = (n - n mod h) / h + [n mod h ≠ 0] sums over groups, windows and steps from three
 * linear totals: Σ n (from per-row hit counts: Σ_r |{groups keeping r}| x |{(window, step) with
 * r ∈ P}|), Σ n mod h (popcounts of the counter's low k words) and Σ [n mod h ≠ 0] (popcount of
 * their OR). Each costs a few word operations per activated row and 64 groups, where the
 * per-group count costs a popcount per group and step; counts are exact, equal to
 * {@link BlockTotals}' per-mask ones.
 * <p>
 * Totals are kept per class of slots, a column block's groups of one width, because a class's
 * totals are all {@link SchemeCounts#addOperations} needs (it is linear in operations and rows at
 * a fixed tile and width); slots follow each other without padding, so a word may hold parts
 * (segments) of several classes, each popcounted under its own mask. A mutable accumulator.
 */
final class SlicedGroups {
    /** The widest counter: heights up to 2^MAX_SLICES. */
    static final int MAX_SLICES = 4;
    /**
     * The widest counter the counter uses on its own: height 2. Counting AlexNet's layers (masks
     * included) took 1.05 s sliced against 1.28-1.48 s per mask at OU 2x2, VGG-16's 8.4 s against
     * 11.8 s; at 4x4 and above the per-mask count, two popcounts per group and step, was as fast or
     * faster (ResNet-18 4x4: 0.60 s per mask, 0.71 s sliced), because a sliced step costs a few
     * operations per activated row and 64 groups, and about a quarter of a block's rows are
     * activated in a step.
     */
    static final int PAYING_SLICES = 1;
    /**
     * Distinct masks in a block from which the sliced count is used, when at least a quarter of its
     * groups have distinct masks (with fewer, counting each distinct mask is cheaper: many groups
     * share one).
     */
    static final int FROM_MASKS = 64;
    /** Windows from which the sliced count is used: setting it up costs about what counting a few windows does. */
    static final int FROM_WINDOWS = 8;

    private final int rows;
    private final int words;
    private final int slices;
    private final int steps;
    /** log2 of each height. */
    private final int[] shift;
    /** Row r's slot bits of word w at [w * rows + r]: the rows of one word lie together. */
    private final long[] vectors;
    /** Classes: a column block's groups of one width (its tile and width), in slot order. */
    private final int[] classBlock;
    private final int[] classWidth;
    /** Segments: the part of one word in one class, words ascending; word w's are [wordSegments[w], [w + 1]). */
    private final int[] wordSegments;
    private final long[] segmentMask;
    private final int[] segmentClass;
    /**
     * Per segment, over windows (value) and window steps (bit), at [segment * stride + j]: for j
     * below the counter's width Σ popcount of counter word j, then per height Σ popcount of the OR
     * of the height's low counter words.
     */
    private final long[] valueTotals;
    private final long[] bitTotals;
    private final int stride;
    /** Per row: windows in which it is active, and (window, step) pairs in which it is. */
    private final long[] activeHits;
    private final long[] stepHits;
    private final int[] list;

    /** Whether every height is a power of two up to 2^slices (at most {@link #MAX_SLICES}). */
    static boolean fits(int[] heights, int slices) {
        for (int h : heights) {
            if (Integer.bitCount(h) != 1 || h > 1 << Math.min(slices, MAX_SLICES)) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the sliced count is used rather than the per-mask one; both are exact, so this only
     * decides speed.
     */
    interface Policy {
        /** The widest counter used: heights up to 2^slices. */
        int slices();

        /** Whether a layer with this many windows (all visited) is worth setting the count up for. */
        boolean worthWindows(int windows);

        /** Whether a block with these masks is. */
        boolean pays(BlockMasks masks);
    }

    /** Where it was measured to pay: see {@link #PAYING_SLICES}, {@link #FROM_WINDOWS}, {@link #FROM_MASKS}. */
    static final Policy PAYING = new Policy() {
        @Override
        public int slices() {
            return PAYING_SLICES;
        }

        @Override
        public boolean worthWindows(int windows) {
            return windows >= FROM_WINDOWS;
        }

        /** Many masks, and mostly distinct: with fewer, counting each distinct mask is cheaper. */
        @Override
        public boolean pays(BlockMasks masks) {
            return masks.distinct() >= FROM_MASKS && 4L * masks.distinct() >= masks.totalGroups();
        }
    };

    SlicedGroups(BlockMasks masks, LayerMapping m, int rowsIn, int[] heights, int steps) {
        this.rows = rowsIn;
        this.steps = steps;
        this.shift = new int[heights.length];
        int k = 0;
        for (int h = 0; h < heights.length; h++) {
            shift[h] = Integer.numberOfTrailingZeros(heights[h]);
            k = Math.max(k, shift[h]);
        }
        this.slices = k;
        Slots slots = Slots.of(m);
        this.words = slots.words();
        this.classBlock = slots.classBlock();
        this.classWidth = slots.classWidth();
        this.wordSegments = slots.wordSegments();
        this.segmentMask = slots.segmentMask();
        this.segmentClass = slots.segmentClass();
        this.vectors = new long[words * rowsIn];
        fillVectors(masks, m);
        int n = segmentMask.length;
        this.stride = slices + heights.length;
        this.valueTotals = new long[n * stride];
        this.bitTotals = new long[n * stride];
        this.activeHits = new long[rowsIn];
        this.stepHits = new long[rowsIn];
        this.list = new int[rowsIn];
    }

    /** Sets bit slot of row r's vector for every row r that the slot's group keeps. */
    private void fillVectors(BlockMasks masks, LayerMapping m) {
        long[] bits = masks.masks();
        int perMask = masks.words();
        for (int cb = 0, slot = 0; cb < m.colBlocks; cb++) {
            for (int id : masks.maskOfGroup()[cb]) {
                long bit = 1L << slot;
                int at = (slot >>> 6) * rows;
                for (int j = 0; j < perMask; j++) {
                    for (long set = bits[id * perMask + j]; set != 0; set &= set - 1) {
                        vectors[at + (j << 6) + Long.numberOfTrailingZeros(set)] |= bit;
                    }
                }
                slot++;
            }
        }
    }

    /**
     * Where the block's groups sit: slots are the groups one after another, column block by column
     * block; classes and segments as the fields of {@link SlicedGroups} say.
     */
    private record Slots(int words, int[] classBlock, int[] classWidth, int[] wordSegments, long[] segmentMask,
                         int[] segmentClass) {

        static Slots of(LayerMapping m) {
            int groups = 0;
            int classes = 0;
            int[] block = new int[m.physicalCols];
            int[] width = new int[m.physicalCols];
            int[] classOfSlot = new int[m.physicalCols];
            for (int cb = 0; cb < m.colBlocks; cb++) {
                for (int g = 0; g < m.groups(cb); g++, groups++) {
                    int wg = m.groupWidth(cb, g);
                    if (g == 0 || wg != width[classes - 1]) {
                        block[classes] = cb;
                        width[classes] = wg;
                        classes++;
                    }
                    classOfSlot[groups] = classes - 1;
                }
            }
            return segmented(groups, classOfSlot, Arrays.copyOf(block, classes), Arrays.copyOf(width, classes));
        }

        /** Cuts each word of slots where the class changes. */
        private static Slots segmented(int groups, int[] classOfSlot, int[] classBlock, int[] classWidth) {
            int words = (groups + 63) >>> 6;
            int[] segments = new int[words + 1];
            long[] masksOf = new long[words + classBlock.length];
            int[] classOf = new int[masksOf.length];
            int n = 0;
            for (int w = 0; w < words; w++) {
                segments[w] = n;
                for (int slot = w << 6; slot < Math.min(groups, (w + 1) << 6); slot++) {
                    if (slot == w << 6 || classOfSlot[slot] != classOf[n - 1]) {
                        classOf[n++] = classOfSlot[slot];
                    }
                    masksOf[n - 1] |= 1L << slot;
                }
            }
            segments[words] = n;
            return new Slots(words, classBlock, classWidth, segments, Arrays.copyOf(masksOf, n),
                    Arrays.copyOf(classOf, n));
        }
    }

    /** Adds one window: its active rows for sre-value, each used step's rows for sre-bit. */
    void addWindow(ActiveRows.BitPlanes planes) {
        int n = rowsOf(planes.active, 0, planes.words, activeHits);
        count(n, valueTotals);
        for (int k = 0; k < planes.usedSteps; k++) {
            n = rowsOf(planes.usedPlanes, k * planes.words, planes.words, stepHits);
            count(n, bitTotals);
        }
    }

    /** Lists the set rows of {@code set[from .. from + words)} and counts a hit for each. */
    private int rowsOf(long[] set, int from, int setWords, long[] hits) {
        int n = 0;
        for (int j = 0; j < setWords; j++) {
            for (long s = set[from + j]; s != 0; s &= s - 1) {
                int r = (j << 6) + Long.numberOfTrailingZeros(s);
                list[n++] = r;
                hits[r]++;
            }
        }
        return n;
    }

    /** Adds the listed rows' vectors into each word's counter and adds its popcounts to {@code totals}. */
    private void count(int n, long[] totals) {
        if (n == 0) {
            return;
        }
        for (int w = 0, base = 0; w < words; w++, base += rows) {
            // one loop per counter width, so the counter words stay in registers
            long c0 = 0;
            long c1 = 0;
            long c2 = 0;
            long c3 = 0;
            if (slices == 1) {
                for (int i = 0; i < n; i++) {
                    c0 ^= vectors[base + list[i]];
                }
            } else if (slices == 2) {
                for (int i = 0; i < n; i++) {
                    long v = vectors[base + list[i]];
                    c1 ^= c0 & v;
                    c0 ^= v;
                }
            } else if (slices > 2) {
                // a 4-word counter: its low 3 words are the 3-word counter (mod 8 is mod 16's low bits)
                for (int i = 0; i < n; i++) {
                    long v = vectors[base + list[i]];
                    long t0 = c0 & v;
                    c0 ^= v;
                    long t1 = c1 & t0;
                    c1 ^= t0;
                    c3 ^= c2 & t1;
                    c2 ^= t1;
                }
            }
            recordWord(totals, w, c0, c1, c2, c3);
        }
    }

    /** Records word w's counter in each of the word's segments. */
    private void recordWord(long[] totals, int w, long c0, long c1, long c2, long c3) {
        for (int seg = wordSegments[w]; seg < wordSegments[w + 1]; seg++) {
            record(totals, seg * stride, segmentMask[seg], c0, c1, c2, c3);
        }
    }

    /** Adds one word's counter, within one segment's slots, to the segment's totals at {@code at}. */
    private void record(long[] totals, int at, long in, long c0, long c1, long c2, long c3) {
        switch (slices) {
            case 4:
                totals[at + 3] += Long.bitCount(c3 & in);
            // fall through
            case 3:
                totals[at + 2] += Long.bitCount(c2 & in);
            // fall through
            case 2:
                totals[at + 1] += Long.bitCount(c1 & in);
            // fall through
            case 1:
                totals[at] += Long.bitCount(c0 & in);
            // fall through
            default:
                break;
        }
        for (int h = 0; h < shift.length; h++) {
            int k = shift[h];
            long any = (k > 0 ? c0 : 0) | (k > 1 ? c1 : 0) | (k > 2 ? c2 : 0) | (k > 3 ? c3 : 0);
            totals[at + slices + h] += Long.bitCount(any & in);
        }
    }

    /** Adds the block's sre-value and sre-bit totals at height index h to its tiles. */
    void addTo(LayerCounts counts, LayerMapping m, int rb, int h) {
        int classes = classBlock.length;
        long[] valueRows = new long[classes];
        long[] bitRows = new long[classes];
        long[] valueOps = new long[classes];
        long[] bitOps = new long[classes];
        for (int w = 0; w < words; w++) {
            for (int seg = wordSegments[w]; seg < wordSegments[w + 1]; seg++) {
                long in = segmentMask[seg];
                long value = 0;
                long bit = 0;
                for (int r = 0, at = w * rows; r < rows; r++, at++) {
                    int keep = Long.bitCount(vectors[at] & in);
                    value += keep * activeHits[r];
                    bit += keep * stepHits[r];
                }
                long valueMod = 0;
                long bitMod = 0;
                int at = seg * stride;
                for (int j = 0; j < shift[h]; j++) {
                    valueMod += valueTotals[at + j] << j;
                    bitMod += bitTotals[at + j] << j;
                }
                int k = segmentClass[seg];
                valueRows[k] += value;
                bitRows[k] += bit;
                // (n - n mod h) / h + [n mod h != 0], summed: the sums of n - n mod h are multiples of h
                valueOps[k] += ((value - valueMod) >> shift[h]) + valueTotals[at + slices + h];
                bitOps[k] += ((bit - bitMod) >> shift[h]) + bitTotals[at + slices + h];
            }
        }
        for (int k = 0; k < classes; k++) {
            int t = m.tile(rb, classBlock[k]);
            counts.of(Scheme.SRE_VALUE).addOperations(t, valueOps[k] * steps, valueRows[k] * steps, classWidth[k]);
            counts.of(Scheme.SRE_BIT).addOperations(t, bitOps[k], bitRows[k], classWidth[k]);
        }
    }
}
