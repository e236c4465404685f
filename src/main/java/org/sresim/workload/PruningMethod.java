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
    STRUCTURED("structured");

    private final String configName;

    PruningMethod(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    public static PruningMethod of(String name) {
        for (PruningMethod m : values()) {
            if (m.configName.equals(name)) {
                return m;
            }
        }
        throw new ConfigException("key 'pruning.method': unknown method '" + name + "'");
    }

    /** Zeroes a fraction {@code ratio} of the K x N row-major matrix in place. */
    void prune(short[] w, MatrixLayer layer, double ratio, long seed) {
        if (ratio <= 0) {
            return;
        }
        int k = layer.rows();
        int n = layer.cols();
        int index = layer.index();
        switch (this) {
            case UNSTRUCTURED -> pruneSmallest(w, Math.round(ratio * w.length));
            case FILTER -> zeroColumns(w, k, n, permutation(n, seed, index, Seeds.Purpose.PRUNE_COLUMNS),
                    count(ratio, n));
            case SHAPE -> zeroRows(w, n, permutation(k, seed, index, Seeds.Purpose.PRUNE_ROWS), count(ratio, k), 1);
            case CHANNEL -> {
                int channels = layer.inChannels();
                int perChannel = k / channels;
                zeroRows(w, n, permutation(channels, seed, index, Seeds.Purpose.PRUNE_ROWS),
                        count(ratio, channels), perChannel);
            }
            case STRUCTURED -> {
                double f = 1 - Math.sqrt(1 - ratio);
                zeroRows(w, n, permutation(k, seed, index, Seeds.Purpose.PRUNE_ROWS), count(f, k), 1);
                zeroColumns(w, k, n, permutation(n, seed, index, Seeds.Purpose.PRUNE_COLUMNS), count(f, n));
            }
        }
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

    private static void zeroColumns(short[] w, int k, int n, int[] order, int count) {
        int[] cols = Arrays.copyOf(order, count);
        Arrays.sort(cols); // row by row, in memory order: a column at a time would stride the whole matrix
        for (int row = 0; row < k; row++) {
            int base = row * n;
            for (int col : cols) {
                w[base + col] = 0;
            }
        }
    }

    /** Zeroes {@code count} units of {@code unitRows} consecutive rows each, in permutation order. */
    private static void zeroRows(short[] w, int n, int[] order, int count, int unitRows) {
        for (int i = 0; i < count; i++) {
            int from = order[i] * unitRows * n;
            Arrays.fill(w, from, from + unitRows * n, (short) 0);
        }
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
