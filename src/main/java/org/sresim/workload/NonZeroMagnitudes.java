package org.sresim.workload;

/**
 * The magnitudes |w| of a layer's non-zero weights, column by column and within a column by row
 * (the order in which a walk over the {@link NonZeroMask} meets them), with the rank of every mask
 * word, so the magnitude of the non-zero weight at (row, col) is found with one popcount. A drawn
 * layer kept for several points makes it once ({@link LayerWorkload#magnitudes}) instead of
 * drawing its weights again for every OU shape that reads them. Immutable.
 */
public final class NonZeroMagnitudes {
    private final int wordsPerColumn;
    /** The mask's column-major words. */
    private final long[] bits;
    /** Non-zero weights before each mask word, in the same column-major order. */
    private final int[] rankBefore;
    private final short[] values;

    private NonZeroMagnitudes(int wordsPerColumn, long[] bits, int[] rankBefore, short[] values) {
        this.wordsPerColumn = wordsPerColumn;
        this.bits = bits;
        this.rankBefore = rankBefore;
        this.values = values;
    }

    /** Reads every non-zero weight of the layer once, through {@code magnitude(row, col)}. */
    static NonZeroMagnitudes of(NonZeroMask mask, java.util.function.IntBinaryOperator magnitude) {
        if (mask.count() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(mask.count() + " non-zero weights: too many to keep");
        }
        int perColumn = NonZeroMask.words(mask.rows());
        long[] bits = mask.words();
        int[] rankBefore = new int[bits.length];
        short[] values = new short[(int) mask.count()];
        int at = 0;
        for (int c = 0; c < mask.cols(); c++) {
            for (int j = 0; j < perColumn; j++) {
                int word = c * perColumn + j;
                rankBefore[word] = at;
                for (long set = bits[word]; set != 0; set &= set - 1) {
                    values[at++] = (short) magnitude.applyAsInt((j << 6) + Long.numberOfTrailingZeros(set), c);
                }
            }
        }
        return new NonZeroMagnitudes(perColumn, bits, rankBefore, values);
    }

    /** The magnitudes in walk order (shared, not copied: do not change them). */
    public short[] values() {
        return values;
    }

    /**
     * Where the first non-zero weight of column {@code col} at or below row {@code row} (in row
     * order) lies in {@link #values()}: the walk over the column's mask from that row reads the
     * following entries one after another.
     */
    public int indexOf(int row, int col) {
        int word = col * wordsPerColumn + (row >>> 6);
        return rankBefore[word] + Long.bitCount(bits[word] & ((1L << row) - 1));
    }

    /** |w(row, col)|, zero when the weight is. */
    public int magnitude(int row, int col) {
        long word = bits[col * wordsPerColumn + (row >>> 6)];
        return (word >>> row & 1) == 0 ? 0 : values[indexOf(row, col)]; // shifts take the row mod 64
    }
}
