package org.sresim.engine.counting;

import org.sresim.hw.Hardware;
import org.sresim.workload.LayerWorkload;
import org.sresim.workload.MatrixLayer;
import org.sresim.workload.Network;

/**
 * The OU counters by name, for timing one against the other ({@code sre bench}): the fast bit-set
 * counter the simulator uses and the literal reference it is tested against. Their counts of the
 * same layer and windows are equal; {@link LayerCounts} compare by value.
 */
public enum Counter {
    FAST(new BitsetCounter()),
    REFERENCE(new ReferenceCounter());

    private final OuCounter counter;

    Counter(OuCounter counter) {
        this.counter = counter;
    }

    /**
     * One layer's counts on windows {@code sample} ({@link org.sresim.engine.Simulator#windowSample};
     * null: every window).
     */
    public LayerCounts count(LayerWorkload w, Hardware hw, int[] sample) {
        return counter.count(w, hw, sample);
    }

    /** (tile, group, window, step) tuples the data-dependent schemes evaluate for one point: the counting work. */
    public static long tuples(Network net, Hardware hw, int simWindows) {
        long total = 0;
        for (MatrixLayer l : net.matrixLayers()) {
            LayerMapping m = new LayerMapping(l, hw);
            long groups = 0;
            for (int cb = 0; cb < m.colBlocks; cb++) {
                groups += m.groups(cb);
            }
            long windows = simWindows > 0 ? Math.min(simWindows, l.windows()) : l.windows();
            total += groups * m.rowBlocks * windows * hw.inputSteps();
        }
        return total;
    }
}
