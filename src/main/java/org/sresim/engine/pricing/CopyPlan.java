package org.sresim.engine.pricing;

import java.util.Arrays;

/**
 * How many copies of each layer the chip holds (model section 6, {@code replicated}): every layer
 * starts with one copy; one more copy at a time goes to the layer with the largest dense time per
 * copy (ties: the earlier layer); a layer drops out when another copy would exceed the chip or
 * it has as many copies as windows. Made once from the dense design and reused by every scheme,
 * since the hardware does not change with the data. A network that does not fit with one copy
 * each is reported as not fitting and runs with one copy each.
 */
public record CopyPlan(int[] copies, boolean fitsOnChip) {

    static CopyPlan replicated(int[] crossbarsPerCopy, int[] windows, long[] denseTime, long chipCrossbars) {
        return replicated(crossbarsPerCopy, windows, denseTime, null, chipCrossbars);
    }

    /**
     * As above; with {@code cycleNs} (a heterogeneous design, whose layers differ in OU cycle) the
     * dense times compared are {@code denseTime[l] * cycleNs[l]} nanoseconds. Null: cycles, exactly.
     */
    public static CopyPlan replicated(int[] crossbarsPerCopy, int[] windows, long[] denseTime, double[] cycleNs,
                               long chipCrossbars) {
        int layers = crossbarsPerCopy.length;
        int[] copies = new int[layers];
        Arrays.fill(copies, 1);
        long used = 0;
        for (int t : crossbarsPerCopy) {
            used += t;
        }
        if (used > chipCrossbars) {
            return new CopyPlan(copies, false);
        }
        boolean[] open = new boolean[layers];
        Arrays.fill(open, true);
        while (true) {
            int best = -1;
            for (int l = 0; l < layers; l++) {
                // denseTime[l] / copies[l] > denseTime[best] / copies[best], exactly, without division
                if (open[l] && (best < 0 || slower(l, best, denseTime, cycleNs, copies))) {
                    best = l;
                }
            }
            if (best < 0) {
                return new CopyPlan(copies, true);
            }
            if (used + crossbarsPerCopy[best] > chipCrossbars || copies[best] >= windows[best]) {
                open[best] = false;
            } else {
                copies[best]++;
                used += crossbarsPerCopy[best];
            }
        }
    }

    /** Whether layer a's dense time per copy exceeds layer b's. */
    private static boolean slower(int a, int b, long[] denseTime, double[] cycleNs, int[] copies) {
        if (cycleNs == null) {
            return denseTime[a] * copies[b] > denseTime[b] * copies[a];
        }
        return denseTime[a] * cycleNs[a] * copies[b] > denseTime[b] * cycleNs[b] * copies[a];
    }

    public static CopyPlan parallelTiles(int[] crossbarsPerCopy, long chipCrossbars) {
        long used = 0;
        for (int t : crossbarsPerCopy) {
            used += t;
        }
        int[] copies = new int[crossbarsPerCopy.length];
        Arrays.fill(copies, 1);
        return new CopyPlan(copies, used <= chipCrossbars);
    }

    /** A layer's cycles with r copies: its slowest tile's operations split over the copies, max_t ceil(C_t / r). */
    public static long cycles(long[] tileOps, int copies) {
        long worst = 0;
        for (long c : tileOps) {
            worst = Math.max(worst, (c + copies - 1) / copies);
        }
        return worst;
    }
}
