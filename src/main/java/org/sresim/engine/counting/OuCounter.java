package org.sresim.engine.counting;

import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;

/** Counts every scheme's OU operations and actions for one layer (model sections 4, 5 and 7). */
public interface OuCounter {
    LayerCounts count(LayerWorkload workload, Hardware hw);

    /** With the data-dependent schemes estimated from {@code sample} windows (null: every window). */
    default LayerCounts count(LayerWorkload workload, Hardware hw, int[] sample) {
        if (sample != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " counts every window");
        }
        return count(workload, hw);
    }

    /** The counts for each of several OU heights ({@code hw.ouRows()} is not read), element h for heights[h]. */
    default LayerCounts[] count(LayerWorkload workload, Hardware hw, int[] sample, int[] heights) {
        LayerCounts[] counts = new LayerCounts[heights.length];
        for (int h = 0; h < heights.length; h++) {
            counts[h] = count(workload, OuHeights.withOuRows(hw, heights[h]), sample);
        }
        return counts;
    }
}
