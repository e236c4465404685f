package org.sresim.engine;

import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;

/** Counts every scheme's OU operations and actions for one layer (model sections 4, 5 and 7). */
interface OuCounter {
    LayerCounts count(LayerWorkload workload, Hardware hw);

    /** With the data-dependent schemes estimated from {@code sample} windows (null: every window). */
    default LayerCounts count(LayerWorkload workload, Hardware hw, int[] sample) {
        if (sample != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " counts every window");
        }
        return count(workload, hw);
    }
}
