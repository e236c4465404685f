package org.sresim.workload;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.sresim.config.ConfigException;

/**
 * What pruning sets to zero. Every method zeroes a prefix of an order fixed by the seed alone
 * (magnitude order, or a seeded permutation), so a lower ratio with the same seed always prunes
 * a subset: masks are nested and OU counts never drop as the ratio drops.
 */
public enum PruningMethod {
    /** The smallest-magnitude weights (Deep Compression), ties broken by position. */
    UNSTRUCTURED("unstructured"),
    /** Whole columns (output filters), chosen at random. */
    FILTER("filter"),
    /** All kernel rows of whole input channels, chosen at random. */
    CHANNEL("channel"),
    /** Whole rows (one (c, ky, kx) position across all filters), chosen at random. */
    SHAPE("shape"),
    /**
     * SSL-style (Wen et al., NIPS 2016): a fraction f = 1 - sqrt(1 - r) of rows and the same
     * fraction of columns, so the zeroed fraction is 1 - (1 - f)^2 = r.
     */
    STRUCTURED("structured"),
    /**
     * N:M (the pattern sparse tensor cores run): in every group of M consecutive rows of each
     * column the N largest magnitudes stay (ties: the earlier row); a tail group shorter than M
     * keeps min(N, its length). The pattern is in {@link NofM}.
     */
    N_OF_M("N:M");

    private final String configName;

    PruningMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static PruningMethod of(String name) {
        if (NofM.parse(name) != null) {
            return N_OF_M;
        }
        for (PruningMethod m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new ConfigException("key 'pruning.method': unknown method '" + name + "'");
    }

    /**
     * Rows and columns that survive structured pruning (null: all), decided before any weight is
     * drawn since they depend only on the seed; unstructured pruning keeps everything here and
     * zeroes by magnitude afterwards ({@link #pruneByMagnitude}).
     */
    record Keep(boolean[] rows, boolean[] cols) {
    }

    Keep keep(MatrixLayer layer, double ratio, long seed) {
        if (ratio <= 0 || this == UNSTRUCTURED || this == N_OF_M) {
            return new Keep(null, null);
        }
        int k = layer.rows();
        int n = layer.cols();
        int index = layer.index();
        return switch (this) {
            case FILTER -> new Keep(null, survivors(permutation(n, seed, index, Seeds.Purpose.PRUNE_COLUMNS),
                    count(ratio, n), 1));
            case SHAPE -> new Keep(survivors(permutation(k, seed, index, Seeds.Purpose.PRUNE_ROWS), count(ratio, k), 1),
                    null);
            case CHANNEL -> {
                int channels = layer.inChannels();
                yield new Keep(survivors(permutation(channels, seed, index, Seeds.Purpose.PRUNE_ROWS),
                        count(ratio, channels), k / channels), null);
            }
            case STRUCTURED -> {
                double f = 1 - Math.sqrt(1 - ratio);
                yield new Keep(survivors(permutation(k, seed, index, Seeds.Purpose.PRUNE_ROWS), count(f, k), 1),
                        survivors(permutation(n, seed, index, Seeds.Purpose.PRUNE_COLUMNS), count(f, n), 1));
            }
            case UNSTRUCTURED, N_OF_M -> throw new IllegalStateException();
        };
    }

    /**
     * The rows and columns a published profile keeps: the first {@code shape * K} rows and
     * {@code filter * N} columns of the same seeded orders the shape and filter methods use.
     */
    static Keep keep(MatrixLayer layer, PruningProfile profile, long seed) {
        int k = layer.rows();
        int n = layer.cols();
        int rowsZeroed = count(profile.shape(), k);
        int colsZeroed = count(profile.filter(), n);
        return new Keep(rowsZeroed == 0 ? null
                : survivors(permutation(k, seed, layer.index(), Seeds.Purpose.PRUNE_ROWS), rowsZeroed, 1),
                colsZeroed == 0 ? null
                : survivors(permutation(n, seed, layer.index(), Seeds.Purpose.PRUNE_COLUMNS), colsZeroed, 1));
    }

    /**
     * A published profile's element sparsity: zeroes the smallest magnitudes until
     * round(element * size) weights are zero. Weights already zero (pruned shapes and filters, and
     * values that quantized to 0) have magnitude 0 and count first, so nothing more is zeroed
     * when the structured parts already reach the target.
     */
    static void pruneToElementSparsity(short[] w, double element) {
        pruneSmallest(w, Math.round(element * w.length));
    }

    /** Whether {@link #pruneByMagnitude} changes anything: it needs the drawn values, not just the kept rows and columns. */
    boolean prunesByMagnitude(double ratio) {
        return (this == UNSTRUCTURED || this == N_OF_M) && ratio > 0;
    }

    /**
     * Unstructured pruning: zeroes the {@code ratio} smallest magnitudes in place; N:M: keeps the
     * pattern {@code nOfM} in the K x N row-major matrix (other methods: nothing).
     */
    void pruneByMagnitude(short[] w, double ratio, NofM nOfM, int cols) {
        if (!prunesByMagnitude(ratio)) {
            return;
        }
        if (this == N_OF_M) {
            nOfM.prune(w, w.length / cols, cols);
        } else {
            pruneSmallest(w, Math.round(ratio * w.length));
        }
    }

    /** Marks all but the first {@code count} units (of {@code unitRows} indices each) in permutation order. */
    private static boolean[] survivors(int[] order, int count, int unitRows) {
        boolean[] keep = new boolean[order.length * unitRows];
        java.util.Arrays.fill(keep, true);
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(keep, order[i] * unitRows, (order[i] + 1) * unitRows, false);
        }
        return keep;
    }

    private static int count(double fraction, int of) {
        return (int) Math.round(fraction * of);
    }

    /** A seeded Fisher-Yates permutation of 0..size-1. */
    static int[] permutation(int size, long seed, int layerIndex, Seeds.Purpose purpose) {
        SplittableRandom r = Seeds.stream(seed, layerIndex, purpose);
        int[] p = new int[size];
        for (int i = 0; i < size; i++) {
            p[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }



    /**
     * Zeroes the {@code count} smallest magnitudes; among equal magnitudes the earlier positions
     * go first. A histogram of magnitudes (at most 2^15 bins) finds the threshold in two passes.
     */
    private static void pruneSmallest(short[] w, long count) {
        long[] histogram = new long[1 << 15];
        for (short v : w) {
            histogram[Math.abs(v)]++;
        }
        long remaining = count;
        int threshold = 0;
        while (threshold < histogram.length && remaining >= histogram[threshold]) {
            remaining -= histogram[threshold];
            threshold++;
        }
        // magnitudes below the threshold all go; `remaining` of those equal to it go, first ones first
        for (int i = 0; i < w.length; i++) {
            int m = Math.abs(w[i]);
            if (m < threshold) {
                w[i] = 0;
            } else if (m == threshold && remaining > 0) {
                w[i] = 0;
                remaining--;
            }
        }
    }
}
