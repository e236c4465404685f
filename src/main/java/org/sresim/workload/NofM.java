package org.sresim.workload;

import org.sresim.config.KeyType;

/**
 * An N:M sparsity pattern ({@code pruning.method: 2:4}): in every group of M consecutive rows
 * (along K) of each output column, the N largest magnitudes stay and the rest are zeroed; among
 * equal magnitudes the earlier row stays. A tail group shorter than M keeps min(N, its length).
 * Zeros do not line up across columns, which is what OU-row compression needs: the point of
 * simulating it.
 */
public record NofM(int keep, int group) implements java.io.Serializable {

    public NofM {
        if (keep < 1 || keep >= group) {
            throw new IllegalArgumentException("N:M needs 1 <= N < M, got " + keep + ":" + group);
        }
    }

    /** The pattern a {@code pruning.method} value names, or null for the other methods. */
    static NofM parse(String method) {
        int[] nm = method == null ? null : KeyType.nOfM(method);
        return nm == null ? null : new NofM(nm[0], nm[1]);
    }

    /** Applies the pattern in place to a K x N row-major matrix. */
    void prune(short[] w, int rows, int cols) {
        int[] order = new int[group];
        for (int col = 0; col < cols; col++) {
            for (int first = 0; first < rows; first += group) {
                int length = Math.min(group, rows - first);
                pruneGroup(w, cols, col, first, length, order);
            }
        }
    }

    /** Zeroes all but the {@code keep} largest magnitudes of one group (insertion sort: M is small). */
    private void pruneGroup(short[] w, int cols, int col, int first, int length, int[] order) {
        if (length <= keep) {
            return;
        }
        for (int i = 0; i < length; i++) {
            int j = i;
            int m = Math.abs(w[(first + i) * cols + col]);
            // larger magnitudes first; a later row never passes an equal earlier one
            while (j > 0 && Math.abs(w[(first + order[j - 1]) * cols + col]) < m) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        for (int i = keep; i < length; i++) {
            w[(first + order[i]) * cols + col] = 0;
        }
    }

    @Override
    public String toString() {
        return keep + ":" + group;
    }
}
