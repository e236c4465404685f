package org.sresim.design;

import java.util.List;

/**
 * The knee of a front: the design with the smallest sum of its objectives each scaled to [0, 1]
 * over the front (0 = the front's best, 1 = its worst), i.e. the L1-nearest to the utopia point.
 * Scale-free, so pJ and ns weigh alike; ties go to the earlier design.
 */
public final class Knee {
    private Knee() {
    }

    /** The index of the knee among {@code keys} (smaller is better in every position), or -1 if none. */
    public static int of(List<double[]> keys) {
        if (keys.isEmpty()) {
            return -1;
        }
        int d = keys.get(0).length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (double[] k : keys) {
            for (int i = 0; i < d; i++) {
                lo[i] = Math.min(lo[i], k[i]);
                hi[i] = Math.max(hi[i], k[i]);
            }
        }
        int best = -1;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int j = 0; j < keys.size(); j++) {
            double score = 0;
            for (int i = 0; i < d; i++) {
                score += hi[i] > lo[i] ? (keys.get(j)[i] - lo[i]) / (hi[i] - lo[i]) : 0;
            }
            if (score < bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }
}
