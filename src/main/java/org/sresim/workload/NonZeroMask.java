package org.sresim.workload;

/**
 * Which weights of a K x N matrix are non-zero, column by column: bit k of column n is set when
 * weight (k, n) != 0. It is what row-wise compression needs when an OU column group holds whole
 * weights (a row survives in the group when one of its weights there is non-zero), so the counter
 * reads K/64 words per column instead of K shorts, and synthetic layers build it while drawing,
 * without materialising their weights (see {@link QuantizedLaplace.Draw#nonZero}). Immutable.
 */
public final class NonZeroMask {
    private final int rows;
    private final int cols;
    private final int wordsPerColumn;
    /** Column-major: column n holds words [n * wordsPerColumn, (n + 1) * wordsPerColumn). */
    private final long[] bits;
    private final long count;

    private NonZeroMask(int rows, int cols, long[] bits) {
        this.rows = rows;
        this.cols = cols;
        this.wordsPerColumn = words(rows);
        this.bits = bits;
        long n = 0;
        for (long word : bits) {
            n += Long.bitCount(word);
        }
        this.count = n;
    }

    /** The mask of a row-major K x N weight array. */
    public static NonZeroMask of(short[] weights, int rows, int cols) {
        if (weights.length != (long) rows * cols) {
            throw new IllegalArgumentException(weights.length + " weights for a " + rows + " x " + cols + " matrix");
        }
        int perColumn = words(rows);
        long[] bits = new long[Math.multiplyExact(perColumn, cols)];
        // 64 rows at a time: one word per column collects them, so each word is written once
        long[] word = new long[cols];
        for (int block = 0; block < perColumn; block++) {
            java.util.Arrays.fill(word, 0);
            int end = Math.min(rows, (block + 1) * 64);
            for (int r = block * 64; r < end; r++) {
                long bit = 1L << r;
                int start = r * cols;
                for (int n = 0; n < cols; n++) {
                    if (weights[start + n] != 0) {
                        word[n] |= bit;
                    }
                }
            }
            for (int n = 0; n < cols; n++) {
                bits[n * perColumn + block] = word[n];
            }
        }
        return new NonZeroMask(rows, cols, bits);
    }

    /** A mask from its column-major words ({@code ceil(rows / 64)} per column, bit k of a column's words = row k). */
    static NonZeroMask ofColumns(int rows, int cols, long[] bits) {
        if (bits.length != (long) words(rows) * cols) {
            throw new IllegalArgumentException(bits.length + " words for a " + rows + " x " + cols + " mask");
        }
        return new NonZeroMask(rows, cols, bits);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The number of non-zero weights. */
    public long count() {
        return count;
    }

    /** The column-major words (shared, not copied: do not change them). */
    long[] words() {
        return bits;
    }

    public boolean isSet(int row, int col) {
        return (bits[col * wordsPerColumn + (row >>> 6)] >>> row & 1) != 0;
    }

    /**
     * ORs rows [fromRow, fromRow + length) of column {@code col} into {@code into}, row fromRow + i
     * landing on bit i: the column's share of a row block's compressed-row mask.
     */
    public void orRows(int col, int fromRow, int length, long[] into) {
        if (fromRow < 0 || length < 0 || fromRow + length > rows || words(length) > into.length) {
            throw new IndexOutOfBoundsException("rows " + fromRow + " + " + length + " of " + rows);
        }
        int base = col * wordsPerColumn;
        int end = base + wordsPerColumn;
        int shift = fromRow & 63;
        for (int j = 0, w = base + (fromRow >>> 6); j < words(length); j++, w++) {
            long word = bits[w] >>> shift;
            if (shift != 0 && w + 1 < end) {
                word |= bits[w + 1] << (64 - shift);
            }
            int left = length - 64 * j;
            if (left < 64) {
                word &= (1L << left) - 1;
            }
            into[j] |= word;
        }
    }

    static int words(int rows) {
        return (rows + 63) >>> 6;
    }
}
